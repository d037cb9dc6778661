import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { deleteRun, exportRunText, openRun, renameRun, toggleCompare } from '../../store/runsActions.ts';
import { resumeRun } from '../../store/searchActions.ts';
import type { RunListRow } from '../../store/selectors/runsList.ts';
import { downloadText } from '../download.ts';
import { BACKEND_LABELS, formatDateTime, formatMetric } from '../format.ts';
import styles from './RunRow.module.css';

type Mode = 'view' | 'rename' | 'confirmDelete';

const MAX_NAME = 120;

function backendLabel(backend: string): string {
  return (BACKEND_LABELS as Record<string, string>)[backend] ?? backend;
}

async function open(runId: string): Promise<void> {
  // The run's charts are above the list: show them from the top.
  if (await openRun(runId)) window.scrollTo({ top: 0 });
}

/** The file an exported run is saved as: its name, kept to letters, digits and dashes. */
function archiveFileName(name: string): string {
  const slug = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).toLowerCase();
  return `rung-run-${slug || 'unnamed'}.json`;
}

async function exportRun(runId: string, name: string, includeWeights: boolean): Promise<void> {
  const text = await exportRunText(runId, includeWeights);
  if (text !== null) downloadText(archiveFileName(name), text, 'application/json');
}

interface RunRowProps {
  row: RunListRow;
  /** Resume is offered in the tab that writes (only it can train). */
  canResume: boolean;
  /** Export run writes the stored checkpoints' weights too. */
  includeWeights: boolean;
}

/** A stored run: what it is, and Open, Resume, Rename, Delete and Compare. Rename and Delete work inline. */
export function RunRow({ row, canResume, includeWeights }: RunRowProps) {
  const { summary, status, shown, compared } = row;
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState(summary.name);
  const nameInput = useRef<HTMLInputElement>(null);
  const cancelDelete = useRef<HTMLButtonElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<'rename' | 'delete' | null>(null);

  useEffect(() => {
    if (mode === 'rename') nameInput.current?.select();
    if (mode === 'confirmDelete') cancelDelete.current?.focus();
    if (mode === 'view' && returnFocus.current) {
      (returnFocus.current === 'rename' ? renameButton : deleteButton).current?.focus();
      returnFocus.current = null;
    }
  }, [mode]);

  const startRename = () => {
    setDraft(summary.name);
    setMode('rename');
  };
  const leave = (focus: 'rename' | 'delete') => {
    returnFocus.current = focus;
    setMode('view');
  };
  const trimmed = draft.trim();
  const save = () => {
    if (!trimmed) return;
    if (trimmed !== summary.name) void renameRun(summary.runId, trimmed);
    leave('rename');
  };
  const onNameKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      leave('rename');
    }
  };
  const onConfirmKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') leave('delete');
  };

  const name = summary.name;
  // Each action's button says what it does; the run it acts on is its description (the name cell).
  const nameId = `run-name-${summary.runId}`;
  return (
    <tr role="row" data-testid={`run-row-${summary.runId}`} data-status={status} aria-current={shown ? 'true' : undefined} className={styles.row}>
      <th scope="row" role="rowheader" className={styles.nameCell}>
        {mode === 'rename' ? (
          <input
            ref={nameInput}
            className={styles.nameInput}
            aria-label="Run name"
            aria-describedby={`rename-hint-${summary.runId}`}
            aria-invalid={trimmed === '' ? true : undefined}
            value={draft}
            maxLength={MAX_NAME}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onNameKey}
          />
        ) : (
          <span className={styles.name}>
            <span className={styles.nameText} id={nameId}>{name}</span>
            {shown && <span className="tag">shown</span>}
          </span>
        )}
        {mode === 'rename' && (
          <span className="visually-hidden" id={`rename-hint-${summary.runId}`}>
            Enter saves, Escape cancels.
          </span>
        )}
        <time className={styles.created} dateTime={summary.createdAt}>
          <span className="visually-hidden">created </span>
          {formatDateTime(summary.createdAt)}
        </time>
      </th>
      <td role="cell" className={styles.statusCell}>
        <span className="status-word">{status}</span>
      </td>
      <td role="cell" className="num" data-label="Trials" title={`${summary.trialsEnded} of ${summary.trialsPlanned} planned trials ended`}>
        {summary.trialsEnded} / {summary.trialsPlanned}
      </td>
      <td role="cell" className="num" data-label="Best" title={`Best ${summary.settings.objective}${summary.bestTrialId ? `, trial ${summary.bestTrialId}` : ''}`}>
        {formatMetric(summary.bestScore)}
      </td>
      <td role="cell" data-label="Backend">{backendLabel(summary.backend)}</td>
      <td role="cell" className={styles.actionsCell}>
        {mode === 'rename' && (
          <div className={styles.actions}>
            <button type="button" className="small primary" onClick={save} disabled={trimmed === ''}>
              Save
            </button>
            <button type="button" className="small" onClick={() => leave('rename')}>
              Cancel
            </button>
          </div>
        )}
        {mode === 'confirmDelete' && (
          <div className={`${styles.actions} ${styles.confirm}`} role="group" aria-labelledby={`delete-question-${summary.runId}`} onKeyDown={onConfirmKey}>
            <span className={styles.question} id={`delete-question-${summary.runId}`}>
              Delete this run and its checkpoints?
            </span>
            <button type="button" className="small danger" aria-describedby={`delete-question-${summary.runId}`} onClick={() => void deleteRun(summary.runId)}>
              Delete
            </button>
            <button type="button" className="small" ref={cancelDelete} onClick={() => leave('delete')}>
              Cancel
            </button>
          </div>
        )}
        {mode === 'view' && (
          <div className={styles.actions}>
            <button type="button" className="small" aria-describedby={nameId} onClick={() => void open(summary.runId)} disabled={row.openBlocker !== null} title={row.openBlocker ?? 'Show its charts, leaderboard and brackets'}>
              Open
            </button>
            {status === 'interrupted' && canResume && (
              <button type="button" className="small primary" aria-describedby={nameId} onClick={() => void resumeRun(summary.runId)} disabled={row.resumeBlocker !== null} title={row.resumeBlocker ?? 'Continue it: finished trials are kept'}>
                Resume
              </button>
            )}
            <button type="button" className="small" ref={renameButton} aria-describedby={nameId} onClick={startRename} disabled={row.renameBlocker !== null} title={row.renameBlocker ?? undefined}>
              Rename
            </button>
            <button type="button" className="small danger" ref={deleteButton} aria-describedby={nameId} onClick={() => setMode('confirmDelete')} disabled={row.deleteBlocker !== null} title={row.deleteBlocker ?? undefined}>
              Delete
            </button>
            <button
              type="button"
              className={`small ${styles.compareToggle}`}
              aria-describedby={nameId}
              aria-pressed={compared}
              onClick={() => void toggleCompare(summary.runId)}
              title="Draw its best-so-far curve with another run's (two at most)"
            >
              Compare
            </button>
            <button type="button" className="small" aria-describedby={nameId} onClick={() => void exportRun(summary.runId, name, includeWeights)} title="Save it as one file that Import run reads in any browser">
              Export run
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
