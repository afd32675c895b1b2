// The local runner's repository: --repo must be a real owner/name, and GITHUB_REPOSITORY may not silently replace it.
import { describe, expect, it } from 'vitest';
import { checkRepositoryAgrees, FlagError, payloadFromFlags } from '../../../src/cli/event-from-flags.js';

const flags = (repo: string) => ({ label: 'ai-review', title: 'T', repo }) as Parameters<typeof payloadFromFlags>[0];

describe('the local runner’s repository', () => {
  it('rejects . and .. as owner or name', () => {
    for (const repo of ['./widgets', '../widgets', 'acme/.', 'acme/..', '../..'])
      expect(() => payloadFromFlags(flags(repo), 'me'), repo).toThrow(
        new FlagError(`--repo "${repo}" is not of the form owner/name`),
      );
    expect(payloadFromFlags(flags('acme/.widgets'), 'me')).toMatchObject({
      repository: { full_name: 'acme/.widgets' },
    });
  });

  it('GITHUB_REPOSITORY that differs from the given repository stops the run; agreeing or absent is fine', () => {
    expect(() => checkRepositoryAgrees('evil/elsewhere', 'acme/widgets')).toThrow(
      new FlagError(
        'GITHUB_REPOSITORY is evil/elsewhere but the run is about acme/widgets; unset GITHUB_REPOSITORY or make them agree.',
      ),
    );
    expect(() => checkRepositoryAgrees('Acme/Widgets', 'acme/widgets')).not.toThrow();
    expect(() => checkRepositoryAgrees(undefined, 'acme/widgets')).not.toThrow();
    expect(() => checkRepositoryAgrees('acme/widgets', undefined)).not.toThrow();
  });
});
