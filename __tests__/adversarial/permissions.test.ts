// Who may trigger a run: labelers without write access, bots, and a permission API that errs all start nothing.
import { describe, expect, it } from 'vitest';
import type { Permission } from '../../__fixtures__/fake-github/server.js';
import type { ActionRun } from '../integration/harness.js';
import { byKey, configYaml, ISSUE, useAdversary, WRITE_METHODS } from './helpers.js';

describe('adversarial: who may trigger a run', () => {
  const t = useAdversary('permissions');
  const config = (): string => configYaml(t.records, { claude: { env: { FAKE_DELAY_MS: '0' } } });

  async function expectRefused(run: ActionRun, login: string, why: RegExp): Promise<void> {
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'skipped' });
    expect(run.stdout).toMatch(new RegExp(`::warning::.*${login.replace(/[[\]]/g, '\\$&')}.*${why.source}`));
    expect(t.gh.requests.filter((r) => WRITE_METHODS.has(r.method))).toEqual([]);
    expect(await t.calls()).toEqual([]);
  }

  it.each<[string, Permission]>([
    ['read', 'read'],
    ['triage', 'triage'],
    ['none', 'none'],
  ])(
    'a labeler with %s permission starts nothing and posts nothing',
    async (_name, permission) => {
      const event = t.seeded({ sender: 'drive-by' }, permission);
      const run = await t.label(event, { configYaml: config() });
      await expectRefused(run, 'drive-by', new RegExp(`${permission} permission`));
    },
    30_000,
  );

  it('a bot not listed in allowed-bots starts nothing, even when the list has a wildcard or another bot', async () => {
    const event = t.seeded({ sender: 'dependabot[bot]' }, null);
    const run = await t.label(event, { configYaml: config(), inputs: { 'allowed-bots': '*, renovate[bot]' } });
    await expectRefused(run, 'dependabot[bot]', /allowed-bots/);
  }, 30_000);

  it('an account of type Bot is a bot whatever its login says', async () => {
    const event = t.seeded({ sender: 'helpful-automation', senderType: 'Bot' }, 'admin');
    const run = await t.label(event, { configYaml: config() });
    await expectRefused(run, 'helpful-automation', /allowed-bots/);
  }, 30_000);

  it('a bot listed in allowed-bots runs', async () => {
    const event = t.seeded({ sender: 'renovate[bot]' }, null);
    const run = await t.label(event, {
      configYaml: config(),
      inputs: { 'allowed-bots': 'dependabot[bot], Renovate[bot]' },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'success' });
    expect([...byKey(t.gh.commentsOn(ISSUE)).keys()].sort()).toEqual(['agent:claude', 'review', 'status']);
    expect((await t.calls()).length).toBe(2);
  }, 30_000);

  it('allowed-bots does not let a human without write access in', async () => {
    const event = t.seeded({ sender: 'drive-by' }, 'read');
    const run = await t.label(event, { configYaml: config(), inputs: { 'allowed-bots': 'drive-by' } });
    await expectRefused(run, 'drive-by', /read permission/);
  }, 30_000);

  it('a labeler the permission API does not know (404) starts nothing', async () => {
    const event = t.seeded({ sender: 'stranger' }, null);
    const run = await t.label(event, { configYaml: config() });
    await expectRefused(run, 'stranger', /404/);
    expect(t.gh.requestsTo('GET', /\/collaborators\/stranger\/permission$/)).toHaveLength(1);
  }, 30_000);

  it('a permission API that keeps failing with 500 starts nothing (fail closed, after retries), and the step fails visibly', async () => {
    const event = t.seeded({ sender: 'maintainer' }, 'admin');
    t.gh.failNext({ method: 'GET', pathRegex: /\/collaborators\/[^/]+\/permission$/ }, { status: 500 }, 100);
    const run = await t.label(event, { configYaml: config() });
    // Not a quiet skip: an error annotation and a failed step, so the job is not green; still nothing runs or is posted.
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'failure' });
    expect(run.stdout).toMatch(
      /::error::Not running ai-review on #\d+: could not check maintainer's permission \(HTTP 500\); refusing to run/,
    );
    expect(t.gh.requests.filter((r) => WRITE_METHODS.has(r.method))).toEqual([]);
    expect(await t.calls()).toEqual([]);
    expect(t.gh.requestsTo('GET', /\/collaborators\/maintainer\/permission$/).length).toBeGreaterThan(1);
  }, 30_000);
});
