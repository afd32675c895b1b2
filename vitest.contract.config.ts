// The contract suite: the real AI CLIs (pinned devDependencies) against fake model APIs on 127.0.0.1.
// One file at a time: each CLI takes a core and hundreds of MB, and its timings are what is under test.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/contract/**/*.test.ts'],
    setupFiles: ['__tests__/setup/markdown.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
