import { describe, expect, it } from 'vitest';
import { referenceDraft, spaceFromDraft, type RangeDraft } from '../../../src/store/spaceDraft.ts';
import { referenceSearchSpace } from '../../../src/engine/referenceDefaults.ts';

function edited(patch: (layers: RangeDraft[]) => void) {
  const draft = referenceDraft();
  const ranges = draft.layers.map((l) => l.units as RangeDraft);
  patch(ranges);
  return spaceFromDraft(draft);
}

describe('the space editor draft', () => {
  it('reads the reference draft as the reference space', () => {
    expect(spaceFromDraft(referenceDraft())).toEqual({ ok: true, value: referenceSearchSpace() });
  });

  it('reports a field that does not parse and every other rule at once', () => {
    const result = edited((units) => {
      units[0]!.min = 'abc';
      units[1]!.min = '130';
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({ field: 'units_0.min', message: '"abc" is not a finite number' });
    expect(result.errors).toContainEqual({ field: 'units_1.min', message: 'min (130) is greater than max (120)' });
    expect(result.errors.filter((e) => e.field.startsWith('units_0.'))).toHaveLength(1);
  });

  it('puts a bound that breaks an MLP rule on the bound itself', () => {
    const result = edited((units) => (units[2]!.min = '0'));
    expect(result).toEqual({ ok: false, errors: [{ field: 'units_2.min', message: 'units must be whole numbers from 1 to 4096, got 0' }] });
  });
});
