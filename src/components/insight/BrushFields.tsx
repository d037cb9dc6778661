import { useId, useState, type FormEvent } from 'react';
import { clearAxisBrush, setAxisBrushFromText } from '../../store/brushActions.ts';
import { formatAxisValue } from '../../store/selectors/axisScale.ts';
import type { InsightAxis } from '../../store/selectors/insight.ts';
import styles from './InsightPanel.module.css';

/** The range a text brush starts from: the brush's own, else the whole axis. */
function initialRange(axis: InsightAxis): [string, string] {
  const { scale, brush } = axis;
  if (scale.kind === 'categories') {
    const kept = brush?.kind === 'categories' ? brush.values.map((v) => scale.values.indexOf(v)).filter((i) => i >= 0) : [];
    return kept.length ? [String(Math.min(...kept)), String(Math.max(...kept))] : ['0', String(scale.values.length - 1)];
  }
  return brush?.kind === 'range' ? [String(brush.min), String(brush.max)] : [formatAxisValue(scale.min), formatAxisValue(scale.max)];
}

/** One axis's range typed or picked: the keyboard's way to brush. */
function BrushRow({ axis }: { axis: InsightAxis }) {
  const [initialFrom, initialTo] = initialRange(axis);
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(setAxisBrushFromText(axis.key, from, to));
  };
  const { scale } = axis;
  const bound = (which: 'from' | 'to', value: string, set: (v: string) => void) =>
    scale.kind === 'categories' ? (
      <select aria-label={`${axis.label} ${which}`} value={value} onChange={(e) => set(e.target.value)}>
        {scale.values.map((v, i) => <option key={String(v)} value={String(i)}>{formatAxisValue(v)}</option>)}
      </select>
    ) : (
      <input type="text" inputMode="decimal" autoComplete="off" aria-label={`${axis.label} ${which}`} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} value={value} onChange={(e) => set(e.target.value)} />
    );
  return (
    <form className={styles.brushRow} onSubmit={submit} data-brush-field={axis.key}>
      <span className={`mono ${styles.brushName}`}>{axis.label}</span>
      {bound('from', from, setFrom)}
      <span className="faint">to</span>
      {bound('to', to, setTo)}
      <button type="submit" className="button">Keep</button>
      <button type="button" className="button" disabled={!axis.brush} onClick={() => clearAxisBrush(axis.key)}>Clear</button>
      {error && <p id={errorId} className={styles.error} role="alert">{error}</p>}
    </form>
  );
}

/** Every axis's brush as text fields, the equivalent of dragging along the chart's axes. */
export function BrushFields({ axes }: { axes: InsightAxis[] }) {
  return (
    <details className={styles.fields}>
      <summary>Keep a range by value</summary>
      {axes.map((axis) => <BrushRow key={`${axis.key}:${axis.brush ? JSON.stringify(axis.brush) : ''}`} axis={axis} />)}
    </details>
  );
}
