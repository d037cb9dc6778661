import { mistakesInCell, type Misclassified } from '../../engine/modelEvaluation.ts';
import type { ModelViewState } from '../modelView.ts';

/** The gallery's digits: every mistake, or those of the matrix cell clicked. */
export function selectShownMistakes(model: Pick<ModelViewState, 'evaluation' | 'cell'>): Misclassified[] {
  return model.evaluation ? mistakesInCell(model.evaluation.misclassified, model.cell) : [];
}
