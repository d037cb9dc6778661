import { useEffect, useRef } from 'react';

const SIDE = 28;

/** A 28×28 grey-level digit (0..255, ink bright on dark, as MNIST stores it) drawn on a canvas. */
export function DigitImage({ pixels, label }: { pixels: Uint8Array; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(SIDE, SIDE);
    pixels.forEach((value, i) => {
      image.data.set([value, value, value, 255], i * 4);
    });
    context.putImageData(image, 0, 0);
  }, [pixels]);
  return <canvas ref={canvas} width={SIDE} height={SIDE} role="img" aria-label={label} />;
}
