// The default suite (`npm test`): unit, integration and adversarial tests. The real-CLI contract suite
// (`npm run test:cli`) has its own config, vitest.contract.config.ts.
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, '__tests__/contract/**'],
  },
});
