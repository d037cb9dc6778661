import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Controls shown at the right of the title (filters, toggles, buttons). */
  actions?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** A titled dashboard section; the heading names the region for assistive tech. */
export function Panel({ title, actions, className, testId, children }: PanelProps) {
  const headingId = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={headingId} data-testid={testId}>
      <header className="panel-header">
        <h2 id={headingId}>{title}</h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
