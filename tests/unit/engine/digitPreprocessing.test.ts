import { describe, expect, it } from 'vitest';
import { centreOfMass, DIGIT_SIDE, mnistFromDrawing } from '../../../src/engine/digitPreprocessing.ts';

/** A 280×280 pad with the given rectangles of full ink. */
function pad(rectangles: { left: number; top: number; width: number; height: number }[], side = 280) {
  const ink = new Float32Array(side * side);
  for (const r of rectangles) {
    for (let y = r.top; y < r.top + r.height; y++) for (let x = r.left; x < r.left + r.width; x++) ink[y * side + x] = 1;
  }
  return { width: side, height: side, ink };
}

function inkRows(digit: Float32Array): number[] {
  return Array.from({ length: DIGIT_SIDE }, (_, y) => y).filter((y) => digit.subarray(y * DIGIT_SIDE, (y + 1) * DIGIT_SIDE).some((v) => v > 0));
}

describe('preparing a drawing as MNIST was', () => {
  it('scales a vertical stroke to 20 px tall and centres its mass at (14, 14)', () => {
    const digit = mnistFromDrawing(pad([{ left: 30, top: 40, width: 18, height: 200 }]))!;
    const rows = inkRows(digit);
    expect(rows.length).toBe(20);
    expect(rows.at(-1)! - rows[0]! + 1).toBe(20);
    const mass = centreOfMass(digit, DIGIT_SIDE);
    expect(Math.abs(mass.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(mass.y - 14)).toBeLessThanOrEqual(0.5);
    // 18 px of 200 scaled by 0.1: 1.8 columns, the second anti-aliased to 0.8.
    const middleRow = digit.subarray(rows[10]! * DIGIT_SIDE, (rows[10]! + 1) * DIGIT_SIDE).filter((v) => v > 0);
    expect([...middleRow].map((v) => Number(v.toFixed(3)))).toEqual([1, 0.8]);
  });

  it('keeps the aspect ratio: a wide bar becomes 20 px wide and 2 px tall wherever it was drawn', () => {
    const left = mnistFromDrawing(pad([{ left: 0, top: 0, width: 100, height: 10 }]))!;
    const right = mnistFromDrawing(pad([{ left: 170, top: 250, width: 100, height: 10 }]))!;
    expect(inkRows(left).length).toBe(2);
    expect([...left]).toEqual([...right]);
    expect(left.filter((v) => v > 0).length).toBe(40);
  });

  it('centres an off-centre mass: an L shape lands with its centre of mass within half a pixel of the middle', () => {
    const digit = mnistFromDrawing(pad([{ left: 50, top: 20, width: 20, height: 220 }, { left: 50, top: 220, width: 160, height: 20 }]))!;
    const mass = centreOfMass(digit, DIGIT_SIDE);
    expect(Math.abs(mass.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(mass.y - 14)).toBeLessThanOrEqual(0.5);
    expect(digit.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('returns null for a blank pad and names a grid of the wrong size', () => {
    expect(mnistFromDrawing(pad([]))).toBeNull();
    expect(() => mnistFromDrawing({ width: 10, height: 10, ink: new Float32Array(99) })).toThrow('ink holds 99 values, not 10×10');
  });
});
