import { useAppStore } from './appStore.ts';
import { runResults } from './runState.ts';
import { brushBetween, type AxisBrush } from './selectors/axisScale.ts';
import { insightAxes, type InsightAxis } from './selectors/insight.ts';

function axisNamed(key: string): InsightAxis | undefined {
  const state = useAppStore.getState();
  return insightAxes(runResults(state.run), state.brushes).find((axis) => axis.key === key);
}

export function setAxisBrush(key: string, brush: AxisBrush): void {
  useAppStore.setState((s) => ({ brushes: { ...s.brushes, [key]: brush } }));
}

/** A drag along an axis, between two fractions of its height (0 at the bottom). */
export function brushAxis(key: string, fromFraction: number, toFraction: number): void {
  const axis = axisNamed(key);
  if (axis) setAxisBrush(key, brushBetween(axis.scale, fromFraction, toFraction));
}

export function clearAxisBrush(key: string): void {
  useAppStore.setState((s) => {
    const { [key]: _cleared, ...kept } = s.brushes;
    return { brushes: kept };
  });
}

export function clearBrushes(): void {
  useAppStore.setState({ brushes: {} });
}

/**
 * A brush typed as text: numbers from and to on a numeric axis, category indexes on the others.
 * Returns the message naming the field when the input is not a range; the brushes stay as they were then.
 */
export function setAxisBrushFromText(key: string, fromText: string, toText: string): string | null {
  const axis = axisNamed(key);
  if (!axis) return `${key}: there is no such axis`;
  const from = Number(fromText.trim());
  const to = Number(toText.trim());
  if (fromText.trim() === '' || !Number.isFinite(from)) return `${axis.label} from: enter a number, got "${fromText}"`;
  if (toText.trim() === '' || !Number.isFinite(to)) return `${axis.label} to: enter a number, got "${toText}"`;
  if (from > to) return `${axis.label} from (${from}) is greater than to (${to})`;
  const { scale } = axis;
  if (scale.kind === 'categories') {
    setAxisBrush(key, { kind: 'categories', values: scale.values.filter((_, index) => index >= from && index <= to) });
  } else {
    setAxisBrush(key, { kind: 'range', min: from, max: to });
  }
  return null;
}
