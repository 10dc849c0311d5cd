import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // The build test runs a real `astro build`; hooks open and migrate real databases, which on a busy machine takes more than vitest's 10 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
