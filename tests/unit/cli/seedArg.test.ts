import { describe, expect, it } from 'vitest';
import { parseTuneArgs } from '../../../src/cli/args.ts';

describe('npm run tune -- --seed', () => {
  it('refuses 0, which KerasTuner reads as "no seed", with the reason', () => {
    expect(() => parseTuneArgs(['--seed', '0'])).toThrow(
      '--seed: must be at least 1: KerasTuner treats seed 0 as no seed and draws a random one, so 0 would not reproduce a KerasTuner run',
    );
  });

  it('takes 1 and up', () => {
    expect(parseTuneArgs(['--seed', '1']).settings.seed).toBe(1);
  });
});
