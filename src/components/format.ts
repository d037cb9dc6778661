import type { ActiveBackend } from '../worker/protocol.ts';

export const BACKEND_LABELS: Record<ActiveBackend, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** "12 s", "4 min 30 s", "1 h 05 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Short durations keep a decimal: "0.8 s", "3.2 s", then as formatDuration. */
export function formatShortDuration(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : formatDuration(ms);
}

export function formatMetric(value: number | null | undefined, digits = 4): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

export function formatPercent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Epochs may be fractional mid-epoch: one decimal then, none when whole. */
export function formatEpochs(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function formatValue(value: number | string | boolean | undefined): string {
  return value === undefined ? '—' : String(value);
}
