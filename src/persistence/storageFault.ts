import type { TrialRecord } from './records.ts';

/**
 * A full disk on demand, for fault tests (`?debug=1`): while full, every write the repository makes
 * fails as the browser's own quota error would. It can fill at once, or at the first write that
 * stores a given trial as ended, so that the failed write carries that trial and its checkpoint.
 */
export class StorageFault {
  private full = false;
  private fillAtEndOf: string | null = null;

  fill(whenTrialEnds: string | null): void {
    if (whenTrialEnds === null) this.full = true;
    this.fillAtEndOf = whenTrialEnds;
  }

  free(): void {
    this.full = false;
    this.fillAtEndOf = null;
  }

  /** Throws a QuotaExceededError when this write may not happen. */
  check(trials: readonly TrialRecord[]): void {
    if (this.fillAtEndOf !== null && trials.some((t) => t.trialId === this.fillAtEndOf && (t.status === 'completed' || t.status === 'failed'))) {
      this.full = true;
      this.fillAtEndOf = null;
    }
    if (this.full) throw new DOMException('the storage quota is used up (injected fault)', 'QuotaExceededError');
  }
}
