/**
 * The accuracy Keras reports for a model whose every output is NaN, which is what a trial's model is
 * after its loss diverged (a NaN gradient makes every weight NaN at the next Adam step).
 *
 * Keras's sparse categorical accuracy compares each label with `argmax(y_pred)`. TensorFlow's ArgMax
 * (Eigen's argmax reducer) starts from index 0 and moves only on a strictly greater value; every
 * comparison with NaN is false, so an all-NaN row gives 0 (NumPy's argmax and PyTorch's give 0 too).
 * A NaN model thus predicts class 0 for every image, and its accuracy is the share of labels that are 0.
 * Computed from the labels at run time: it depends on which validation images the search uses.
 */
export function nanModelAccuracy(labels: ArrayLike<number>): number {
  if (labels.length === 0) return Number.NaN;
  let zeros = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === NAN_MODEL_PREDICTION) zeros++;
  return zeros / labels.length;
}

/** The class an all-NaN prediction's argmax picks. */
export const NAN_MODEL_PREDICTION = 0;
