import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import packageJson from './package.json' with { type: 'json' };

export default defineConfig({
  // As in vite.config.ts: the store records the version in exported configurations.
  define: { __RUNG_VERSION__: JSON.stringify(packageJson.version) },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Wait bounds, not timings: a real search on the CPU backend shares the cores with another test file.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Vitest's default leaves a core idle (one worker on two cores); the heavy files train on one core each.
    maxWorkers: availableParallelism(),
    reporters: ['default', './tests/reporters/vitestSlowest.ts'],
  },
});
