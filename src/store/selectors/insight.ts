import { isPreferred } from '../../engine/bestTrial.ts';
import type { Hyperparameter, HyperparameterValue, HyperparameterValues } from '../../engine/hyperparameters.ts';
import { runSpaces, type RunResults, type TrialView } from '../runState.ts';
import { axisFraction, axisTicks, formatAxisValue, brushContains, brushFractions, type AxisBrush, type AxisScale, type AxisTick } from './axisScale.ts';

/** The objective's axis key: no hyperparameter can be named so (names are letters, digits and _). */
export const OBJECTIVE_AXIS = '@objective';

export type Brushes = Readonly<Record<string, AxisBrush>>;

export interface InsightAxis {
  /** A hyperparameter's name, or OBJECTIVE_AXIS. */
  key: string;
  label: string;
  scale: AxisScale;
  ticks: AxisTick[];
  brush: AxisBrush | null;
  /** Where the brush lies, [low, high] fractions of the axis; null without a brush (or one that selects no category). */
  brushFractions: [number, number] | null;
}

export interface InsightLine {
  trialId: string;
  /** Each axis's place for this trial, 0 (bottom) to 1 (top), in the axes' order; null where it has no value. */
  fractions: (number | null)[];
  /** Each axis's value as text, in the axes' order ('—' where it has none). */
  values: string[];
  score: number;
  /** 0 for the worst score shown, 1 for the best. */
  rank: number;
  /** Passes every brush. */
  selected: boolean;
}

/** A completed trial's hyperparameters and score, what the insight charts plot. */
export interface ScoredTrial {
  trialId: string;
  hyperparameters: HyperparameterValues;
  score: number;
}

/** A trial passes the brushes when each brushed axis holds its value (the objective's: its score). */
export function passesBrushes(hyperparameters: HyperparameterValues, score: number | null, brushes: Brushes): boolean {
  return Object.entries(brushes).every(([key, brush]) => brushContains(brush, key === OBJECTIVE_AXIS ? score : hyperparameters[key]));
}

/** The trials the brushes keep (any status: a trial without a score fails an objective brush); null when nothing is brushed. */
export function brushedTrialIds(run: RunResults, brushes: Brushes): ReadonlySet<string> | null {
  if (Object.keys(brushes).length === 0) return null;
  return new Set(Object.values(run.trials).filter((t) => passesBrushes(t.run.hyperparameters, t.status === 'completed' ? t.score : null, brushes)).map((t) => t.trialId));
}

/** Completed with a finite score: what the insight charts and importance compare. */
export function hasFiniteScore(trial: TrialView): boolean {
  return trial.status === 'completed' && trial.score !== null && Number.isFinite(trial.score);
}

export function completedTrials(run: RunResults): ScoredTrial[] {
  return Object.values(run.trials)
    .filter(hasFiniteScore)
    .map((t) => ({ trialId: t.trialId, hyperparameters: t.run.hyperparameters, score: t.score! }));
}

function familyRoot(run: RunResults, trial: TrialView): string {
  let current = trial;
  const seen = new Set<string>();
  while (current.run.parentId && run.trials[current.run.parentId] && !seen.has(current.trialId)) {
    seen.add(current.trialId);
    current = run.trials[current.run.parentId]!;
  }
  return current.trialId;
}

/**
 * One trial per promoted family (a chain of parents and their promoted children): its completed
 * member with the largest budget, the one Hyperband trained longest; ties go to the later round.
 */
export function finalBudgetTrials(run: RunResults): ScoredTrial[] {
  const completed = completedTrials(run);
  const byRoot = new Map<string, TrialView>();
  for (const { trialId } of completed) {
    const trial = run.trials[trialId]!;
    const root = familyRoot(run, trial);
    const held = byRoot.get(root);
    if (!held || trial.run.epochs > held.run.epochs || (trial.run.epochs === held.run.epochs && trial.run.round > held.run.round)) byRoot.set(root, trial);
  }
  const kept = new Set([...byRoot.values()].map((t) => t.trialId));
  return completed.filter((t) => kept.has(t.trialId));
}

