import { describe, expect, it } from 'vitest';
import { accuracyAxis, lossAxis } from '../../../src/charts/curveAxes.ts';
import { entriesAtEpoch } from '../../../src/charts/CurveTooltip.tsx';
import type { CurveLine, CurvePointData } from '../../../src/charts/palette.ts';

function line(trialId: string, values: Array<Partial<CurvePointData>>, status = 'completed'): CurveLine {
  const points = values.map((v, i) => ({ epoch: i + 1, valAccuracy: 0.5, valLoss: 1, accuracy: 0.5, loss: 1, ...v }));
  return { trialId, bracket: 0, status, parentId: null, points, divergedAt: null };
}

describe('the learning curves\' value axes', () => {
  it('zoom an accuracy axis in on the data, on ticks 0.05 apart, inside [0, 1]', () => {
    const axis = accuracyAxis([line('a', [{ valAccuracy: 0.912 }, { valAccuracy: 0.968 }])], 'valAccuracy');
    expect(axis.domain).toEqual([0.9, 1]);
    expect(axis.ticks).toEqual([0.9, 0.95, 1]);
  });

  it('take a loss axis from the lowest to the highest finite value, widened to round ticks', () => {
    const axis = lossAxis([line('a', [{ valLoss: 2.31 }, { valLoss: 0.62 }]), line('b', [{ valLoss: Number.NaN }, { valLoss: 0.08 }])], 'valLoss');
    expect(axis.domain).toEqual([0, 2.5]);
    expect(axis.ticks).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    for (const value of [0.08, 0.62, 2.31]) expect(value >= axis.domain[0] && value <= axis.domain[1]).toBe(true);
  });

  it('give a loss axis a span when every value is the same, and a default when none is finite', () => {
    const flat = lossAxis([line('a', [{ valLoss: 0.3 }, { valLoss: 0.3 }])], 'valLoss');
    expect(flat.domain[1]).toBeGreaterThan(flat.domain[0]);
    expect(flat.domain[0]).toBeLessThanOrEqual(0.3);
    expect(flat.domain[1]).toBeGreaterThanOrEqual(0.3);
    expect(lossAxis([line('a', [{ valLoss: Number.POSITIVE_INFINITY }])], 'valLoss').domain).toEqual([0, 1]);
  });
});

describe('the curves\' tooltip entries', () => {
  it('list each trial with a finite value at the hovered epoch, in its colour', () => {
    const series = [line('a', [{ valLoss: 0.9 }, { valLoss: 0.5 }]), line('b', [{ valLoss: 0.7 }]), line('c', [{ valLoss: 1 }, { valLoss: Number.NaN }], 'failed')];
    expect(entriesAtEpoch(series, 'valLoss', 2).map((e) => [e.name, e.value])).toEqual([['a', 0.5]]);
    expect(entriesAtEpoch(series, 'valLoss', 1).map((e) => e.name)).toEqual(['a', 'b', 'c']);
    expect(entriesAtEpoch(series, 'valLoss', undefined)).toEqual([]);
    expect(entriesAtEpoch(series, 'valLoss', 1)[2]!.color).not.toBe(entriesAtEpoch(series, 'valLoss', 1)[0]!.color);
  });
});
