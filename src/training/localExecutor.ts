import type { JobListener, TrainingJob, TrialExecutor } from '../search/jobs.ts';
import type { DatasetTensors } from './datasetTensors.ts';
import { trainWithFit } from './fitTrainer.ts';
import { TrainingControl } from './trainingControl.ts';

/** Trains jobs in this thread, on the current tfjs backend, from dataset tensors already uploaded. */
export class LocalExecutor implements TrialExecutor {
  private readonly control = new TrainingControl();

  constructor(
    readonly name: string,
    private readonly data: DatasetTensors,
  ) {}

  async run(job: TrainingJob, listener: JobListener): Promise<void> {
    this.control.startJob();
    const options = { batchSize: job.batchSize, objective: job.objective };
    for (const jobRun of job.runs) {
      if (this.control.isCancelled) return;
      const end = await trainWithFit(jobRun, this.data, options, this.control, listener);
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
