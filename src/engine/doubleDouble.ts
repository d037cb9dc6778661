/**
 * Correctly rounded natural logarithm and power, by double-double arithmetic (about 106 bits).
 *
 * V8's Math.log and Math.pow may differ from glibc's in the last bit; CPython uses glibc's, whose
 * results are correctly rounded in all but rare halfway cases. KerasTuner derives bracket sizes and
 * log-sampled values from them (math.log(9, 3) must be exactly 2.0), so Rung needs the same bits.
 */
type DD = readonly [number, number];

const SPLITTER = 134217729; // 2^27 + 1
const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function split(a: number): DD {
  const t = SPLITTER * a;
  const hi = t - (t - a);
  return [hi, a - hi];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add(a: DD, b: DD): DD {
  const [s, e1] = twoSum(a[0], b[0]);
  const [t, e2] = twoSum(a[1], b[1]);
  const [s2, e3] = quickTwoSum(s, e1 + t);
  return quickTwoSum(s2, e3 + e2);
}

function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = add(a, mul([-q1, 0], b));
  const q2 = r[0] / b[0];
  r = add(r, mul([-q2, 0], b));
  const q3 = r[0] / b[0];
  return add(quickTwoSum(q1, q2), [q3, 0]);
}

/** x = m * 2^e with m in [sqrt(1/2), sqrt(2)). */
function decompose(x: number): { m: number; e: number } {
  let scaled = x;
  let bias = 0;
  if (scaled < 2.2250738585072014e-308) {
    scaled *= 2 ** 54;
    bias = -54;
  }
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, scaled);
  const hiWord = view.getUint32(0);
  let e = ((hiWord >>> 20) & 0x7ff) - 1022 + bias;
  view.setUint32(0, (hiWord & 0x800fffff) | (1022 << 20));
  let m = view.getFloat64(0);
  if (m < Math.SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  return { m, e };
}

function logDD(x: number): DD {
  const { m, e } = decompose(x);
  const s = div([m - 1, 0], twoSum(m, 1));
  const s2 = mul(s, s);
  let term = s;
  let sum: DD = s;
  for (let k = 3; Math.abs(term[0]) > 1e-40 && k < 200; k += 2) {
    term = mul(term, s2);
    sum = add(sum, div(term, [k, 0]));
  }
  return add(mul([e, 0], LN2), mul([2, 0], sum));
}

function expDD(z: DD): number {
  const k = Math.round(z[0] / LN2[0]);
  const r = add(z, mul([-k, 0], LN2));
  let term: DD = [1, 0];
  let sum: DD = [1, 0];
  for (let n = 1; n < 40 && Math.abs(term[0]) > 1e-40; n++) {
    term = div(mul(term, r), [n, 0]);
    sum = add(sum, term);
  }
  const rounded = sum[0] + sum[1];
  return k > 1000 || k < -1000 ? rounded * 2 ** (k / 2) * 2 ** (k - k / 2) : rounded * 2 ** k;
}

export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  if (x === 1) return 0;
  const [hi, lo] = logDD(x);
  return hi + lo;
}

export function correctlyRoundedPow(x: number, y: number): number {
  if (!(x > 0) || !Number.isFinite(x) || !Number.isFinite(y)) return Math.pow(x, y);
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  return expDD(mul(logDD(x), [y, 0]));
}
