// The durable records end to end: dist/index.js keeps a run's record on the data branch of the fake GitHub, and
// `mode: dashboard` builds the site from that branch.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { appendLines } from '../../src/records/github-store.js';
import { parseStoredRecord } from '../../src/records/record.js';
import { type ActionRun, FAKE_TOKEN, makeIssueEvent, REPO_ROOT, runAction, seedIssueFromEvent } from './harness.js';

const BRANCH = 'ai-orchestra-data';
const CONFIG = (recordDir: string): string =>
  [
    'agents:',
    ...['claude', 'gemini', 'codex'].flatMap((name) => [
      `  ${name}:`,
      `    cli: ${name}`,
      '    env:',
      `      FAKE_RECORD_DIR: ${JSON.stringify(recordDir)}`,
      `      FAKE_ANSWER: "The answer of ${name}."`,
    ]),
    'pipelines:',
    '  ai-review:',
    '    label: ai-review',
    '    agents: [claude, gemini, codex]',
    '    reviewer: claude',
    '',
  ].join('\n');

describe('run records on the data branch (dist/index.js)', { timeout: 60_000 }, () => {
  let gh: FakeGitHub;
  let scratch: string;
  const runs: ActionRun[] = [];
  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'records-it-'));
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  async function review(
    inputs: Record<string, string>,
    configYaml = CONFIG(join(scratch, 'calls')),
  ): Promise<ActionRun> {
    const event = makeIssueEvent({
      number: 42,
      title: 'Cache is not thread-safe',
      body: 'Two workers corrupt the cache.',
    });
    seedIssueFromEvent(gh, event);
    gh.setPermission(event.sender.login, 'write');
    const run = await runAction({
      event,
      github: gh,
      inputs,
      configYaml,
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
    });
    runs.push(run);
    return run;
  }

  it('an ai-review run appends its record, with the ranking by agent and no answer text', async () => {
    const run = await review({ 'records-branch': BRANCH });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const files = gh.branchFiles(BRANCH)!;
    const month = [...files.keys()].find((p) => p.startsWith('records/'))!;
    expect(month).toMatch(/^records\/\d{4}-\d{2}\.jsonl$/);
    const record = parseStoredRecord(files.get(month)!.trim())!;
    expect(record).toMatchObject({
      id: 'acme/widgets#1001-1-42',
      pipeline: 'ai-review',
      status: 'success',
      issue: { number: 42 },
    });
    expect([...record.review!.ranking].sort()).toEqual(['claude', 'codex', 'gemini']);
    expect(files.get(month)).not.toContain('The answer of');
    expect(files.get(month)).not.toContain(FAKE_TOKEN);
    expect(run.stdout).toContain(`Kept the run's record in ${month} on ${BRANCH}`);
  });

  it('keeps nothing without records-branch', async () => {
    const run = await review({});
    expect(run.exitCode).toBe(0);
    expect(gh.branchFiles(BRANCH)).toBeUndefined();
    expect(gh.requestsTo('*', /\/contents\//)).toHaveLength(0);
  });

  it('a store it may not write to is a warning naming the permission; the run still succeeds', async () => {
    gh.failNext(
      { method: 'POST', pathRegex: /\/git\/trees$/ },
      { status: 403, body: { message: 'Resource not accessible by integration' } },
    );
    const run = await review({ 'records-branch': BRANCH });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::Could not keep the run's record on the branch ai-orchestra-data: Resource not accessible by integration.*contents: write/,
    );
  });

  it('mode dashboard builds the site from the branch’s records', async () => {
    const octokit = getOctokit('ghs_seed', { baseUrl: gh.url });
    gh.addRepo({});
    const dir = join(REPO_ROOT, '__fixtures__', 'dashboard', 'records');
    for (const name of readdirSync(dir)) {
      const lines = readFileSync(join(dir, name), 'utf8').trim().split('\n');
      await appendLines(
        octokit,
        { owner: 'acme', repo: 'widgets', branch: BRANCH },
        `records/${name}`,
        lines,
        `seed ${name}`,
      );
    }
    const before = gh.requests.length;
    const run = await runAction({
      event: makeIssueEvent({ number: 1 }),
      eventName: 'schedule',
      github: gh,
      inputs: { mode: 'dashboard' },
    });
    runs.push(run);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const file = run.outputs['dashboard-file']!;
    expect(file).toBe(join(run.workspace, '_site', 'index.html'));
    expect(existsSync(file)).toBe(true);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<title>AI Orchestra · acme/widgets</title>');
    expect(html).toMatch(/360 runs/);
    expect(run.stdout).toContain('Dashboard: 360 records from ai-orchestra-data');
    // The merged pull requests were asked for, and nothing was written.
    expect(gh.requestsTo('GET', /\/pulls$/).length).toBeGreaterThan(0);
    expect(gh.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('agents: top-2 runs the two best-rated agents of the records and says why in the status comment', async () => {
    gh.addRepo({});
    const octokit = getOctokit('ghs_seed', { baseUrl: gh.url });
    const lines = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({
        store: 1,
        id: `acme/widgets#${i}-1-9`,
        pipeline: 'ai-review',
        status: 'success',
        repository: 'acme/widgets',
        issue: { number: 9, url: 'https://github.com/acme/widgets/issues/9', title: 't' },
        startedAt: '2026-11-02T10:00:00.000Z',
        finishedAt: '2026-11-02T10:05:00.000Z',
        agents: [],
        review: { reviewer: 'claude', ranking: ['codex', 'gemini', 'claude'], unranked: [], confidence: 'high' },
      }),
    );
    await appendLines(
      octokit,
      { owner: 'acme', repo: 'widgets', branch: BRANCH },
      'records/2026-11.jsonl',
      lines,
      'seed',
    );
    const run = await review(
      { 'records-branch': BRANCH },
      CONFIG(join(scratch, 'calls')).replace('agents: [claude, gemini, codex]', 'agents: top-2'),
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const status = gh.commentsOn(42).find((c) => c.body.includes('AI Orchestra · ai-review'))!.body;
    expect(status).toMatch(
      /Agents chosen by the leaderboard \(top-2\):\n- \*\*codex\*\*: #1 on the leaderboard \(rating \d+/,
    );
    expect(status).toMatch(/- \*\*gemini\*\*: #2 on the leaderboard/);
    const answered = gh
      .commentsOn(42)
      .filter((c) => /The answer of \w+\./.test(c.body))
      .map((c) => /The answer of (\w+)\./.exec(c.body)![1]);
    expect(answered.sort()).toEqual(['codex', 'gemini']);
  });
});
