/** One colour per Hyperband bracket, legible on both the dark and the light background. */
export const BRACKET_COLOURS = ['#4c8df6', '#f08c2e', '#22a98c', '#a56ee6', '#d4a017', '#e0578a', '#4fb3d9'] as const;

export const FAILED_COLOUR = '#8a929c';

export function bracketColour(bracket: number): string {
  return BRACKET_COLOURS[bracket % BRACKET_COLOURS.length]!;
}

/** Chart-side copies of the store's plain data shapes (charts import nothing from the store). */
export interface CurvePointData {
  epoch: number;
  valAccuracy: number;
  valLoss: number;
  accuracy: number;
  loss: number;
}

export interface CurveLine {
  trialId: string;
  bracket: number;
  status: string;
  parentId: string | null;
  points: CurvePointData[];
  /** Where the trial's loss stopped being finite: its line ends there, marked with a cross. */
  divergedAt: { epoch: number; batch: number } | null;
}

/** "diverged at epoch 3, batch 17", or for a trial that started from diverged weights, says so. */
export function describeDivergence(at: { epoch: number; batch: number }): string {
  return at.batch === 0 ? `diverged at epoch ${at.epoch}: started from its parent's diverged weights` : `diverged at epoch ${at.epoch}, batch ${at.batch}`;
}

export type MetricKey = 'valAccuracy' | 'valLoss' | 'accuracy' | 'loss';

export function lineColour(line: Pick<CurveLine, 'bracket' | 'status'>): string {
  return line.status === 'failed' ? FAILED_COLOUR : bracketColour(line.bracket);
}

/** The sequential scale for a score, worst to best: purple, blue, teal, green, amber; legible on both themes. */
export const SEQUENTIAL_COLOURS = ['#7b5cc4', '#3f84d8', '#22a98c', '#7cb83a', '#e0a21a'] as const;

/** The colour at `t` (0 worst, 1 best) along SEQUENTIAL_COLOURS, interpolated in RGB. */
export function sequentialColour(t: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const position = clamped * (SEQUENTIAL_COLOURS.length - 1);
  const index = Math.min(SEQUENTIAL_COLOURS.length - 2, Math.floor(position));
  const mix = position - index;
  const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const from = rgb(SEQUENTIAL_COLOURS[index]!);
  const to = rgb(SEQUENTIAL_COLOURS[index + 1]!);
  return `#${from.map((c, i) => Math.round(c + (to[i]! - c) * mix).toString(16).padStart(2, '0')).join('')}`;
}
