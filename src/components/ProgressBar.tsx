import styles from './ProgressBar.module.css';

interface ProgressBarProps {
  label: string;
  value: number;
  max: number;
  /** Read out instead of the bare number, e.g. "5 of 11 epochs". */
  valueText?: string;
  size?: 'normal' | 'small';
  testId?: string;
}

/** A progress bar screen readers understand: role=progressbar with aria-valuenow. */
export function ProgressBar({ label, value, max, valueText, size = 'normal', testId }: ProgressBarProps) {
  const fraction = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div
      className={size === 'small' ? `${styles.bar} ${styles.small}` : styles.bar}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={valueText}
      data-testid={testId}
    >
      <div className={styles.fill} style={{ transform: `scaleX(${fraction})` }} />
    </div>
  );
}
