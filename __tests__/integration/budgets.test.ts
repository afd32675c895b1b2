// Budgets, fallbacks and the fair judge, end to end: dist/index.js against the fake GitHub, with fake CLIs that stream
// usage as claude's stream-json does, replay the failures the contract suite captured, or judge by position.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { parseMarker } from '../../src/report/comment-body.js';
import { isRunning } from '../adversarial/helpers.js';
import { type ActionRun, makeIssueEvent, REPO_ROOT, readRecords, runAction, seedIssueFromEvent } from './harness.js';

const CAPTURED = join(REPO_ROOT, '__fixtures__', 'cli-output');

type Yaml = Record<string, unknown>;

/** The config as YAML flow mappings (JSON is YAML); every agent records its calls into `records`. */
function configYaml(
  records: string,
  agents: Record<string, Yaml & { env?: Record<string, string> }>,
  review: Yaml,
  settings: Yaml = {},
): string {
  const withRecords = Object.fromEntries(
    Object.entries(agents).map(([name, a]) => [
      name,
      { timeout: 60, ...a, env: { FAKE_RECORD_DIR: records, ...a.env } },
    ]),
  );
  return `${JSON.stringify({ agents: withRecords, pipelines: { 'ai-review': { label: 'ai-review', ...review } }, ...(Object.keys(settings).length > 0 ? { settings } : {}) }, null, 2)}\n`;
}

/** claude printing stream-json usage: 1,000 output tokens a step, 20 steps a second, for long enough to be stopped. */
const STREAMING = { FAKE_STREAM_STEPS: '600', FAKE_STEP_TOKENS: '1000', FAKE_STEP_DELAY_MS: '50' };

interface RunRecordJson {
  status: string;
  error?: string;
  runs: {
    agent: string;
    role: string;
    status: string;
    error?: string;
    usage: { inputTokens?: number; outputTokens?: number; costUsd?: number };
    inPlaceOf?: { agent: string; reason: string };
    replaced?: { agent: string }[];
  }[];
  usage: {
    total: { inputTokens?: number; outputTokens?: number; costUsd?: number; costUnknown: boolean };
    byAgent: Record<string, unknown>;
    pricesAsOf: string;
  };
}

