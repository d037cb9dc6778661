import { useEffect, useRef } from 'react';
import { clearDrawing, predictDrawing } from '../../store/modelActions.ts';
import styles from './ModelPanel.module.css';

/** The pad's canvas resolution; it is drawn at the CSS size, and read back at this one. */
const PAD_SIDE = 280;
/** A pen about as wide, relative to the pad, as MNIST's strokes are to its 28×28 frame. */
const STROKE_WIDTH = 22;

/**
 * A canvas to draw a digit on with mouse, pen or touch (pointer events; `touch-action: none` keeps
 * the page from scrolling under a finger). Its ink goes to the store at most once per animation frame.
 */
export function DigitPad() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef<number | null>(null);

  useEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
  }, []);

  const sendInk = () => {
    frame.current = null;
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const { data } = context.getImageData(0, 0, PAD_SIDE, PAD_SIDE);
    const ink = new Float32Array(PAD_SIDE * PAD_SIDE);
    for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4 + 3]! / 255;
    predictDrawing({ width: PAD_SIDE, height: PAD_SIDE, ink });
  };

  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * PAD_SIDE, y: ((event.clientY - box.top) / box.height) * PAD_SIDE };
  };

  const drawTo = (to: { x: number; y: number }) => {
    const context = canvas.current?.getContext('2d');
    const from = last.current ?? to;
    if (!context) return;
    context.strokeStyle = '#000';
    context.lineWidth = STROKE_WIDTH;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
    last.current = to;
    frame.current ??= requestAnimationFrame(sendInk);
  };

  const clear = () => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, PAD_SIDE, PAD_SIDE);
    last.current = null;
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    clearDrawing();
  };

  return (
    <div className={styles.pad}>
      <canvas
        ref={canvas}
        width={PAD_SIDE}
        height={PAD_SIDE}
        aria-label="Digit pad: draw a digit with the mouse, a pen or a finger"
        data-testid="digit-pad"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = null;
          drawTo(point(e));
        }}
        onPointerMove={(e) => {
          if (last.current) drawTo(point(e));
        }}
        onPointerUp={() => (last.current = null)}
        onPointerCancel={() => (last.current = null)}
      />
      <button type="button" onClick={clear}>Clear</button>
    </div>
  );
}
