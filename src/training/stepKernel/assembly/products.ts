// Register-blocked float32x4 products. Every matrix is row-major, every width a multiple of 4 (padded
// with zeros), every address a byte address. Blocks are 4 rows x 8 columns: 8 accumulators, 2 loaded
// vectors of B and one splatted scalar of A stay within the 16 vector registers of x64 and arm64.
// WebAssembly SIMD has no fused multiply-add without relaxed-simd: each step is a mul then an add.

import { adamVector, columnMask } from './adam';

/** C[m, n] = A[m, k] . B[k, n]; lda = k. */
export function productNN(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32): void {
  const rowA = <usize>k << 2;
  const rowB = <usize>n << 2;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = a + <usize>i * rowA;
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      let pa = a0;
      let pb = b + (<usize>j << 2);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        let s = v128.load32_splat(pa);
        c00 = f32x4.add(c00, f32x4.mul(s, b0));
        c01 = f32x4.add(c01, f32x4.mul(s, b1));
        s = v128.load32_splat(pa + rowA);
        c10 = f32x4.add(c10, f32x4.mul(s, b0));
        c11 = f32x4.add(c11, f32x4.mul(s, b1));
        s = v128.load32_splat(pa + 2 * rowA);
        c20 = f32x4.add(c20, f32x4.mul(s, b0));
        c21 = f32x4.add(c21, f32x4.mul(s, b1));
        s = v128.load32_splat(pa + 3 * rowA);
        c30 = f32x4.add(c30, f32x4.mul(s, b0));
        c31 = f32x4.add(c31, f32x4.mul(s, b1));
        pa += 4;
        pb += rowB;
      }
      const pc = c + <usize>i * rowB + (<usize>j << 2);
      v128.store(pc, c00);
      v128.store(pc, c01, 16);
      v128.store(pc + rowB, c10);
      v128.store(pc + rowB, c11, 16);
      v128.store(pc + 2 * rowB, c20);
      v128.store(pc + 2 * rowB, c21, 16);
      v128.store(pc + 3 * rowB, c30);
      v128.store(pc + 3 * rowB, c31, 16);
    }
    for (; j < n; j += 4) {
      let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
      let pa = a0;
      let pb = b + (<usize>j << 2);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(pb);
        c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(pa), b0));
        c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(pa + rowA), b0));
        c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(pa + 2 * rowA), b0));
        c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(pa + 3 * rowA), b0));
        pa += 4;
        pb += rowB;
      }
      const pc = c + <usize>i * rowB + (<usize>j << 2);
      v128.store(pc, c0);
      v128.store(pc + rowB, c1);
      v128.store(pc + 2 * rowB, c2);
      v128.store(pc + 3 * rowB, c3);
    }
  }
  for (; i < m; i++) {
    for (let j = 0; j < n; j += 4) {
      let c0 = f32x4.splat(0);
      let pa = a + <usize>i * rowA;
      let pb = b + (<usize>j << 2);
      for (let p = 0; p < k; p++) {
        c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(pa), v128.load(pb)));
        pa += 4;
        pb += rowB;
      }
      v128.store(c + <usize>i * rowB + (<usize>j << 2), c0);
    }
  }
}

/** C[m, n] = A[m, k] . W[n, k]^T (the gradient into a layer's input): dot products of rows. */
export function productNT(a: usize, w: usize, c: usize, m: i32, k: i32, n: i32): void {
  const rowA = <usize>k << 2;
  for (let i = 0; i < m; i++) {
    const pa = a + <usize>i * rowA;
    for (let j = 0; j < n; j += 4) {
      const w0 = w + <usize>j * rowA;
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
      for (let p: usize = 0; p < rowA; p += 16) {
        const x = v128.load(pa + p);
        s0 = f32x4.add(s0, f32x4.mul(x, v128.load(w0 + p)));
        s1 = f32x4.add(s1, f32x4.mul(x, v128.load(w0 + rowA + p)));
        s2 = f32x4.add(s2, f32x4.mul(x, v128.load(w0 + 2 * rowA + p)));
        s3 = f32x4.add(s3, f32x4.mul(x, v128.load(w0 + 3 * rowA + p)));
      }
      const pc = c + <usize>i * (<usize>n << 2) + (<usize>j << 2);
      store<f32>(pc, horizontalSum(s0));
      store<f32>(pc, horizontalSum(s1), 4);
      store<f32>(pc, horizontalSum(s2), 8);
      store<f32>(pc, horizontalSum(s3), 12);
    }
  }
}

// @ts-ignore: decorator
@inline function horizontalSum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/**
 * The weight gradient G = X[rows, in]^T . dZ[rows, n], applied at once by Adam to W[in, n] and its
 * moments, block by block (no gradient buffer). Rows of W beyond `inReal` and columns beyond `nReal`
 * are padding: never read as gradient, never written.
 */
