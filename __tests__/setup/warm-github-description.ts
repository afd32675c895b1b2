// Vitest global setup, once per `vitest run` before any test file: slims GitHub's descriptions and compiles the
// validators of every route the fake GitHub serves and of every webhook our payloads use into the disk cache, so
// no test spends its timeout compiling (test files run in fresh processes and load them from there).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { compileOperation } from '../../__fixtures__/github-description/rest.js';
import { DescriptionValidator } from '../../__fixtures__/github-description/schemas.js';
import { checkWebhookPayload, webhookKeyOfFile } from '../../__fixtures__/github-description/webhooks.js';

export default async function warmGitHubDescription(): Promise<void> {
  const gh = await startFakeGitHub();
  const routes = gh.routes();
  await gh.close();
  for (const { method, path } of routes)
    compileOperation(
      method,
      path
        .replace(/:n\b/g, '1')
        .replace(/:id\b/g, '1')
        .replace(/:[a-z_]+/g, 'x')
        .replace(/\*[a-z_]+/g, 'x'),
    );
  const payloads = readdirSync(join(import.meta.dirname, '..', '..', '__fixtures__', 'payloads')).map(webhookKeyOfFile);
  for (const key of new Set([...payloads, 'issues-labeled', 'issues-unlabeled', 'issues-opened']))
    if (key) checkWebhookPayload(key, {});
  DescriptionValidator.persist(Number.POSITIVE_INFINITY);
}
