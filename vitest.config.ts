// The default suite (`npm test`): unit, integration and adversarial tests. The real-CLI contract suite
// (`npm run test:cli`) has its own config, vitest.contract.config.ts.
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, '__tests__/contract/**'],
    // The fake GitHub holds every request and response to GitHub's REST description; a test that breaks it fails.
    setupFiles: ['__tests__/setup/markdown.ts', '__tests__/setup/github-fidelity.ts'],
    globalSetup: ['__tests__/setup/warm-github-description.ts'],
  },
});
