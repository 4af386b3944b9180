import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Property tests print their seed on failure; CI pins it through DOUBLEDUTCH_SEED.
    testTimeout: 60_000,
  },
});
