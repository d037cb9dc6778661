import chart from './chart.module.css';

const MAX_ENTRIES = 8;

interface TooltipEntry {
  name?: string | number;
  value?: unknown;
  color?: string;
}

interface CurveTooltipProps {
  active?: boolean;
  payload?: readonly TooltipEntry[];
  label?: string | number;
  higherIsBetter: boolean;
  selectedTrialId: string | null;
}

/** The epoch, then the trials at that epoch, best first (the selected one always listed). */
export function CurveTooltip({ active, payload, label, higherIsBetter, selectedTrialId }: CurveTooltipProps) {
  if (!active || !payload?.length) return null;
  const entries = payload
    .filter((entry) => typeof entry.value === 'number')
    .sort((a, b) => (higherIsBetter ? Number(b.value) - Number(a.value) : Number(a.value) - Number(b.value)));
  const shown = entries.slice(0, MAX_ENTRIES);
  const selected = entries.find((entry) => entry.name === selectedTrialId);
  if (selected && !shown.includes(selected)) shown.push(selected);
  return (
    <div className="chart-tooltip">
      <p className={chart.tooltipTitle}>Epoch {label}</p>
      <ul className={chart.tooltipList}>
        {shown.map((entry) => (
          <li key={String(entry.name)} className={entry.name === selectedTrialId ? chart.tooltipSelected : undefined}>
            <span className={chart.swatch} style={{ background: entry.color }} aria-hidden="true" />
            <span className="mono">{entry.name}</span>
            <span className="num">{Number(entry.value).toFixed(4)}</span>
          </li>
        ))}
      </ul>
      {entries.length > shown.length && <p className="faint">+{entries.length - shown.length} more</p>}
    </div>
  );
}
