import { describe, expect, it } from 'vitest';
import { bestSoFarText, metricChartText } from '../../../src/charts/chartText.ts';
import type { CurveLine } from '../../../src/charts/palette.ts';

const point = (epoch: number, valAccuracy: number, valLoss: number) => ({ epoch, valAccuracy, valLoss, accuracy: valAccuracy, loss: valLoss });

describe('chart text equivalents', () => {
  const series: CurveLine[] = [
    { trialId: '0002', bracket: 1, status: 'running', parentId: null, divergedAt: null, points: [point(1, 0.5, 1.2)] },
    { trialId: '0001', bracket: 1, status: 'completed', parentId: null, divergedAt: null, points: [point(1, 0.8, 0.6), point(2, 0.7, 0.9)] },
  ];

  it('gives each trial its epochs, latest and best value: highest accuracy, lowest loss', () => {
    expect(metricChartText('val_accuracy', series, 'valAccuracy').rows).toEqual([
      ['0001', 'bracket 1', 'completed', '2', '0.7000', '0.8000'],
      ['0002', 'bracket 1', 'running', '1', '0.5000', '0.5000'],
    ]);
    expect(metricChartText('val_loss', series, 'valLoss').rows[0]).toEqual(['0001', 'bracket 1', 'completed', '2', '0.9000', '0.6000']);
    expect(metricChartText('val_loss', series, 'valLoss').caption).toBe('val_loss per trial (2 trials)');
  });

  it('lists each step of the best-so-far staircase', () => {
    const text = bestSoFarText('val_accuracy', [{ trialsFinished: 1, best: 0.91, trialId: '0001' }, { trialsFinished: 3, best: 0.95, trialId: '0003' }]);
    expect(text.rows).toEqual([['1', '0.9100', '0001'], ['3', '0.9500', '0003']]);
  });
});
