import { RandomForestRegression } from 'ml-random-forest';
import type { PartitionNode } from './partitionVariance.ts';

/**
 * The forest Optuna's FanovaImportanceEvaluator fits (scikit-learn's RandomForestRegressor with 64
 * trees, depth up to 64, splits down to single samples, every feature, bootstrap samples), with a
 * fixed seed so the same trials always give the same importances.
 */
export const FOREST_OPTIONS = { trees: 64, maxDepth: 64, seed: 20_240_801 } as const;

/** A node as ml-cart builds it: a split has both children; a regression leaf's `distribution` is its mean. */
interface CartNode {
  splitColumn?: number;
  splitValue?: number;
  left?: CartNode;
  right?: CartNode;
  distribution?: unknown;
}

interface TrainedForest {
  estimators: { root: CartNode }[];
  /** Per tree, the original column of each of its columns (the forest permutes them). */
  indexes: number[][];
}

/**
 * ml-cart puts a threshold at a sample's value when two samples share it (`x < x` splits nothing of
 * theirs): the data split stands, but the box it cuts degenerates (a one-hot column cut at 1). Such a
 * threshold moves to the midpoint between the neighbouring values that reach the node, as
 * scikit-learn places every threshold.
 */
function midpointThreshold(rows: readonly (readonly number[])[], column: number, threshold: number): number {
  let below = -Infinity;
  let above = Infinity;
  for (const row of rows) {
    const x = row[column]!;
    if (x < threshold) below = Math.max(below, x);
    else above = Math.min(above, x);
  }
  if (above !== threshold || below === -Infinity) return threshold;
  return (below + above) / 2;
}

function convert(node: CartNode, columnOf: readonly number[], rows: readonly (readonly number[])[]): PartitionNode {
  if (!node.left || !node.right || node.splitColumn === undefined || node.splitValue === undefined) {
    const value = node.distribution;
    if (typeof value !== 'number') throw new Error('ml-random-forest: a regression leaf without a mean');
    return { kind: 'leaf', value };
  }
  const column = columnOf[node.splitColumn]!;
  const threshold = midpointThreshold(rows, column, node.splitValue);
  const left = rows.filter((row) => row[column]! < node.splitValue!);
  const right = rows.filter((row) => row[column]! >= node.splitValue!);
  return { kind: 'split', column, threshold, left: convert(node.left, columnOf, left), right: convert(node.right, columnOf, right) };
}

/**
 * ml-cart refuses a split whose squared error equals its parent's, and the root's parent counts as 0:
 * a score that one split separates perfectly (two choices, two scores) would leave the tree a single
 * leaf. A ramp over the trials of a billionth of the scores' range makes no split's error exactly 0
 * and moves no prediction by more than that.
 */
export const TIE_BREAK = 1e-9;

function tieBroken(scores: readonly number[]): number[] {
  const range = Math.max(...scores) - Math.min(...scores);
  return scores.map((score, i) => score + (range * TIE_BREAK * i) / scores.length);
}

/** Fits the forest to the encoded trials and returns its trees over the original columns. */
export function fitForest(rows: readonly number[][], scores: readonly number[]): PartitionNode[] {
  const forest = new RandomForestRegression({
    nEstimators: FOREST_OPTIONS.trees,
    maxFeatures: 1.0,
    replacement: false,
    useSampleBagging: true,
    noOOB: true,
    seed: FOREST_OPTIONS.seed,
    // A node of one sample is a leaf (scikit-learn's min_samples_split=2); a split to two pure halves
    // (squared error 0) is still made, where ml-cart's default threshold of 0 would refuse it.
    treeOptions: { minNumSamples: 1, maxDepth: FOREST_OPTIONS.maxDepth, gainThreshold: -1 },
  });
  forest.train(rows.map((row) => [...row]), tieBroken(scores));
  const trained = forest as unknown as TrainedForest;
  return trained.estimators.map((tree, i) => convert(tree.root, trained.indexes[i]!, rows));
}
