import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useAppStore } from '../store/appStore.ts';
import { KERAS_TUNER_SCRIPT_NAME } from '../engine/kerasTunerScript.ts';
import { RAY_TUNE_SCRIPT_NAME } from '../engine/rayTuneScript.ts';
import { bestConfigDocument, clearImportError, importDocument, MAX_IMPORT_BYTES, searchScript, trialsCsv } from '../store/importExport.ts';
import { selectDraftValidation } from '../store/selectors/draftValidation.ts';
import { shareUrl } from '../store/urlParams.ts';
import { downloadText } from './download.ts';
import styles from './ImportExport.module.css';

async function importFile(event: ChangeEvent<HTMLInputElement>): Promise<void> {
  const input = event.currentTarget;
  const file = input.files?.[0];
  input.value = '';
  if (!file) return;
  // A file over the limit is refused unread: importDocument reports it from the size alone.
  const text = file.size > MAX_IMPORT_BYTES ? '' : await file.text();
  importDocument(text, file.size, file.name);
}

function exportBestConfig(): void {
  const document = bestConfigDocument(useAppStore.getState());
  if (document) downloadText('rung-best-config.json', `${JSON.stringify(document, null, 2)}\n`, 'application/json');
}

function exportScript(tool: 'kerasTuner' | 'rayTune'): void {
  const script = searchScript(useAppStore.getState(), tool);
  if (script !== null) downloadText(tool === 'kerasTuner' ? KERAS_TUNER_SCRIPT_NAME : RAY_TUNE_SCRIPT_NAME, script, 'text/x-python');
}

function exportTrials(): void {
  downloadText('rung-trials.csv', trialsCsv(useAppStore.getState()), 'text/csv');
}

function useCopyLink(): [string | null, () => void] {
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  const copy = () => {
    const url = shareUrl(useAppStore.getState(), window.location.href);
    const show = (text: string) => {
      setMessage(text);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setMessage(null), 4000);
    };
    navigator.clipboard.writeText(url).then(() => show('Link copied'), () => show(`Copy failed; the link is ${url}`));
  };
  return [message, copy];
}

export function ImportExport() {
  const importError = useAppStore((s) => s.importError);
  const hasCompleted = useAppStore((s) => Object.values(s.run.trials).some((t) => t.status === 'completed'));
  const hasTrials = useAppStore((s) => Object.keys(s.run.trials).length > 0);
  const editorValid = useAppStore((s) => selectDraftValidation(s).valid);
  const scriptBlocker = editorValid ? undefined : 'Fix the search space and settings first';
  const [copyMessage, copyLink] = useCopyLink();
  return (
    <div className={styles.importExport}>
      <div className={styles.buttons}>
        <label className={`button small ${styles.fileButton}`}>
          Import
          <input type="file" accept=".json,application/json" className="visually-hidden" onChange={(e) => void importFile(e)} />
        </label>
        <button type="button" className="small" onClick={exportBestConfig} disabled={!hasCompleted} title="The best trial so far, as a rung.best-config JSON document">
          Export best config
        </button>
        <button type="button" className="small" onClick={() => exportScript('kerasTuner')} disabled={!editorValid} title={scriptBlocker ?? 'This space and these settings as a KerasTuner Hyperband script, for many machines'}>
          Export as KerasTuner script
        </button>
        <button type="button" className="small" onClick={() => exportScript('rayTune')} disabled={!editorValid} title={scriptBlocker ?? 'This space and these settings as a Ray Tune script with HyperBandScheduler, for a Ray cluster'}>
          Export as Ray Tune script
        </button>
        <button type="button" className="small" onClick={exportTrials} disabled={!hasTrials}>
          Export trials (CSV)
        </button>
        <button type="button" className="small" onClick={copyLink} title="A link that opens Rung with these settings and backend">
          Copy link
        </button>
      </div>
      <p className="faint">Import reads a search-space or best-config JSON file (at most 1 MB) into the editor.</p>
      {copyMessage && <p className={styles.copied} role="status">{copyMessage}</p>}
      {importError && (
        <div className={styles.alert} role="alert" data-testid="import-error">
          <span>{importError}</span>
          <button type="button" className="small" onClick={clearImportError}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
