import { lineColour, type CurveLine, type MetricKey } from './palette.ts';
import chart from './chart.module.css';

const MAX_ENTRIES = 8;

interface TooltipEntry {
  name: string;
  value: number;
  color: string;
}

/** Each trial's value at `epoch` (the tooltip's label), where it has a finite one. */
export function entriesAtEpoch(series: CurveLine[], metric: MetricKey, epoch: unknown): TooltipEntry[] {
  const at = Number(epoch);
  if (epoch === undefined || !Number.isFinite(at)) return [];
  return series.flatMap((line) => {
    const value = line.points.find((p) => p.epoch === at)?.[metric];
    return value !== undefined && Number.isFinite(value) ? [{ name: line.trialId, value, color: lineColour(line) }] : [];
  });
}

interface CurveTooltipProps {
  active?: boolean;
  entries: TooltipEntry[];
  label?: string | number;
  higherIsBetter: boolean;
  selectedTrialId: string | null;
}

/** The epoch, then the trials at that epoch, best first (the selected one always listed). */
export function CurveTooltip({ active, entries: unsorted, label, higherIsBetter, selectedTrialId }: CurveTooltipProps) {
  if (!active || !unsorted.length) return null;
  const entries = [...unsorted].sort((a, b) => (higherIsBetter ? b.value - a.value : a.value - b.value));
  const shown = entries.slice(0, MAX_ENTRIES);
  const selected = entries.find((entry) => entry.name === selectedTrialId);
  if (selected && !shown.includes(selected)) shown.push(selected);
  return (
    <div className="chart-tooltip">
      <p className={chart.tooltipTitle}>Epoch {label}</p>
      <ul className={chart.tooltipList}>
        {shown.map((entry) => (
          <li key={entry.name} className={entry.name === selectedTrialId ? chart.tooltipSelected : undefined}>
            <span className={chart.swatch} style={{ background: entry.color }} aria-hidden="true" />
            <span className="mono">{entry.name}</span>
            <span className="num">{entry.value.toFixed(4)}</span>
          </li>
        ))}
      </ul>
      {entries.length > shown.length && <p className="faint">+{entries.length - shown.length} more</p>}
    </div>
  );
}
