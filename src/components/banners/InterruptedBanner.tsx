import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/appStore.ts';
import { resumeRun } from '../../store/searchActions.ts';
import { selectResumeRunBlocker } from '../../store/selectors/runActivity.ts';
import { plannedTrialCount } from '../../store/selectors/schedulePreview.ts';
import frame from './Banner.module.css';
import styles from './InterruptedBanner.module.css';

/** The run shown was cut off (its tab closed, reloaded or crashed): Resume continues it; Start begins another. */
export function InterruptedBanner() {
  const { runId, name, ended, planned, blocker } = useAppStore(
    useShallow((s) => {
      const { run } = s;
      const interrupted = run.status === 'interrupted' && run.runId !== null;
      return {
        runId: interrupted ? run.runId : null,
        name: interrupted ? (s.runs.find((r) => r.runId === run.runId)?.name ?? null) : null,
        ended: interrupted ? Object.values(run.trials).filter((t) => t.status === 'completed' || t.status === 'failed').length : 0,
        planned: interrupted ? plannedTrialCount(run.settings) : 0,
        blocker: interrupted ? selectResumeRunBlocker(s) : null,
      };
    }),
  );
  if (runId === null) return null;
  return (
    <section className={`${frame.frame} ${frame.banner} ${frame.warning} ${styles.interrupted}`} aria-labelledby="interrupted-title" data-testid="interrupted-banner">
      <div className={styles.body}>
        <h2 id="interrupted-title">This run was interrupted</h2>
        <p>
          {name ? <>&ldquo;{name}&rdquo; </> : 'It '}
          stopped with <span className="num">{ended} of {planned}</span> trials ended, when the tab training it closed or reloaded. Resume continues it: finished
          trials are kept, and the trials that were training start again. Or press Start to begin a new search.
        </p>
        {blocker && <p className={styles.reason} id="interrupted-resume-reason">{blocker}</p>}
      </div>
      <button
        type="button"
        className={`primary ${styles.action}`}
        onClick={() => void resumeRun(runId)}
        disabled={blocker !== null}
        aria-describedby={blocker ? 'interrupted-resume-reason' : undefined}
      >
        Resume
      </button>
    </section>
  );
}
