import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/engine/referenceDefaults.ts';
import { draftFromSettings, settingsFromDraft } from '../../../src/store/settingsDraft.ts';

describe('the Seed field', () => {
  it('refuses 0 at the field, saying why: KerasTuner reads 0 as "no seed"', () => {
    const draft = { ...draftFromSettings(DEFAULT_SETTINGS, 'auto', 1), seed: '0' };
    expect(settingsFromDraft(draft)).toEqual({
      ok: false,
      errors: [{ field: 'seed', message: 'must be at least 1: KerasTuner treats seed 0 as no seed and draws a random one, so 0 would not reproduce a KerasTuner run' }],
    });
    expect(settingsFromDraft({ ...draft, seed: '1' }).ok).toBe(true);
  });
});
