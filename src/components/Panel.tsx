import type { ReactNode, Ref } from 'react';
import styles from './Panel.module.css';

interface PanelProps {
  title: string;
  /** Controls shown at the right of the title (filters, toggles, buttons). */
  actions?: ReactNode;
  testId?: string;
  /** Makes the section a target of the skip links: it can take focus (but is not a Tab stop). */
  focusTargetId?: string;
  /** The section element, for a container that watches whether it is on screen (useOnScreen). */
  sectionRef?: Ref<HTMLElement>;
  children: ReactNode;
}

/** A titled dashboard section; the heading names the region for assistive tech. */
export function Panel({ title, actions, testId, focusTargetId, sectionRef, children }: PanelProps) {
  const headingId = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section ref={sectionRef} className={styles.panel} aria-labelledby={headingId} data-testid={testId} id={focusTargetId} tabIndex={focusTargetId ? -1 : undefined}>
      <header className={styles.header}>
        <h2 id={headingId}>{title}</h2>
        {actions && <div className={styles.actions}>{actions}</div>}
      </header>
      <div className={styles.body}>{children}</div>
    </section>
  );
}
