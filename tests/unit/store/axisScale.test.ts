import { describe, expect, it } from 'vitest';
import { axisFraction, axisTicks, axisValueAt, brushBetween, brushContains, brushFractions, describeBrush, type AxisScale } from '../../../src/store/selectors/axisScale.ts';

const units: AxisScale = { kind: 'linear', min: 40, max: 80, integer: true };
const rate: AxisScale = { kind: 'log', min: 0.0001, max: 0.01, integer: false };
const choices: AxisScale = { kind: 'categories', values: [0.0001, 0.001, 0.01] };

describe('axis scales', () => {
  it('place a value linearly between the bounds, bottom 0 to top 1', () => {
    expect(axisFraction(units, 40)).toBe(0);
    expect(axisFraction(units, 50)).toBe(0.25);
    expect(axisFraction(units, 80)).toBe(1);
    expect(axisValueAt(units, 0.25)).toBe(50);
  });

  it('place a log-sampled value by its logarithm, and invert it', () => {
    expect(axisFraction(rate, 0.001)).toBeCloseTo(0.5, 12);
    expect(axisFraction(rate, 0.0001)).toBeCloseTo(0, 12);
    expect(axisValueAt(rate, 0.5)).toBeCloseTo(0.001, 12);
    expect(axisValueAt(rate, axisFraction(rate, 0.0042)!)).toBeCloseTo(0.0042, 12);
  });

  it('space categories evenly, a single one in the middle, and give an unknown value no place', () => {
    expect([0.0001, 0.001, 0.01].map((v) => axisFraction(choices, v))).toEqual([0, 0.5, 1]);
    expect(axisFraction({ kind: 'categories', values: [false, true] }, true)).toBe(1);
    expect(axisFraction({ kind: 'categories', values: ['relu'] }, 'relu')).toBe(0.5);
    expect(axisFraction(choices, 0.5)).toBeNull();
    expect(axisFraction(units, undefined)).toBeNull();
    expect(axisFraction(units, Number.NaN)).toBeNull();
  });

  it('tick a log axis at its ends and the powers of ten between, a linear one at round steps', () => {
    expect(axisTicks(rate).map((t) => t.label)).toEqual(['0.0001', '0.001', '0.01']);
    expect(axisTicks(rate)[1]!.fraction).toBeCloseTo(0.5, 12);
    expect(axisTicks(units).map((t) => t.label)).toEqual(['40', '50', '60', '70', '80']);
    expect(axisTicks({ kind: 'linear', min: 0.1, max: 0.4, integer: false }).map((t) => t.label)).toEqual(['0.1', '0.2', '0.3', '0.4']);
    expect(axisTicks({ kind: 'linear', min: 0.19, max: 0.725, integer: false }).map((t) => t.label)).toEqual(['0.2', '0.4', '0.6']);
    expect(axisTicks({ kind: 'linear', min: 15, max: 17, integer: true }).map((t) => t.label)).toEqual(['15', '16', '17']);
    expect(axisTicks(choices).map((t) => t.fraction)).toEqual([0, 0.5, 1]);
  });
});

describe('brushes', () => {
  it('on an integer axis keep the whole numbers inside the drag, whichever way it went', () => {
    expect(brushBetween(units, 0.6, 0.2)).toEqual({ kind: 'range', min: 48, max: 64 });
    expect(brushBetween(units, 0.21, 0.59)).toEqual({ kind: 'range', min: 49, max: 63 });
    expect(brushBetween(units, -1, 2)).toEqual({ kind: 'range', min: 40, max: 80 });
  });

  it('on a log axis hold the values between the drag ends', () => {
    const brush = brushBetween(rate, 0.25, 0.75);
    expect(brush.kind).toBe('range');
    expect(brushContains(brush, 0.001)).toBe(true);
    expect(brushContains(brush, 0.0001)).toBe(false);
    expect(brushContains(brush, 0.01)).toBe(false);
  });

  it('on a category axis keep the categories whose place the drag covers', () => {
    expect(brushBetween(choices, 0.4, 1)).toEqual({ kind: 'categories', values: [0.001, 0.01] });
    expect(brushBetween(choices, 0.1, 0.2)).toEqual({ kind: 'categories', values: [] });
  });

  it('contain a stepped float despite its binary noise, and nothing without a value', () => {
    const brush = { kind: 'range', min: 0.1, max: 0.3 } as const;
    expect(brushContains(brush, 0.1 + 2 * 0.1)).toBe(true);
    expect(brushContains(brush, 0.4)).toBe(false);
    expect(brushContains(brush, 'relu')).toBe(false);
    expect(brushContains(brush, undefined)).toBe(false);
    expect(brushContains({ kind: 'categories', values: [true] }, true)).toBe(true);
  });

  it('are drawn where they lie on the axis, and described as text', () => {
    expect(brushFractions(units, { kind: 'range', min: 50, max: 60 })).toEqual([0.25, 0.5]);
    expect(brushFractions(units, { kind: 'range', min: 0, max: 60 })).toEqual([0, 0.5]);
    expect(brushFractions(choices, { kind: 'categories', values: [0.01, 0.001] })).toEqual([0.5, 1]);
    expect(brushFractions(choices, { kind: 'categories', values: [] })).toBeNull();
    expect(describeBrush({ kind: 'range', min: 48, max: 63 })).toBe('48 to 63');
    expect(describeBrush({ kind: 'categories', values: [0.001, 0.01] })).toBe('0.001, 0.01');
  });
});
