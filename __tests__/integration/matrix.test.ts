// Matrix mode end to end: plan, the units concurrently, then finalize, each a separate process of dist/index.js,
// against one fake GitHub and one fake artifact service; the issue must end as a run-mode run leaves it.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeArtifactService, startFakeArtifactService } from '../../__fixtures__/fake-artifacts/server.js';
import { type FakeComment, type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { parseMarker } from '../../src/report/comment-body.js';
import {
  type ActionRun,
  type IssueEvent,
  makeIssueEvent,
  readRecords,
  runAction,
  seedIssueFromEvent,
} from './harness.js';

type Agents = Record<string, { cli: string; env?: Record<string, string> }>;

function agentLines(records: string, agents: Agents): string[] {
  const lines = ['agents:'];
  for (const [name, a] of Object.entries(agents)) {
    lines.push(`  ${name}:`, `    cli: ${a.cli}`, '    env:', `      FAKE_RECORD_DIR: ${JSON.stringify(records)}`);
    for (const [k, v] of Object.entries(a.env ?? {})) lines.push(`      ${k}: ${JSON.stringify(v)}`);
  }
  return lines;
}

function reviewConfig(records: string, extra: Record<string, Record<string, string>> = {}): string {
  const agents: Agents = {
    claude: {
      cli: 'claude',
      env: { FAKE_ANSWER: 'First answer: guard the cache with a mutex.', FAKE_DELAY_MS: '300', ...extra.claude },
    },
    gemini: {
      cli: 'gemini',
      env: { FAKE_ANSWER: 'Second answer: make the cache immutable.', FAKE_DELAY_MS: '300', ...extra.gemini },
    },
    codex: {
      cli: 'codex',
      env: { FAKE_ANSWER: 'Third answer: drop the cache entirely.', FAKE_DELAY_MS: '300', ...extra.codex },
    },
    judge: { cli: 'claude', env: extra.judge ?? {} },
  };
  return [
    ...agentLines(records, agents),
    'pipelines:',
    '  ai-review:',
    '    label: ai-review',
    '    agents: ["claude", "gemini", "codex"]',
    '    reviewer: judge',
    '',
  ].join('\n');
}

function personaConfig(records: string): string {
  const agents: Agents = {
    p1: { cli: 'claude', env: { FAKE_ANSWER: 'Answer one: a lock around the cache.', FAKE_DELAY_MS: '200' } },
    p2: { cli: 'gemini', env: { FAKE_ANSWER: 'Answer two: a copy-on-write cache.', FAKE_DELAY_MS: '200' } },
    p3: { cli: 'codex', env: { FAKE_ANSWER: 'Answer three: no cache at all.', FAKE_DELAY_MS: '200' } },
    judge: { cli: 'claude' },
  };
  const personas = ['architect:p1', 'pragmatist:p2', 'educator:p3'].map((s) => s.split(':'));
  return [
    ...agentLines(records, agents),
    'pipelines:',
    '  persona-data:',
    '    label: persona-data',
    '    output-dir: training-data',
    '    formats: ["openai-chat", "trl-sft", "dpo"]',
    '    reviewer: judge',
    '    personas:',
    ...personas.flatMap(([name, agent]) => [
      `      - name: ${name}`,
      `        agent: ${agent}`,
      `        style: "Answer as the ${name} would."`,
      `        focus: ["${name}"]`,
    ]),
    '',
  ].join('\n');
}

function byKey(comments: FakeComment[]): Map<string, FakeComment> {
  return new Map(comments.map((c) => [parseMarker(c.body)?.key ?? `unmarked:${c.id}`, c]));
}

/** A comment without what differs between two runs of the same event: times, durations, comment ids, answer letters, order. */
function normalized(body: string): string[] {
  return (
    body
      .replace(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?Z?/g, 'TIME')
      .replace(/\d+(\.\d+)? (ms|s)\b|\d+ min \d+ s/g, 'DURATION')
      .replace(/issuecomment-\d+/g, 'issuecomment-ID')
      // Answers are numbered in the order they finished, which is timing.
      .replace(/answer \d+ of/g, 'answer N of')
      .replace(/^#### \d+\. 🤖/gm, '#### N. 🤖')
      // The reviewer sees the answers shuffled, so which letter is whose differs from run to run.
      .replace(/\b[A-C]\b/g, 'L')
      .replace(/\bL \((claude|gemini|codex)\)/g, 'L (AGENT)')
      .replace(/\bL = (claude|gemini|codex)\b/g, 'L = AGENT')
      .replace(/artifacts\/\d+/g, 'artifacts/ID')
      // Which answer ranks first follows the reviewer's shuffled letters: the rows keep who was ranked, not where.
      .replace(/^\| (🥇|🥈|🥉) \| (.*?) \| L \| .* \|$/gm, '| RANK | $2 | L | WHY |')
      .replace(/^(\*\*Preference pair \(dpo\):\*\*).*$/m, '$1 PAIR')
      .split('\n')
      .sort()
  );
}

function issueState(gh: FakeGitHub): {
  keys: string[];
  bodies: Record<string, string[]>;
  labels: string[];
  reactions: string[];
} {
  const keyed = byKey(gh.commentsOn(42));
  return {
    keys: [...keyed.keys()].sort(),
    bodies: Object.fromEntries([...keyed].map(([k, c]) => [k, normalized(c.body)])),
    labels: [...gh.issue(42)!.labels].sort(),
    reactions: gh.issue(42)!.reactions.map((r) => r.content),
  };
}

describe('matrix mode: plan, units, finalize against dist/index.js', () => {
  const servers: { close(): Promise<void> }[] = [];
  const runs: ActionRun[] = [];
  let scratch: string;

  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'matrix-it-'));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  async function world(
    labelName = 'ai-review',
  ): Promise<{ gh: FakeGitHub; artifacts: FakeArtifactService; event: IssueEvent }> {
    const gh = await startFakeGitHub();
    const artifacts = await startFakeArtifactService();
    servers.push(gh, artifacts);
    const event = makeIssueEvent({
      number: 42,
      label: labelName,
      title: 'Cache is not thread-safe',
      body: 'Two workers corrupt the cache under load.',
    });
    seedIssueFromEvent(gh, event);
    gh.setPermission(event.sender.login, 'write');
    return { gh, artifacts, event };
  }

  async function job(
    w: { gh: FakeGitHub; artifacts: FakeArtifactService; event: IssueEvent },
    configYaml: string,
    inputs: Record<string, string>,
  ): Promise<ActionRun> {
    const r = await runAction({
      event: w.event,
      github: w.gh,
      configYaml,
      inputs,
      env: { ...w.artifacts.env, AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
    });
    runs.push(r);
    return r;
  }

  /** The three jobs, as the example workflow runs them; `skip` units never run (cancelled before they started). */
  async function matrixRun(
    w: Awaited<ReturnType<typeof world>>,
    configYaml: string,
    skip: string[] = [],
    afterUnits: () => void = () => undefined,
  ): Promise<{ plan: ActionRun; units: ActionRun[]; finalize: ActionRun }> {
    const plan = await job(w, configYaml, { mode: 'plan' });
    expect(plan.exitCode, plan.stdout + plan.stderr).toBe(0);
    const matrix = JSON.parse(plan.outputs.matrix!) as string[];
    const units = await Promise.all(
      matrix.filter((u) => !skip.includes(u)).map((unit) => job(w, configYaml, { mode: 'unit', unit })),
    );
    afterUnits();
    const finalize = await job(w, configYaml, { mode: 'finalize' });
    return { plan, units, finalize };
  }

  it('ai-review: the issue ends exactly as after a run-mode run of the same event', async () => {
    const records = join(scratch, 'records');
    const single = await world();
    const one = await job(single, reviewConfig(join(scratch, 'single')), {});
    expect(one.exitCode, one.stdout + one.stderr).toBe(0);

    const w = await world();
    // Three units wrote the one status comment at once: before finalize, every unit's row is in it.
    let between = '';
    const { plan, units, finalize } = await matrixRun(
      w,
      reviewConfig(records),
      [],
      () => (between = byKey(w.gh.commentsOn(42)).get('status')!.body),
    );
    expect(between).toContain('ai-orchestra:state=running');
    expect(between).toContain('⏳ **Running** · 3 of 4 done');
    for (const agent of ['claude', 'gemini', 'codex'])
      expect(between).toMatch(
        new RegExp(
          `^\\| ✅ \\| ${agent} \\| answer \\| .*\\[answer\\]\\(https://github.com/acme/widgets/issues/42#issuecomment-\\d+\\)`,
          'm',
        ),
      );
    expect(plan.outputs).toMatchObject({
      pipeline: 'ai-review',
      status: 'success',
      matrix: '["claude","gemini","codex"]',
    });
    for (const u of units) expect(u.exitCode, u.stdout + u.stderr).toBe(0);
    expect(finalize.exitCode, finalize.stdout + finalize.stderr).toBe(0);
    expect(finalize.outputs).toMatchObject({ pipeline: 'ai-review', status: 'success' });

    expect(issueState(w.gh)).toEqual(issueState(single.gh));
    const status = byKey(w.gh.commentsOn(42)).get('status')!.body;
    expect(status).not.toContain('ai-orchestra:rows=');
    expect(status.split('\n').filter((l) => l.startsWith('| ✅ |'))).toHaveLength(4);
    // Each unit ran its one agent; finalize ran only the reviewer, over the three answers from the artifacts.
    const calls = await readRecords(records);
    // The reviewer ranks twice (the second time in reverse order), as in run mode.
    expect(calls.map((c) => c.cli).sort()).toEqual(['claude', 'claude', 'claude', 'codex', 'gemini']);
    expect(w.artifacts.artifacts.map((a) => a.name).sort()).toEqual(
      ['claude', 'codex', 'gemini'].map((u) => `ai-orchestra-ai-review-issue-42-unit-${u}-attempt-1`),
    );
    expect(w.artifacts.calls).toEqual(expect.arrayContaining(['ListArtifacts', 'GetSignedArtifactURL']));
    const result = JSON.parse(readFileSync(finalize.outputs['result-file']!, 'utf8'));
    expect(result.runs.map((r: any) => `${r.agent}:${r.role}:${r.status}`)).toEqual([
      'claude:answer:success',
      'gemini:answer:success',
      'codex:answer:success',
      'judge:reviewer:success',
      'judge:reviewer:success',
    ]);
  }, 90_000);

  it('ai-review: a unit whose agent fails and a unit that never ran are named in the review and the status', async () => {
    const w = await world();
    const config = reviewConfig(join(scratch, 'records'), {
      gemini: { FAKE_MODE: 'fail', FAKE_ERROR: 'API Error: 401 invalid x-api-key' },
    });
    const { units, finalize } = await matrixRun(w, config, ['codex']);
    // The agent's failure is reported by finalize, as run mode reports it; the unit job itself succeeds.
    expect(units.map((u) => u.outputs.status)).toEqual(['success', 'failure']);
    expect(units.map((u) => u.exitCode)).toEqual([0, 0]);
    expect(finalize.exitCode, finalize.stdout + finalize.stderr).toBe(0);
    expect(finalize.stdout).toMatch(/Unit codex left no result/);

    const keyed = byKey(w.gh.commentsOn(42));
    expect([...keyed.keys()].sort()).toEqual(['agent:claude', 'agent:gemini', 'review', 'status']);
    expect(keyed.get('agent:gemini')!.body).toContain('401 invalid x-api-key');
    const review = keyed.get('review')!.body;
    expect(review).toMatch(/Left out of this review: .*\*\*gemini\*\* \(failed\)/);
    expect(review).toMatch(
      /\*\*codex\*\* \(no result: its matrix job failed before uploading one, was cancelled, or never ran\)/,
    );
    const status = keyed.get('status')!.body;
    expect(status).toMatch(/^\| ❌ \| gemini \| answer \|/m);
    expect(status).toMatch(/^\| 🚫 \| codex \| answer \| .*no result/m);
    expect(status).toMatch(/⚠️ \*\*Finished\*\*.* · 1 of 4 failed/);
    expect(w.gh.issue(42)!.labels).toContain('ai-processed');
  }, 90_000);

  it('persona-data: the datasets and the comment are those of a run-mode run', async () => {
    const single = await world('persona-data');
    const one = await job(single, personaConfig(join(scratch, 'single')), {});
    expect(one.exitCode, one.stdout + one.stderr).toBe(0);

    const w = await world('persona-data');
    const { plan, finalize } = await matrixRun(w, personaConfig(join(scratch, 'records')));
    expect(plan.outputs.matrix).toBe('["architect","pragmatist","educator"]');
    expect(finalize.exitCode, finalize.stdout + finalize.stderr).toBe(0);
    expect(issueState(w.gh)).toEqual(issueState(single.gh));

    // Row for row the same data, apart from times; the dpo pair depends on the reviewer's shuffled letters.
    const rows = (r: ActionRun, format: string): string[] =>
      readFileSync(join(r.workspace, 'training-data', `acme-widgets-issue-42.${format}.jsonl`), 'utf8')
        .trim()
        .split('\n')
        .sort();
    for (const format of ['openai-chat', 'trl-sft']) expect(rows(finalize, format)).toEqual(rows(one, format));
    expect(rows(finalize, 'dpo')).toHaveLength(1);
    const meta = (r: ActionRun): unknown[] =>
      rows(r, 'openai-chat.meta').map((l) => {
        // The prompt's hash differs with the random fence around the issue, in any two runs.
        const {
          created_at: _c,
          duration_ms: _d,
          prompt_sha256: _p,
          ...rest
        } = JSON.parse(l) as Record<string, unknown>;
        return rest;
      });
    expect(meta(finalize)).toEqual(meta(one));
    expect(w.artifacts.artifacts.map((a) => a.name)).toContain('persona-data-issue-42');
  }, 90_000);

  it('relay-pipeline has no matrix form: plan says so, outputs an empty matrix and touches nothing', async () => {
    const w = await world('relay');
    const config = `${agentLines(join(scratch, 'records'), { claude: { cli: 'claude' } }).join('\n')}\npipelines:\n  relay-pipeline:\n    label: relay\n    stages:\n      - name: review\n        agent: claude\n`;
    const plan = await job(w, config, { mode: 'plan' });
    expect(plan.exitCode).toBe(1);
    expect(plan.outputs, plan.stdout).toMatchObject({ pipeline: 'relay-pipeline', status: 'failure', matrix: '[]' });
    expect(plan.stdout).toMatch(/::error::relay-pipeline .*has no matrix form: run it with mode: run/);
    expect(w.gh.commentsOn(42)).toEqual([]);
  }, 30_000);

  it("plan applies run mode's gate: a refused labeler or a label of no pipeline gives an empty matrix and touches nothing", async () => {
    const w = await world();
    w.gh.setPermission(w.event.sender.login, 'read');
    const refused = await job(w, reviewConfig(join(scratch, 'records')), { mode: 'plan' });
    expect(refused.exitCode).toBe(0);
    expect(refused.outputs).toMatchObject({ pipeline: 'ai-review', status: 'skipped', matrix: '[]' });
    const other = await runAction({
      event: makeIssueEvent({ number: 42, label: 'bug' }),
      github: w.gh,
      configYaml: reviewConfig(join(scratch, 'records')),
      inputs: { mode: 'plan' },
    });
    runs.push(other);
    expect(other.outputs).toMatchObject({ pipeline: 'none', status: 'skipped', matrix: '[]' });
    expect(w.gh.commentsOn(42)).toEqual([]);
    expect(w.gh.issue(42)!.reactions).toEqual([]);
  }, 30_000);

  it('comment-mode combined: units post no answers, finalize posts them combined as run mode does', async () => {
    const combined = (records: string): string => `${reviewConfig(records)}settings:\n  comment-mode: combined\n`;
    const single = await world();
    const one = await job(single, combined(join(scratch, 'single')), {});
    expect(one.exitCode, one.stdout + one.stderr).toBe(0);
    const w = await world();
    let between: string[] = [];
    const { finalize } = await matrixRun(
      w,
      combined(join(scratch, 'records')),
      [],
      () => (between = [...byKey(w.gh.commentsOn(42)).keys()]),
    );
    expect(between).toEqual(['status']);
    expect(finalize.exitCode, finalize.stdout + finalize.stderr).toBe(0);
    expect(issueState(w.gh)).toEqual(issueState(single.gh));
  }, 90_000);

  it('an unknown unit is refused with the valid ones named', async () => {
    const w = await world();
    const plan = await job(w, reviewConfig(join(scratch, 'records')), { mode: 'plan' });
    expect(plan.exitCode).toBe(0);
    const unit = await job(w, reviewConfig(join(scratch, 'records')), { mode: 'unit', unit: '{"unit":"copilot"}' });
    expect(unit.exitCode).toBe(1);
    expect(unit.stdout).toMatch(/::error::Unknown unit "copilot".*valid units for ai-review: claude, gemini, codex/);
  }, 30_000);
});
