import { memo, useMemo, useRef, useState, type PointerEvent } from 'react';
import { ChartTextTable } from './ChartTextTable.tsx';
import { parallelCoordinatesText } from './chartText.ts';
import { FAILED_COLOUR, SEQUENTIAL_COLOURS, sequentialColour } from './palette.ts';
import chart from './chart.module.css';
import styles from './ParallelCoordinates.module.css';

export interface ParallelAxisData {
  key: string;
  label: string;
  /** Places are fractions of the axis: 0 at the bottom, 1 at the top. */
  ticks: { fraction: number; label: string }[];
  brush: [number, number] | null;
  /** The brushed range as text ("48 to 63"), null without a brush. */
  brushText: string | null;
}

export interface ParallelLineData {
  trialId: string;
  /** The line's place on each axis, in the axes' order; null where the trial has no value. */
  fractions: (number | null)[];
  values: string[];
  /** 0 for the worst score, 1 for the best: the line's colour. */
  rank: number;
  selected: boolean;
}

interface ParallelCoordinatesProps {
  axes: ParallelAxisData[];
  lines: ParallelLineData[];
  /** A drag along an axis, between two fractions of its height. */
  onBrush(key: string, fromFraction: number, toFraction: number): void;
  onClearBrush(key: string): void;
}

const HEIGHT = 300;
const TOP = 40;
const BOTTOM = 16;
const SIDE = 64;
const AXIS_SPACING = 96;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
/** A drag shorter than this, in SVG units, is a click. */
const CLICK_SLOP = 3;

const yOf = (fraction: number) => TOP + (1 - fraction) * PLOT_HEIGHT;

function linePath(xs: number[], fractions: (number | null)[]): string {
  let path = '';
  let open = false;
  fractions.forEach((fraction, i) => {
    if (fraction === null) {
      open = false;
      return;
    }
    path += `${open ? 'L' : 'M'}${xs[i]!.toFixed(1)},${yOf(fraction).toFixed(1)}`;
    open = true;
  });
  return path;
}

/** One vertical axis per hyperparameter and the objective; a line per trial; drag along an axis to brush it. */
export const ParallelCoordinates = memo(function ParallelCoordinates({ axes, lines, onBrush, onClearBrush }: ParallelCoordinatesProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ key: string; from: number; to: number } | null>(null);
  const width = SIDE * 2 + Math.max(1, axes.length - 1) * AXIS_SPACING;
  const xs = axes.map((_, i) => SIDE + i * AXIS_SPACING);
  const text = useMemo(() => parallelCoordinatesText(axes.map((a) => a.label), lines), [axes, lines]);
  const ordered = [...lines.filter((l) => !l.selected), ...lines.filter((l) => l.selected)];

  const fractionAt = (event: PointerEvent): number => {
    const svg = svgRef.current!;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM()!.inverse());
    return Math.min(1, Math.max(0, 1 - (point.y - TOP) / PLOT_HEIGHT));
  };
  const start = (key: string) => (event: PointerEvent<SVGRectElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    const at = fractionAt(event);
    setDrag({ key, from: at, to: at });
  };
  const move = (event: PointerEvent) => {
    if (drag) setDrag({ ...drag, to: fractionAt(event) });
  };
  const end = (axis: ParallelAxisData) => (event: PointerEvent) => {
    if (!drag || drag.key !== axis.key) return;
    const to = fractionAt(event);
    setDrag(null);
    if (Math.abs(to - drag.from) * PLOT_HEIGHT >= CLICK_SLOP) onBrush(axis.key, drag.from, to);
    else if (axis.brush && (to < axis.brush[0] || to > axis.brush[1])) onClearBrush(axis.key);
  };

  return (
    <figure className={chart.chart} data-testid="parallel-coordinates">
      <figcaption className={chart.title}>Every completed trial at its final budget, coloured by score</figcaption>
      {/* Focusable, so a keyboard can scroll it when it is wider than the screen. */}
      <div className={styles.scroll} tabIndex={0} role="group" aria-label="Parallel coordinates, scrolls sideways">
        <svg ref={svgRef} className={styles.svg} viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT} aria-hidden="true">
          {ordered.map((line) => (
            <path
              key={line.trialId}
              className={`pc-line ${styles.line}`}
              data-trial-id={line.trialId}
              data-selected={line.selected}
              d={linePath(xs, line.fractions)}
              stroke={line.selected ? sequentialColour(line.rank) : FAILED_COLOUR}
              strokeOpacity={line.selected ? 0.9 : 0.25}
            />
          ))}
          {axes.map((axis, i) => {
            const x = xs[i]!;
            const shown = drag?.key === axis.key ? ([Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)] as const) : axis.brush;
            return (
              <g key={axis.key} className="pc-axis" data-axis={axis.key} data-brush={axis.brushText ?? undefined}>
                <text className={styles.axisLabel} x={x} y={TOP - 22} textAnchor="middle">{axis.label}</text>
                <line className={styles.axisLine} x1={x} x2={x} y1={TOP} y2={TOP + PLOT_HEIGHT} />
                {axis.ticks.map((tick) => (
                  <g key={`${tick.label}-${tick.fraction}`}>
                    <line className={styles.axisLine} x1={x - 4} x2={x} y1={yOf(tick.fraction)} y2={yOf(tick.fraction)} />
                    <text className={styles.tick} x={x - 7} y={yOf(tick.fraction)} textAnchor="end" dominantBaseline="middle">{tick.label}</text>
                  </g>
                ))}
                {shown && <rect className={`pc-brush ${styles.brush}`} x={x - 8} width={16} y={yOf(shown[1]) - 4} height={(shown[1] - shown[0]) * PLOT_HEIGHT + 8} />}
                <rect
                  className={`pc-hit ${styles.hit}`}
                  x={x - 16}
                  width={32}
                  y={TOP - 6}
                  height={PLOT_HEIGHT + 12}
                  onPointerDown={start(axis.key)}
                  onPointerMove={move}
                  onPointerUp={end(axis)}
                  onPointerCancel={() => setDrag(null)}
                />
              </g>
            );
          })}
        </svg>
      </div>
      <p className={styles.legend}>
        <span>worse</span>
        <span className={styles.ramp} style={{ background: `linear-gradient(to right, ${SEQUENTIAL_COLOURS.join(', ')})` }} />
        <span>better</span>
        <span className="faint">Drag along an axis to keep a range; click an axis outside its range to clear it.</span>
      </p>
      <ChartTextTable text={text} testId="parallel-coordinates-text" />
    </figure>
  );
});