export function weightGradientAdam(x: usize, ldx: i32, dz: usize, rows: i32, inReal: i32, n: i32, nReal: i32, w: usize, m: usize, v: usize, rate: f32, c1: f32, c2: f32): void {
  const rowX = <usize>ldx << 2;
  const rowD = <usize>n << 2;
  let i = 0;
  for (; i + 4 <= inReal; i += 4) {
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      let px = x + (<usize>i << 2);
      let pd = dz + (<usize>j << 2);
      for (let r = 0; r < rows; r++) {
        const d0 = v128.load(pd);
        const d1 = v128.load(pd, 16);
        let s = v128.load32_splat(px);
        c00 = f32x4.add(c00, f32x4.mul(s, d0));
        c01 = f32x4.add(c01, f32x4.mul(s, d1));
        s = v128.load32_splat(px, 4);
        c10 = f32x4.add(c10, f32x4.mul(s, d0));
        c11 = f32x4.add(c11, f32x4.mul(s, d1));
        s = v128.load32_splat(px, 8);
        c20 = f32x4.add(c20, f32x4.mul(s, d0));
        c21 = f32x4.add(c21, f32x4.mul(s, d1));
        s = v128.load32_splat(px, 12);
        c30 = f32x4.add(c30, f32x4.mul(s, d0));
        c31 = f32x4.add(c31, f32x4.mul(s, d1));
        px += rowX;
        pd += rowD;
      }
      const lanes0 = columnMask(j, nReal);
      const lanes1 = columnMask(j + 4, nReal);
      const at = <usize>i * rowD + (<usize>j << 2);
      adamVector(w + at, m + at, v + at, c00, lanes0, rate, c1, c2);
      adamVector(w + at + 16, m + at + 16, v + at + 16, c01, lanes1, rate, c1, c2);
      adamVector(w + at + rowD, m + at + rowD, v + at + rowD, c10, lanes0, rate, c1, c2);
      adamVector(w + at + rowD + 16, m + at + rowD + 16, v + at + rowD + 16, c11, lanes1, rate, c1, c2);
      adamVector(w + at + 2 * rowD, m + at + 2 * rowD, v + at + 2 * rowD, c20, lanes0, rate, c1, c2);
      adamVector(w + at + 2 * rowD + 16, m + at + 2 * rowD + 16, v + at + 2 * rowD + 16, c21, lanes1, rate, c1, c2);
      adamVector(w + at + 3 * rowD, m + at + 3 * rowD, v + at + 3 * rowD, c30, lanes0, rate, c1, c2);
      adamVector(w + at + 3 * rowD + 16, m + at + 3 * rowD + 16, v + at + 3 * rowD + 16, c31, lanes1, rate, c1, c2);
    }
    for (; j < n; j += 4) {
      let c0 = f32x4.splat(0), c1v = f32x4.splat(0), c2v = f32x4.splat(0), c3 = f32x4.splat(0);
      let px = x + (<usize>i << 2);
      let pd = dz + (<usize>j << 2);
      for (let r = 0; r < rows; r++) {
        const d0 = v128.load(pd);
        c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(px), d0));
        c1v = f32x4.add(c1v, f32x4.mul(v128.load32_splat(px, 4), d0));
        c2v = f32x4.add(c2v, f32x4.mul(v128.load32_splat(px, 8), d0));
        c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(px, 12), d0));
        px += rowX;
        pd += rowD;
      }
      const lanes = columnMask(j, nReal);
      const at = <usize>i * rowD + (<usize>j << 2);
      adamVector(w + at, m + at, v + at, c0, lanes, rate, c1, c2);
      adamVector(w + at + rowD, m + at + rowD, v + at + rowD, c1v, lanes, rate, c1, c2);
      adamVector(w + at + 2 * rowD, m + at + 2 * rowD, v + at + 2 * rowD, c2v, lanes, rate, c1, c2);
      adamVector(w + at + 3 * rowD, m + at + 3 * rowD, v + at + 3 * rowD, c3, lanes, rate, c1, c2);
    }
  }
  for (; i < inReal; i++) {
    for (let j = 0; j < n; j += 4) {
      let c0 = f32x4.splat(0);
      let px = x + (<usize>i << 2);
      let pd = dz + (<usize>j << 2);
      for (let r = 0; r < rows; r++) {
        c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(px), v128.load(pd)));
        px += rowX;
        pd += rowD;
      }
      const at = <usize>i * rowD + (<usize>j << 2);
      adamVector(w + at, m + at, v + at, c0, columnMask(j, nReal), rate, c1, c2);
    }
  }
}

/** The bias gradient (dZ summed over rows), applied by Adam to b[n] and its moments. */
export function biasGradientAdam(dz: usize, rows: i32, n: i32, nReal: i32, b: usize, m: usize, v: usize, rate: f32, c1: f32, c2: f32): void {
  const rowD = <usize>n << 2;
  for (let j = 0; j < n; j += 4) {
    let sum = f32x4.splat(0);
    let pd = dz + (<usize>j << 2);
    for (let r = 0; r < rows; r++) {
      sum = f32x4.add(sum, v128.load(pd));
      pd += rowD;
    }
    const at = <usize>j << 2;
    adamVector(b + at, m + at, v + at, sum, columnMask(j, nReal), rate, c1, c2);
  }
}
