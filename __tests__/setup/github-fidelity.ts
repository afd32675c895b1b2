// Loaded before every test file of `npm test`: the fake GitHub checks each exchange against GitHub's REST
// description, and a test whose requests (or whose fake's answers) do not conform fails, naming each one.
import { afterAll, afterEach } from 'vitest';
import { assertNoViolations, restAuditor } from '../../__fixtures__/fake-github/rest-audit.js';
import { setExchangeAuditor } from '../../__fixtures__/fake-github/server.js';
import { DescriptionValidator, stats } from '../../__fixtures__/github-description/schemas.js';

setExchangeAuditor(restAuditor);

afterEach(assertNoViolations);

afterAll(() => {
  // The next test file is a new process: it loads these validators instead of compiling them again.
  DescriptionValidator.persist(5_000);
  if (process.env.AI_ORCHESTRA_FIDELITY_STATS && stats.validated) {
    const ms = (n: number): string => n.toFixed(0);
    process.stderr.write(
      `fidelity overhead: load ${ms(stats.loadMs)} ms, compile ${ms(stats.compileMs)} ms (${stats.compiled} schemas), validate ${ms(stats.validateMs)} ms (${stats.validated} checks)\n`,
    );
  }
});