function numericBounds(values: number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

/** The axis a hyperparameter gets: its type as the newest space defines it, widened to every value a trial took. */
function hyperparameterScale(definitions: Hyperparameter[], observed: HyperparameterValue[]): AxisScale {
  const latest = definitions.at(-1)!;
  if (latest.type === 'int' || latest.type === 'float') {
    const numbers = [...definitions.flatMap((hp) => (hp.type === latest.type ? [hp.min, hp.max] : [])), ...observed.filter((v): v is number => typeof v === 'number')];
    const [min, max] = numericBounds(numbers);
    return { kind: latest.sampling === 'log' ? 'log' : 'linear', min, max, integer: latest.type === 'int' };
  }
  const declared = latest.type === 'boolean' ? [false, true] : latest.type === 'fixed' ? [latest.value] : definitions.flatMap((hp) => (hp.type === 'choice' ? hp.values : []));
  const values = [...new Set([...declared, ...observed])];
  // Numbers read bottom to top from the smallest; words keep the order they were declared in.
  if (values.every((v) => typeof v === 'number')) values.sort((a, b) => (a as number) - (b as number));
  return { kind: 'categories', values };
}

function objectiveScale(scores: number[]): AxisScale {
  if (scores.length === 0) return { kind: 'linear', min: 0, max: 1, integer: false };
  const [min, max] = numericBounds(scores);
  return { kind: 'linear', min, max, integer: false };
}

function axisOf(key: string, label: string, scale: AxisScale, brushes: Brushes): InsightAxis {
  const brush = brushes[key] ?? null;
  return { key, label, scale, ticks: axisTicks(scale), brush, brushFractions: brush ? brushFractions(scale, brush) : null };
}

/** One axis per hyperparameter in registration order (names a later space version added, after), the objective last. */
export function insightAxes(run: RunResults, brushes: Brushes, trials: readonly ScoredTrial[] = finalBudgetTrials(run)): InsightAxis[] {
  const spaces = runSpaces(run);
  const names = [...new Set(spaces.flatMap((space) => space.hyperparameters.map((hp) => hp.name)))];
  const axes = names.map((name) => {
    const definitions = spaces.flatMap((space) => space.hyperparameters.filter((hp) => hp.name === name));
    const observed = completedTrials(run).map((t) => t.hyperparameters[name]).filter((v): v is HyperparameterValue => v !== undefined);
    return axisOf(name, name, hyperparameterScale(definitions, observed), brushes);
  });
  const objective = run.settings?.objective ?? 'val_accuracy';
  return [...axes, axisOf(OBJECTIVE_AXIS, objective, objectiveScale(trials.map((t) => t.score)), brushes)];
}

/**
 * What the insight charts read of a run, as one string: the objective, the space versions and the completed
 * trials (a completed trial never changes). Equal keys draw equal charts, so the epochs of running trials
 * cost them nothing.
 */
export function insightKey(run: RunResults): string {
  return `${run.settings?.objective}|${runSpaces(run).length}|${completedTrials(run).map((t) => t.trialId).join(',')}`;
}

export interface ParallelCoordinatesData {
  axes: InsightAxis[];
  lines: InsightLine[];
}

/** A line per completed family at its final budget, through every axis, ranked by score for its colour. */
export function parallelCoordinates(run: RunResults, brushes: Brushes): ParallelCoordinatesData {
  const trials = finalBudgetTrials(run);
  const axes = insightAxes(run, brushes, trials);
  const objective = run.settings?.objective ?? 'val_accuracy';
  const scores = trials.map((t) => t.score);
  const worst = objective === 'val_loss' ? Math.max(...scores) : Math.min(...scores);
  const best = objective === 'val_loss' ? Math.min(...scores) : Math.max(...scores);
  const valueOn = (trial: ScoredTrial, axis: InsightAxis) => (axis.key === OBJECTIVE_AXIS ? trial.score : trial.hyperparameters[axis.key]);
  const lines = trials.map((trial) => ({
    trialId: trial.trialId,
    fractions: axes.map((axis) => axisFraction(axis.scale, valueOn(trial, axis))),
    values: axes.map((axis) => {
      const value = valueOn(trial, axis);
      return value === undefined ? '—' : axis.key === OBJECTIVE_AXIS ? trial.score.toFixed(4) : formatAxisValue(value);
    }),
    score: trial.score,
    rank: best === worst ? 1 : Math.abs(trial.score - worst) / Math.abs(best - worst),
    selected: passesBrushes(trial.hyperparameters, trial.score, brushes),
  }));
  // Better lines are drawn last, on top.
  lines.sort((a, b) => (isPreferred(objective, b, a) ? -1 : isPreferred(objective, a, b) ? 1 : a.trialId.localeCompare(b.trialId)));
  return { axes, lines };
}
