import { MNIST_INPUT_SIZE } from './mlpSpace.ts';

/** MNIST's digits: the ink's bounding box scaled into 20×20, placed in 28×28 by its centre of mass. */
export const DIGIT_SIDE = 28;
export const DIGIT_BOX = 20;

/** A drawing as ink levels in [0, 1], row-major, `width`×`height` (a canvas's alpha channel, scaled). */
export interface InkGrid {
  width: number;
  height: number;
  ink: ArrayLike<number>;
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

function inkBox({ width, height, ink }: InkGrid): Box | null {
  let left = width, right = -1, top = height, bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! <= 0) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return right < 0 ? null : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * Area-weighted resampling of the box into `scale`-sized cells: each source pixel spreads its ink over
 * the target pixels it overlaps, in proportion to the overlap, which anti-aliases the edges.
 */
function resampleBox(grid: InkGrid, box: Box, scale: number, targetWidth: number, targetHeight: number): Float32Array {
  const target = new Float32Array(targetWidth * targetHeight);
  for (let y = 0; y < box.height; y++) {
    const y0 = y * scale, y1 = (y + 1) * scale;
    for (let x = 0; x < box.width; x++) {
      const value = grid.ink[(box.top + y) * grid.width + box.left + x]!;
      if (value <= 0) continue;
      const x0 = x * scale, x1 = (x + 1) * scale;
      for (let ty = Math.floor(y0); ty < Math.min(targetHeight, Math.ceil(y1)); ty++) {
        const overlapY = Math.min(y1, ty + 1) - Math.max(y0, ty);
        for (let tx = Math.floor(x0); tx < Math.min(targetWidth, Math.ceil(x1)); tx++) {
          const overlapX = Math.min(x1, tx + 1) - Math.max(x0, tx);
          target[ty * targetWidth + tx]! += value * overlapX * overlapY;
        }
      }
    }
  }
  return target.map((v) => Math.min(1, v));
}

/** The centre of mass (x, y) of an image, in pixel-centre coordinates (pixel i spans [i, i+1), centre i + 0.5). */
export function centreOfMass(pixels: ArrayLike<number>, width: number): { x: number; y: number } {
  let mass = 0, sumX = 0, sumY = 0;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i]!;
    mass += v;
    sumX += v * ((i % width) + 0.5);
    sumY += v * (Math.floor(i / width) + 0.5);
  }
  return mass === 0 ? { x: width / 2, y: pixels.length / width / 2 } : { x: sumX / mass, y: sumY / mass };
}

/**
 * A drawing as MNIST's images were made: the ink's bounding box scaled to fit 20×20 (aspect kept,
 * anti-aliased), then placed in 28×28 so that its centre of mass falls on the centre, (14, 14).
 * Returns the 784 values in [0, 1] the model reads, or null for a blank drawing.
 */
export function mnistFromDrawing(grid: InkGrid): Float32Array | null {
  if (grid.ink.length !== grid.width * grid.height) throw new Error(`ink holds ${grid.ink.length} values, not ${grid.width}×${grid.height}`);
  const box = inkBox(grid);
  if (!box) return null;
  const scale = DIGIT_BOX / Math.max(box.width, box.height);
  const width = Math.max(1, Math.min(DIGIT_BOX, Math.ceil(box.width * scale - 1e-9)));
  const height = Math.max(1, Math.min(DIGIT_BOX, Math.ceil(box.height * scale - 1e-9)));
  const scaled = resampleBox(grid, box, scale, width, height);
  const mass = centreOfMass(scaled, width);
  const offsetX = Math.round(DIGIT_SIDE / 2 - mass.x);
  const offsetY = Math.round(DIGIT_SIDE / 2 - mass.y);
  const digit = new Float32Array(MNIST_INPUT_SIZE);
  for (let y = 0; y < height; y++) {
    const ty = y + offsetY;
    if (ty < 0 || ty >= DIGIT_SIDE) continue;
    for (let x = 0; x < width; x++) {
      const tx = x + offsetX;
      if (tx >= 0 && tx < DIGIT_SIDE) digit[ty * DIGIT_SIDE + tx] = scaled[y * width + x]!;
    }
  }
  return digit;
}
