import { CurveLegend } from './CurveLegend.tsx';
import { MetricChart } from './MetricChart.tsx';
import type { CurveLine } from './palette.ts';
import styles from './LearningCurves.module.css';

export interface LearningCurvesProps {
  series: CurveLine[];
  maxEpochs: number;
  selectedTrialId: string | null;
  /** Training accuracy and loss instead of the validation figures. */
  showTraining: boolean;
  onSelect(trialId: string): void;
}

/** Accuracy and loss per epoch for every trial that has trained, coloured by bracket. */
export function LearningCurves({ series, maxEpochs, selectedTrialId, showTraining, onSelect }: LearningCurvesProps) {
  const common = { series, maxEpochs, selectedTrialId, onSelect };
  return (
    <div>
      <div className={styles.pair}>
        {showTraining ? (
          <>
            <MetricChart {...common} title="accuracy (training)" testId="curves-accuracy" metric="accuracy" />
            <MetricChart {...common} title="loss (training)" testId="curves-loss" metric="loss" />
          </>
        ) : (
          <>
            <MetricChart {...common} title="val_accuracy" testId="curves-val-accuracy" metric="valAccuracy" />
            <MetricChart {...common} title="val_loss" testId="curves-val-loss" metric="valLoss" />
          </>
        )}
      </div>
      <CurveLegend series={series} selectedTrialId={selectedTrialId} onSelect={onSelect} />
    </div>
  );
}
