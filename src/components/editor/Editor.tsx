import { resetToReferenceDefaults } from '../../store/editorActions.ts';
import { ImportExport } from '../ImportExport.tsx';
import { SchedulePreview } from './SchedulePreview.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { SpaceEditor } from './SpaceEditor.tsx';
import styles from './Editor.module.css';

/** The left column: what to search, how, and what that costs. */
export function Editor() {
  return (
    <div className={styles.editor}>
      <section className={styles.section} aria-labelledby="editor-files">
        <h2 id="editor-files">Import &amp; export</h2>
        <ImportExport />
      </section>
      <section className={styles.section} aria-labelledby="editor-space">
        <div className={styles.sectionTitle}>
          <h2 id="editor-space">Search space</h2>
          <button type="button" className="small" onClick={resetToReferenceDefaults}>
            Reset to reference defaults
          </button>
        </div>
        <SpaceEditor />
      </section>
      <section className={styles.section} aria-labelledby="editor-settings">
        <h2 id="editor-settings">Settings</h2>
        <SettingsForm />
      </section>
      <section className={styles.section} aria-labelledby="editor-schedule">
        <h2 id="editor-schedule">Schedule preview</h2>
        <SchedulePreview />
      </section>
    </div>
  );
}
