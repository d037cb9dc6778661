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
    // One process runs many files, so tfjs and the app's modules load once per worker, not once per file
    // (the suite: 91.5 s isolated, of which 24 s imports). Every file therefore sets the backend and state
    // it needs in its own hooks; running it isolated once (`npx vitest run --isolate`) found a kernel
    // that skipped tfjs's shape check.
    isolate: false,
    // Vitest's default leaves a core idle (one worker on two cores); the heavy files train on one core each.
    maxWorkers: availableParallelism(),
    reporters: ['default', './tests/reporters/vitestSlowest.ts'],
  },
});
