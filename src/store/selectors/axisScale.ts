import type { HyperparameterValue } from '../../engine/hyperparameters.ts';

/** How an axis places values: linear or log between two bounds, or evenly spaced categories. */
export type AxisScale =
  | { kind: 'linear' | 'log'; min: number; max: number; integer: boolean }
  | { kind: 'categories'; values: HyperparameterValue[] };

/** A brushed range: numbers from min to max (inclusive), or a set of categories. */
export type AxisBrush = { kind: 'range'; min: number; max: number } | { kind: 'categories'; values: readonly HyperparameterValue[] };

export interface AxisTick {
  /** 0 at the axis's bottom, 1 at its top. */
  fraction: number;
  label: string;
}

/** Floats compared to a brush's bounds: a stepped value keeps binary noise (0.30000000000000004). */
const TOLERANCE = 1e-9;

/** A value's place on the axis, 0 at the bottom (min, first category) to 1 at the top; null when it has none there. */
export function axisFraction(scale: AxisScale, value: HyperparameterValue | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (scale.kind === 'categories') {
    const index = scale.values.indexOf(value);
    if (index === -1) return null;
    return scale.values.length === 1 ? 0.5 : index / (scale.values.length - 1);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (scale.max === scale.min) return 0.5;
  if (scale.kind === 'log') return (Math.log(value) - Math.log(scale.min)) / (Math.log(scale.max) - Math.log(scale.min));
  return (value - scale.min) / (scale.max - scale.min);
}

/** The number at a fraction of a numeric axis (the inverse of axisFraction). */
export function axisValueAt(scale: Extract<AxisScale, { kind: 'linear' | 'log' }>, fraction: number): number {
  if (scale.kind === 'log') return Math.exp(Math.log(scale.min) + fraction * (Math.log(scale.max) - Math.log(scale.min)));
  return scale.min + fraction * (scale.max - scale.min);
}

export function formatAxisValue(value: HyperparameterValue): string {
  return typeof value === 'number' ? String(Number(value.toPrecision(4))) : String(value);
}

/** A round step near `raw`: 1, 2, 2.5 or 5 times a power of ten. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiple = [1, 2, 2.5, 5, 10].find((m) => raw / power <= m * (1 + 1e-9))!;
  return multiple * power;
}

/** Tick marks: every category; the powers of ten (and the ends) on a log axis; round steps (about four) on a linear one. */
export function axisTicks(scale: AxisScale): AxisTick[] {
  if (scale.kind === 'categories') return scale.values.map((value) => ({ fraction: axisFraction(scale, value)!, label: formatAxisValue(value) }));
  if (scale.max === scale.min) return [{ fraction: 0.5, label: formatAxisValue(scale.min) }];
  const values: number[] = [];
  if (scale.kind === 'log') {
    values.push(scale.min);
    for (let power = Math.ceil(Math.log10(scale.min)); 10 ** power < scale.max; power++) if (10 ** power > scale.min * 1.0001) values.push(10 ** power);
    values.push(scale.max);
  } else {
    const step = Math.max(niceStep((scale.max - scale.min) / 4), scale.integer ? 1 : 0);
    for (let index = Math.ceil(scale.min / step - 1e-9); index * step <= scale.max * (1 + 1e-12) + 1e-12; index++) values.push(Number((index * step).toPrecision(12)));
  }
  const rounded = scale.integer ? [...new Set(values.map(Math.round))] : values;
  return rounded.map((value) => ({ fraction: axisFraction(scale, value)!, label: formatAxisValue(value) }));
}

/**
 * The brush a drag between two fractions of the axis makes. An integer axis keeps the whole numbers
 * inside the drag, so its bounds read exactly as the values they select; a category axis keeps the
 * categories whose place lies inside.
 */
export function brushBetween(scale: AxisScale, from: number, to: number): AxisBrush {
  const low = Math.max(0, Math.min(from, to));
  const high = Math.min(1, Math.max(from, to));
  if (scale.kind === 'categories') return { kind: 'categories', values: scale.values.filter((value) => isBetween(axisFraction(scale, value)!, low, high)) };
  const min = axisValueAt(scale, low);
  const max = axisValueAt(scale, high);
  return scale.integer ? { kind: 'range', min: Math.ceil(min - TOLERANCE), max: Math.floor(max + TOLERANCE) } : { kind: 'range', min, max };
}

function isBetween(value: number, low: number, high: number): boolean {
  return value >= low - TOLERANCE && value <= high + TOLERANCE;
}

export function brushContains(brush: AxisBrush, value: HyperparameterValue | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (brush.kind === 'categories') return brush.values.includes(value);
  const slack = TOLERANCE * Math.max(1, Math.abs(brush.min), Math.abs(brush.max));
  return typeof value === 'number' && value >= brush.min - slack && value <= brush.max + slack;
}

/** Where the brush lies on its axis, as [low, high] fractions (clamped to the axis); null when it selects no category. */
export function brushFractions(scale: AxisScale, brush: AxisBrush): [number, number] | null {
  const places =
    brush.kind === 'categories'
      ? brush.values.map((value) => (scale.kind === 'categories' ? axisFraction(scale, value) : null)).filter((f): f is number => f !== null)
      : scale.kind === 'categories'
        ? []
        : [brush.min, brush.max].map((value) => axisFraction(scale, value)!);
  if (places.length === 0) return null;
  const clamp = (f: number) => Math.min(1, Math.max(0, f));
  return [clamp(Math.min(...places)), clamp(Math.max(...places))];
}

/** "48 to 63", or the categories kept ("0.001, 0.01"; "none"). */
export function describeBrush(brush: AxisBrush): string {
  if (brush.kind === 'range') return `${formatAxisValue(brush.min)} to ${formatAxisValue(brush.max)}`;
  return brush.values.length ? brush.values.map(formatAxisValue).join(', ') : 'none';
}