describe('budgets, fallbacks and a fair judge, end to end against dist/index.js', { timeout: 60_000 }, () => {
  let gh: FakeGitHub;
  let scratch: string;
  let records: string;
  const runs: ActionRun[] = [];

  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'budgets-it-'));
    records = join(scratch, 'records');
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  async function label(
    config: string,
  ): Promise<{ run: ActionRun; result: RunRecordJson; comments: Map<string, string> }> {
    const event = makeIssueEvent({ number: 16, title: 'Budgets', body: 'Spend wisely.' });
    seedIssueFromEvent(gh, event);
    gh.setPermission(event.sender.login, 'write');
    const run = await runAction({
      event,
      github: gh,
      configYaml: config,
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
    });
    runs.push(run);
    const result = JSON.parse(readFileSync(run.outputs['result-file']!, 'utf8')) as RunRecordJson;
    const comments = new Map(gh.commentsOn(16).map((c) => [parseMarker(c.body)?.key ?? `unmarked:${c.id}`, c.body]));
    return { run, result, comments };
  }

  it('stops an agent at its own budget while it streams usage: result "budget", its whole process group gone', async () => {
    const { run, result, comments } = await label(
      configYaml(
        records,
        {
          spender: { cli: 'claude', model: 'claude-sonnet-4-5', 'max-tokens': 5000, env: STREAMING },
          gemini: { cli: 'gemini', env: { FAKE_ANSWER: 'Gemini answers.' } },
          codex: { cli: 'codex', env: { FAKE_ANSWER: 'Codex answers.' } },
          judge: { cli: 'claude' },
        },
        { agents: ['spender', 'gemini', 'codex'], reviewer: 'judge' },
      ),
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.leftoverProcesses).toBe(false);
    const spender = result.runs.find((r) => r.agent === 'spender')!;
    expect(spender.status).toBe('budget');
    expect(spender.error).toMatch(
      /^stopped: budget: spender went over its budget \(\d+ tokens used, max-tokens is 5000\); its whole process group was killed$/,
    );
    // Counted as the events arrived: stopped within a few steps of the limit, long before its 600 steps.
    const tokens = (spender.usage.inputTokens ?? 0) + (spender.usage.outputTokens ?? 0);
    expect(tokens).toBeGreaterThan(5000);
    expect(tokens).toBeLessThan(20_000);
    expect(spender.usage.costUsd).toBeGreaterThan(0);
    const record = (await readRecords(records)).find(
      (r) => r.cli === 'claude' && (r as { mode?: string }).mode === 'stream',
    )! as unknown as { grandchildPid: number; finishedAt: number | null; argv: string[] };
    expect(record.argv).toEqual(expect.arrayContaining(['--output-format', 'stream-json', '--verbose']));
    expect(record.finishedAt).toBeNull();
    expect(isRunning(record.grandchildPid)).toBe(false);
    expect(comments.get('agent:spender')).toContain('💰 stopped: budget');
    expect(comments.get('status')).toMatch(/\| 💰 \| spender \| answer \|[^\n]*stopped: budget[^\n]*tokens · \$/);
    expect(comments.get('status')).toContain('**Total:**');
    expect(result.status).toBe('success');
    expect(result.usage.total.inputTokens).toBeGreaterThan(0);
    expect(Object.keys(result.usage.byAgent).sort()).toEqual(['codex', 'gemini', 'judge', 'spender']);
    expect(run.summary).toContain('**Total:**');
  });

  it('shares the run budget: agents each within any own limit are stopped when together they go over it', async () => {
    const { run, result } = await label(
      configYaml(
        records,
        {
          a1: { cli: 'claude', model: 'claude-sonnet-4-5', env: STREAMING },
          a2: { cli: 'claude', model: 'claude-sonnet-4-5', env: STREAMING },
          judge: { cli: 'claude' },
        },
        { agents: ['a1', 'a2'], reviewer: 'judge' },
        { 'max-tokens': 40_000 },
      ),
    );
    expect(run.leftoverProcesses).toBe(false);
    const [a1, a2] = ['a1', 'a2'].map((name) => result.runs.find((r) => r.agent === name)!);
    const tokens = (r: RunRecordJson['runs'][number]): number =>
      (r.usage.inputTokens ?? 0) + (r.usage.outputTokens ?? 0);
    for (const r of [a1!, a2!]) {
      expect(r.status).toBe('budget');
      expect(r.error).toContain('the run went over its budget');
      // Neither alone reached the run's limit: it was their sum.
      expect(tokens(r)).toBeLessThan(40_000);
    }
    expect(tokens(a1!) + tokens(a2!)).toBeGreaterThan(40_000);
    // Nothing answered, and the used-up budget starts no judge.
    expect(result.status).toBe('failure');
    expect(result.runs.filter((r) => r.role === 'reviewer')).toEqual([]);
  });

  it('refuses a run whose estimate cannot fit the run budget (over-budget: run-none): no agent starts', async () => {
    const { run, result, comments } = await label(
      configYaml(
        records,
        {
          claude: { cli: 'claude', model: 'claude-sonnet-4-5' },
          codex: { cli: 'codex', model: 'gpt-5' },
          judge: { cli: 'claude', model: 'claude-sonnet-4-5' },
        },
        { agents: ['claude', 'codex'], reviewer: 'judge' },
        { 'max-cost-usd': 0.001, 'over-budget': 'run-none' },
      ),
    );
    expect(run.outputs.status).toBe('failure');
    expect(await readRecords(records)).toEqual([]);
    for (const name of ['claude', 'codex']) {
      const r = result.runs.find((x) => x.agent === name)!;
      expect(r.status).toBe('budget');
      expect(r.error).toMatch(
        /^not started: the estimate for the whole run \(\d+ tokens, \$0\.\d+\) is over the run budget \(max-cost-usd \$0\.0010\)$/,
      );
    }
    expect(comments.get('review')).toContain('No agent answered');
    expect(run.stdout).toContain('no agent was started (settings.over-budget: run-none)');
  });

  it('answers with a fallback when an agent fails the way each real CLI fails', async () => {
    const replay = (cli: string, name: string, exit: number) => ({
      cli,
      fallback: ['backup'],
      env: { FAKE_REPLAY: join(CAPTURED, cli, name), FAKE_REPLAY_EXIT: String(exit) },
    });
    const { run, result, comments } = await label(
      configYaml(
        records,
        {
          claude: replay('claude', 'error-api-401.json', 1),
          codex: replay('codex', 'error-401.jsonl', 1),
          gemini: replay('gemini', 'error-quota.json', 1),
          copilot: replay('copilot', 'error-429', 1),
          opencode: replay('opencode', 'error-500', 1),
          qwen: replay('qwen', 'error-unreachable', 55),
          backup: { command: ['echo-agent'] },
          judge: { cli: 'claude' },
        },
        { agents: ['claude', 'codex', 'gemini', 'copilot', 'opencode', 'qwen'], reviewer: 'judge' },
      ),
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const reasons: Record<string, string> = {
      claude: 'authentication failed',
      codex: 'authentication failed',
      gemini: 'a rate limit or quota was reached',
      copilot: 'a rate limit or quota was reached',
      opencode: 'the provider had a server error',
      qwen: 'it timed out',
    };
    const answers = result.runs.filter((r) => r.role === 'answer');
    // One answer per slot: six slots, six answers by the backup.
    expect(answers).toHaveLength(6);
    for (const [slot, reason] of Object.entries(reasons)) {
      const answer = answers.find((r) => r.inPlaceOf?.agent === slot)!;
      expect(answer).toMatchObject({
        agent: 'backup',
        status: 'success',
        inPlaceOf: { agent: slot, reason: `${slot}: ${reason}` },
      });
      expect(answer.replaced!.map((r) => r.agent)).toEqual([slot]);
      expect(comments.get(`agent:${slot}`)).toContain(
        `Answered by **backup** in place of **${slot}**, because ${slot}: ${reason}.`,
      );
    }
    expect(comments.get('review')).toContain(
      'Answered by **backup** in place of **qwen**, because qwen: it timed out.',
    );
    expect(comments.get('status')).toMatch(/\| ✅ \| copilot \| answer \|[^\n]*answer by backup in place of copilot/);
  });

  it("a fallback chain that runs out: the slot fails, naming every fallback's failure", async () => {
    const { result, comments } = await label(
      configYaml(
        records,
        {
          claude: {
            cli: 'claude',
            fallback: ['opencode', 'copilot'],
            env: { FAKE_REPLAY: join(CAPTURED, 'claude', 'error-rate-limit-exit0.json'), FAKE_REPLAY_EXIT: '0' },
          },
          opencode: {
            cli: 'opencode',
            env: { FAKE_REPLAY: join(CAPTURED, 'opencode', 'error-unreachable'), FAKE_REPLAY_EXIT: '1' },
          },
          copilot: {
            cli: 'copilot',
            env: { FAKE_REPLAY: join(CAPTURED, 'copilot', 'error-401'), FAKE_REPLAY_EXIT: '1' },
          },
          gemini: { cli: 'gemini', env: { FAKE_ANSWER: 'Gemini answers.' } },
          judge: { cli: 'claude' },
        },
        { agents: ['claude', 'gemini'], reviewer: 'judge' },
      ),
    );
    const claude = result.runs.find((r) => r.role === 'answer' && r.agent === 'claude')!;
    expect(claude.status).toBe('failure');
    expect(claude.error).toContain(
      'no fallback could answer in its place: opencode (the provider could not be reached), copilot (authentication failed)',
    );
    expect(claude.replaced!.map((r) => r.agent)).toEqual(['opencode', 'copilot']);
    expect(comments.get('review')).toContain('Left out of this review: **claude** (failed)');
  });

  it('a position-biased judge (prefers whatever it sees first) yields ties with low confidence, not its order', async () => {
    const { run, comments } = await label(
      configYaml(
        records,
        {
          claude: { cli: 'claude', env: { FAKE_ANSWER: 'One.' } },
          gemini: { cli: 'gemini', env: { FAKE_ANSWER: 'Two, longer.' } },
          codex: { cli: 'codex', env: { FAKE_ANSWER: 'Three, the longest of them.' } },
          judge: { cli: 'claude', env: { FAKE_JUDGE: 'first-seen' } },
        },
        { agents: ['claude', 'gemini', 'codex'], reviewer: 'judge' },
      ),
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const prompts = (await readRecords(records))
      .filter((r) => r.prompt?.includes('--- BEGIN ANSWER'))
      .map((r) => [...r.prompt!.matchAll(/^--- BEGIN ANSWER (\S+) ---$/gm)].map((m) => m[1]!));
    expect(prompts).toHaveLength(2);
    expect(prompts).toContainEqual([...prompts[0]!].reverse());
    const review = comments.get('review')!;
    const rows = review.split('\n').filter((l) => /^\| =1 \|/.test(l));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/\| \d+ words \| ⚠️ low \|/);
    expect(review).not.toContain('🥇');
    expect(review).toContain('combined by Borda count');
  });

  it("several judges: none ranks its own vendor's answer when another can", async () => {
    const { run } = await label(
      configYaml(
        records,
        {
          claude: { cli: 'claude', env: { FAKE_ANSWER: 'Claude answers.' } },
          gemini: { cli: 'gemini', env: { FAKE_ANSWER: 'Gemini answers.' } },
          codex: { cli: 'codex', env: { FAKE_ANSWER: 'Codex answers.' } },
        },
        { agents: ['claude', 'gemini', 'codex'], reviewers: ['claude', 'gemini'] },
      ),
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const reviews = (await readRecords(records)).filter((r) => r.prompt?.includes('--- BEGIN ANSWER'));
    expect(reviews.map((r) => r.cli).sort()).toEqual(['claude', 'claude', 'gemini', 'gemini']);
    for (const r of reviews) expect(r.prompt).not.toContain(r.cli === 'claude' ? 'Claude answers.' : 'Gemini answers.');
  });
});
