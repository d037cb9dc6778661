import type { JobListener, TrainingJob, TrialExecutor } from '../search/jobs.ts';
import type { BackendHealth } from './backendHealth.ts';
import { trainWithFit } from './fitTrainer.ts';
import { trainFusedJob } from './fused/fusedTrainer.ts';
import type { TrainingData } from './trainingData.ts';
import { TrainingControl } from './trainingControl.ts';

/** Trains jobs in this thread, on the current tfjs backend: fused as one model, or one by one with fit. */
export class LocalExecutor implements TrialExecutor {
  private readonly control: TrainingControl;

  /** A lost GPU is restored (or replaced) before the next job; `health` tells whoever owns it. */
  constructor(
    readonly name: string,
    private readonly data: TrainingData,
    private readonly health: BackendHealth | null = null,
  ) {
    this.control = new TrainingControl(50, health);
  }

  async run(job: TrainingJob, listener: JobListener): Promise<void> {
    this.control.startJob();
    if (this.health?.isLost) {
      const choice = await this.health.restore();
      this.data.moveTo(choice.backend);
    }
    if (job.trainer === 'fused') {
      await trainFusedJob(job, this.data.dataset, this.data.fusedGroups(), this.control, listener);
      return;
    }
    const options = { batchSize: job.batchSize, objective: job.objective };
    for (const jobRun of job.runs) {
      if (this.control.isCancelled) return;
      const end = await trainWithFit(jobRun, this.data.tensors(), options, this.control, listener);
      if (end) listener.onTrialEnd(end);
    }
  }

  pause(): void {
    this.control.pause();
  }

  resume(): void {
    this.control.resume();
  }

  cancel(): void {
    this.control.cancel();
  }
}
