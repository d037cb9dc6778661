import { correctlyRoundedLog, correctlyRoundedPow } from './doubleDouble.ts';

/**
 * Python's float arithmetic where it differs from a naive JavaScript expression. KerasTuner computes
 * grid sizes with these, so using them keeps Rung's grids identical to KerasTuner's.
 */

/** `a // b` for Python floats (CPython's float_divmod: fmod, then snap to the nearest integer). */
export function pythonFloorDiv(a: number, b: number): number {
  if (b === 0) throw new RangeError('float floor division by zero');
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  }
  if (div === 0) return Object.is(a / b, -0) || a / b < 0 ? -0 : 0;
  let floored = Math.floor(div);
  if (div - floored > 0.5) floored += 1;
  return floored;
}

/** `math.log(x, base)`: CPython divides the two (glibc, correctly rounded) natural logarithms. */
export function pythonLog(x: number, base: number): number {
  return correctlyRoundedLog(x) / correctlyRoundedLog(base);
}

/** `math.pow(x, y)` and float `x ** y`, as glibc computes them. */
export function pythonPow(x: number, y: number): number {
  return correctlyRoundedPow(x, y);
}

/** `a ** b` for Python ints: exact while the result is a safe integer. */
export function integerPow(base: number, exponent: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i++) result *= base;
  return result;
}

/** Python's `int(x)` for a float: truncation toward zero. */
export function pythonInt(x: number): number {
  return Math.trunc(x);
}
