import { describe, expect, it } from 'vitest';
import { confusionMatrix, diagonalSum, misclassifiedDigits, mistakesInCell, predictedClasses } from '../../../src/engine/modelEvaluation.ts';

describe('where a model fails', () => {
  const labels = [0, 1, 1, 7, 7, 7, 9, 4];
  const predicted = [0, 1, 7, 7, 1, 7, 4, 9];
  const confidence = [0.9, 0.8, 0.55, 0.99, 0.7, 0.6, 0.95, 0.4];

  it('counts each (true, predicted) pair, row by true label', () => {
    const matrix = confusionMatrix(labels, predicted);
    expect(matrix).toHaveLength(10);
    expect(matrix[1]![7]).toBe(1);
    expect(matrix[7]![1]).toBe(1);
    expect(matrix[7]![7]).toBe(2);
    expect(matrix[9]![4]).toBe(1);
    expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(labels.length);
    expect(diagonalSum(matrix)).toBe(4);
    expect(() => confusionMatrix([1, 2], [1])).toThrow('2 labels but 1 predictions');
  });

  it('lists the mistakes most confident first, and filters them by a cell', () => {
    const wrong = misclassifiedDigits(labels, predicted, confidence, (i) => new Uint8Array([i]));
    expect(wrong.map((m) => m.index)).toEqual([6, 4, 2, 7]);
    expect(wrong[0]).toMatchObject({ label: 9, predicted: 4, confidence: 0.95 });
    expect(wrong[0]!.pixels[0]).toBe(6);
    expect(mistakesInCell(wrong, { label: 7, predicted: 1 }).map((m) => m.index)).toEqual([4]);
    expect(mistakesInCell(wrong, { label: 3, predicted: 5 })).toEqual([]);
    expect(mistakesInCell(wrong, null)).toHaveLength(4);
  });

  it('takes the arg-max of softmax rows, the lower class on a tie', () => {
    const rows = new Float32Array(20);
    rows[3] = 0.6;
    rows[4] = 0.4;
    rows[10 + 2] = 0.5;
    rows[10 + 8] = 0.5;
    const { predicted: classes, confidence: probabilities } = predictedClasses(rows);
    expect([...classes]).toEqual([3, 2]);
    expect([...probabilities].map((p) => Number(p.toFixed(2)))).toEqual([0.6, 0.5]);
  });
});
