import { describe, expect, it } from 'vitest';
import { formatSlowest } from '../../reporters/slowest.ts';

describe('formatSlowest', () => {
  it('lists the ten slowest tests, slowest first, in seconds', () => {
    const tests = Array.from({ length: 12 }, (_, index) => ({ name: `test ${index}`, durationMs: index * 1000 + 10 }));
    const lines = formatSlowest('unit', tests);
    expect(lines[0]).toBe('Slowest 10 unit tests:');
    expect(lines).toHaveLength(11);
    expect(lines[1]).toBe('  11.01 s  test 11');
    expect(lines[10]).toBe('   2.01 s  test 2');
  });

  it('prints nothing for a run without tests', () => {
    expect(formatSlowest('browser', [])).toEqual([]);
  });
});
