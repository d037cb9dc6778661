import { defineConfig } from 'vitest/config';
import { version } from './package.json';

export default defineConfig({
  // As in vite.config.ts: the store records the version in exported configurations.
  define: { __RUNG_VERSION__: JSON.stringify(version) },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './tests/reporters/vitestSlowest.ts'],
  },
});
