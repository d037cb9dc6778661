import { defineConfig } from 'vitest/config';
import packageJson from './package.json' with { type: 'json' };

export default defineConfig({
  // As in vite.config.ts: the store records the version in exported configurations.
  define: { __RUNG_VERSION__: JSON.stringify(packageJson.version) },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './tests/reporters/vitestSlowest.ts'],
  },
});
