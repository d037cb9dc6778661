/**
 * The functional ANOVA of one regression tree (Hutter, Hoos and Leyton-Brown 2014, "An Efficient
 * Approach for Assessing Hyperparameter Importance"), as Optuna's fANOVA evaluator computes it: the
 * tree is a piecewise-constant function over the box `bounds`, averaged under the uniform measure.
 */

/** A tree's node: a split sends `x[column] < threshold` left, or a leaf predicts `value`. */
export type PartitionNode =
  | { kind: 'split'; column: number; threshold: number; left: PartitionNode; right: PartitionNode }
  | { kind: 'leaf'; value: number };

/** A leaf's box: its prediction and, per column, the [low, high] of the region that reaches it. */
interface LeafBox {
  value: number;
  low: Float64Array;
  high: Float64Array;
}

function leafBoxes(root: PartitionNode, bounds: readonly (readonly [number, number])[]): LeafBox[] {
  const leaves: LeafBox[] = [];
  const visit = (node: PartitionNode, low: Float64Array, high: Float64Array) => {
    if (node.kind === 'leaf') {
      leaves.push({ value: node.value, low, high });
      return;
    }
    const leftHigh = high.slice();
    leftHigh[node.column] = Math.min(high[node.column]!, Math.max(low[node.column]!, node.threshold));
    const rightLow = low.slice();
    rightLow[node.column] = Math.max(low[node.column]!, Math.min(high[node.column]!, node.threshold));
    visit(node.left, low, leftHigh);
    visit(node.right, rightLow, high);
  };
  visit(root, Float64Array.from(bounds, (b) => b[0]), Float64Array.from(bounds, (b) => b[1]));
  return leaves;
}

/**
 * A tree's variance over the box, and the variance of each group of columns' marginal: the tree's
 * prediction averaged over every other column, as a function of the group's columns alone.
 */
export class PartitionVariance {
  readonly #leaves: LeafBox[];
  readonly #ranges: Float64Array;
  /** The tree's mean over the box. */
  readonly mean: number;
  /** The tree's variance over the box (0 for a tree that predicts one value everywhere). */
  readonly variance: number;

  constructor(root: PartitionNode, bounds: readonly (readonly [number, number])[]) {
    this.#ranges = Float64Array.from(bounds, ([low, high]) => high - low);
    this.#leaves = leafBoxes(root, bounds);
    const shares = this.#leaves.map((leaf) => this.#share(leaf, () => true));
    const total = shares.reduce((sum, share) => sum + share, 0);
    this.mean = this.#leaves.reduce((sum, leaf, i) => sum + leaf.value * shares[i]!, 0) / total;
    this.variance = this.#leaves.reduce((sum, leaf, i) => sum + (leaf.value - this.mean) ** 2 * shares[i]!, 0) / total;
  }

  /** The fraction of the box's extent along the chosen columns that a leaf covers (a column of zero range counts as covered). */
  #share(leaf: LeafBox, chosen: (column: number) => boolean): number {
    let share = 1;
    for (let c = 0; c < this.#ranges.length; c++) {
      if (chosen(c) && this.#ranges[c]! > 0) share *= (leaf.high[c]! - leaf.low[c]!) / this.#ranges[c]!;
    }
    return share;
  }

  /**
   * The variance of the marginal over `columns`. The marginal is a(x) = Σ_leaf (value - mean) ·
   * share of the other columns · [x in the leaf's box along `columns`], so its variance is the
   * double sum over leaf pairs of those weights times the overlap of their boxes along `columns`:
   * exact, with no grid over the split points (which grows as a product for a one-hot group). A
   * single column takes the sweep below instead, linear in the leaves.
   */
  marginalVariance(columns: readonly number[]): number {
    const inGroup = new Set(columns);
    const leaves = this.#leaves;
    const weights = leaves.map((leaf) => (leaf.value - this.mean) * this.#share(leaf, (c) => !inGroup.has(c)));
    const spans = columns.filter((c) => this.#ranges[c]! > 0);
    if (spans.length === 1) return this.#sweptVariance(spans[0]!, weights);
    let sum = 0;
    for (let i = 0; i < leaves.length; i++) {
      if (weights[i] === 0) continue;
      for (let j = i; j < leaves.length; j++) {
        if (weights[j] === 0) continue;
        let overlap = 1;
        for (const c of spans) {
          const extent = Math.min(leaves[i]!.high[c]!, leaves[j]!.high[c]!) - Math.max(leaves[i]!.low[c]!, leaves[j]!.low[c]!);
          if (extent <= 0) {
            overlap = 0;
            break;
          }
          overlap *= extent / this.#ranges[c]!;
        }
        sum += (i === j ? 1 : 2) * weights[i]! * weights[j]! * overlap;
      }
    }
    return Math.max(0, sum);
  }

  /**
   * The same sum for one column, in one sweep: the marginal is constant between consecutive leaf
   * edges, each leaf adds its weight from its low edge to its high edge.
   */
  #sweptVariance(column: number, weights: readonly number[]): number {
    const edges = [...new Set(this.#leaves.flatMap((leaf) => [leaf.low[column]!, leaf.high[column]!]))].sort((a, b) => a - b);
    const at = new Map(edges.map((edge, i) => [edge, i]));
    const steps = new Float64Array(edges.length);
    this.#leaves.forEach((leaf, i) => {
      steps[at.get(leaf.low[column]!)!]! += weights[i]!;
      steps[at.get(leaf.high[column]!)!]! -= weights[i]!;
    });
    let marginal = 0;
    let sum = 0;
    for (let k = 0; k + 1 < edges.length; k++) {
      marginal += steps[k]!;
      sum += marginal * marginal * ((edges[k + 1]! - edges[k]!) / this.#ranges[column]!);
    }
    return Math.max(0, sum);
  }
}
