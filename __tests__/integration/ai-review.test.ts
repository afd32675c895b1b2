// End-to-end tests of the ai-review pipeline: the bundled dist/index.js against a fake GitHub and fake AI CLIs.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeComment, type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { parseMarker } from '../../src/report/comment-body.js';
import {
  type ActionRun,
  FAKE_TOKEN,
  type IssueEvent,
  makeIssueEvent,
  readRecords,
  runAction,
  seedIssueFromEvent,
} from './harness.js';

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Alive and not a zombie: a killed process that nobody reaped yet is gone for our purposes. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

interface AgentOptions {
  cli?: string;
  command?: string[];
  model?: string;
  timeout?: number;
  env?: Record<string, string>;
}

/** A config file for the fake CLIs; every agent records its calls into `recordDir`. */
function configYaml(
  recordDir: string,
  agents: Record<string, AgentOptions>,
  review: { agents?: string[]; reviewer?: string } = {},
  settings: Record<string, number | string> = {},
): string {
  const lines = ['agents:'];
  for (const [name, a] of Object.entries(agents)) {
    lines.push(`  ${name}:`);
    if (a.command) lines.push(`    command: ${JSON.stringify(a.command)}`);
    else lines.push(`    cli: ${a.cli ?? name}`);
    if (a.model) lines.push(`    model: ${a.model}`);
    if (a.timeout !== undefined) lines.push(`    timeout: ${a.timeout}`);
    lines.push('    env:', `      FAKE_RECORD_DIR: ${JSON.stringify(recordDir)}`);
    for (const [k, v] of Object.entries(a.env ?? {})) lines.push(`      ${k}: ${JSON.stringify(v)}`);
  }
  const names = Object.keys(agents);
  lines.push(
    'pipelines:',
    '  ai-review:',
    '    label: ai-review',
    `    agents: ${JSON.stringify(review.agents ?? names.filter((n) => n !== 'judge'))}`,
    `    reviewer: ${review.reviewer ?? (names.includes('judge') ? 'judge' : names[0])}`,
  );
  if (Object.keys(settings).length > 0) {
    lines.push('settings:');
    for (const [k, v] of Object.entries(settings)) lines.push(`  ${k}: ${JSON.stringify(v)}`);
  }
  return `${lines.join('\n')}\n`;
}

const THREE = (extra: Record<string, Record<string, string>> = {}): Record<string, AgentOptions> => ({
  claude: {
    model: 'claude-sonnet-4-5',
    env: { FAKE_ANSWER: 'First answer: guard the cache with a mutex.', FAKE_DELAY_MS: '600', ...extra.claude },
  },
  gemini: { env: { FAKE_ANSWER: 'Second answer: make the cache immutable.', FAKE_DELAY_MS: '600', ...extra.gemini } },
  codex: { env: { FAKE_ANSWER: 'Third answer: drop the cache entirely.', FAKE_DELAY_MS: '600', ...extra.codex } },
});

function markerKey(c: FakeComment): string | undefined {
  return parseMarker(c.body)?.key;
}

function byKey(comments: FakeComment[]): Map<string, FakeComment> {
  return new Map(comments.map((c) => [markerKey(c) ?? `unmarked:${c.id}`, c]));
}

function resultRecord(run: ActionRun): any {
  return JSON.parse(readFileSync(run.outputs['result-file']!, 'utf8'));
}

describe('ai-review, end to end against dist/index.js', () => {
  let gh: FakeGitHub;
  let scratch: string;
  let records: string;
  const runs: ActionRun[] = [];

  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'ai-review-it-'));
    records = join(scratch, 'records');
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  async function label(
    event: IssueEvent,
    opts: Omit<Parameters<typeof runAction>[0], 'event' | 'github'> = {},
  ): Promise<ActionRun> {
    const run = await runAction({
      event,
      github: gh,
      ...opts,
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0', ...opts.env },
    });
    runs.push(run);
    return run;
  }

  function seeded(overrides: Parameters<typeof makeIssueEvent>[0] = {}): IssueEvent {
    const event = makeIssueEvent({
      number: 42,
      title: 'Cache is not thread-safe',
      body: 'Two workers corrupt the cache under load.',
      ...overrides,
    });
    seedIssueFromEvent(gh, event);
    gh.setPermission(event.sender.login, 'write');
    return event;
  }

  it('three agents answer concurrently; one review ranks them; status finalized; label added', async () => {
    const event = seeded();
    const run = await label(event, { configYaml: configYaml(records, THREE()) });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'success' });
    expect(run.leftoverProcesses).toBe(false);

    const comments = gh.commentsOn(42);
    const keyed = byKey(comments);
    expect([...keyed.keys()].sort()).toEqual(['agent:claude', 'agent:codex', 'agent:gemini', 'review', 'status']);
    expect(comments).toHaveLength(5);
    for (const c of comments) expect(parseMarker(c.body)).toMatchObject({ runId: '1001', pipeline: 'ai-review' });

    // One comment per agent, with header facts and the answer.
    expect(keyed.get('agent:claude')!.body).toMatch(/### 🤖 claude · `claude-sonnet-4-5`/);
    expect(keyed.get('agent:claude')!.body).toContain('First answer: guard the cache with a mutex.');
    expect(keyed.get('agent:claude')!.body).toMatch(/✅ answered in \d/);
    expect(keyed.get('agent:claude')!.body).toMatch(/tokens/);
    expect(keyed.get('agent:gemini')!.body).toContain('Second answer: make the cache immutable.');
    expect(keyed.get('agent:codex')!.body).toContain('Third answer: drop the cache entirely.');

    // The review: a ranking table with the letters mapped back to every agent, once each.
    const review = keyed.get('review')!.body;
    expect(review).toMatch(/Synthesis/);
    const rankingRows = review.split('\n').filter((l) => /^\|\s*(🥇|🥈|🥉|\d)/.test(l));
    expect(rankingRows).toHaveLength(3);
    for (const agent of ['claude', 'gemini', 'codex'])
      expect(rankingRows.filter((r) => r.includes(agent))).toHaveLength(1);

    // The status comment is finalized with every row done.
    const status = keyed.get('status')!.body;
    expect(status).toContain('<!-- ai-orchestra:state=success');
    expect(status).toMatch(/✅ \*\*Finished\*\* in /);
    expect(status.split('\n').filter((l) => l.startsWith('| ✅ |'))).toHaveLength(4);
    expect(status).not.toMatch(/🕓|⏳/);
    expect(gh.requestsTo('PATCH', /\/issues\/comments\/\d+$/).length).toBeGreaterThanOrEqual(1);

    const issue = gh.issue(42)!;
    expect(issue.labels).toContain('ai-processed');
    expect(issue.reactions.map((r) => r.content)).toEqual(['eyes']);

    // The three answers overlapped in time: each started before any finished.
    const calls = await readRecords(records);
    const answers = calls.filter((c) => !c.prompt!.includes('--- BEGIN ANSWER'));
    const reviews = calls.filter((c) => c.prompt!.includes('--- BEGIN ANSWER'));
    expect(answers.map((c) => c.cli).sort()).toEqual(['claude', 'codex', 'gemini']);
    // The reviewer ranks twice: the second time with the answers in reverse order.
    expect(reviews.map((c) => c.cli)).toEqual(['claude', 'claude']);
    expect(Math.max(...answers.map((c) => c.startedAt))).toBeLessThan(Math.min(...answers.map((c) => c.finishedAt!)));
    expect(reviews[0]!.startedAt).toBeGreaterThanOrEqual(Math.max(...answers.map((c) => c.finishedAt!)));

    // Every agent got the same prompt on stdin, with the issue fenced; nothing of it in argv.
    expect(new Set(answers.map((c) => c.prompt)).size).toBe(1);
    for (const c of answers) {
      expect(c.prompt).toContain('Two workers corrupt the cache under load.');
      expect(c.argv.join(' ')).not.toContain('corrupt');
    }
    // The reviewer sees anonymous answers only.
    const reviewerPrompt = reviews[0]!.prompt!;
    for (const text of ['First answer', 'Second answer', 'Third answer']) expect(reviewerPrompt).toContain(text);
    for (const name of ['claude', 'gemini', 'codex']) expect(reviewerPrompt.toLowerCase()).not.toContain(name);

    // Agents never see the token or the action's inputs.
    for (const c of calls) {
      expect(Object.keys(c.env).filter((k) => /^(INPUT_|GITHUB_|ACTIONS_|RUNNER_)|^GH_TOKEN$/.test(k))).toEqual([]);
      expect(Object.values(c.env).join('\n')).not.toContain(FAKE_TOKEN);
      expect(c.cwd).toBe(run.workspace);
    }

    // result-file holds every run with the documented fields; the job summary has the agent table and the review.
    const result = resultRecord(run);
    expect(result.status).toBe('success');
    // Three answers and the reviewer's two orders.
    expect(result.runs).toHaveLength(5);
    for (const r of result.runs) {
      expect(r).toMatchObject({
        agent: expect.any(String),
        promptSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        exitCode: 0,
        status: 'success',
      });
      expect(r.durationMs).toBeGreaterThan(0);
      expect(r.usage).toBeTruthy();
    }
    expect(result.runs.find((r: any) => r.agent === 'claude' && r.role === 'answer')).toMatchObject({
      model: 'claude-sonnet-4-5',
      answer: 'First answer: guard the cache with a mutex.',
    });
    expect(run.summary).toMatch(/\| *Agent *\|/);
    expect(run.summary).toContain('First answer: guard the cache with a mutex.');
    expect(run.summary).toContain('Synthesis');
  }, 30_000);

  it('one agent fails and one times out: the others still post, the review names them, no process survives', async () => {
    const event = seeded();
    const agents = THREE({
      gemini: { FAKE_MODE: 'fail', FAKE_ERROR: 'API Error: 401 invalid x-api-key' },
      codex: { FAKE_MODE: 'hang' },
    });
    agents.codex!.timeout = 1;
    const run = await label(event, { configYaml: configYaml(records, agents, {}, { 'kill-grace': 0.5 }) });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.status).toBe('success');

    const keyed = byKey(gh.commentsOn(42));
    expect(keyed.size).toBe(5);
    expect(keyed.get('agent:claude')!.body).toContain('First answer');
    const gemini = keyed.get('agent:gemini')!.body;
    expect(gemini).toMatch(/❌ failed/);
    expect(gemini).toContain('401 invalid x-api-key');
    const codex = keyed.get('agent:codex')!.body;
    expect(codex).toMatch(/⏱️ timed out/);
    expect(codex).toMatch(/1 ?s/);

    const review = keyed.get('review')!.body;
    expect(review).toMatch(/gemini/);
    expect(review).toMatch(/codex/);
    expect(review.split('\n').filter((l) => /^\|\s*(🥇|🥈|🥉|\d)/.test(l))).toHaveLength(1);
    const status = keyed.get('status')!.body;
    expect(status).toMatch(/^\| ❌ \| gemini/m);
    expect(status).toMatch(/^\| ⏱️ \| codex .*\| \[timed out\]\(/m);
    expect(status).toMatch(/⚠️ \*\*Finished\*\* in .* · 2 of 4 failed/);
    expect(review).toMatch(
      /Left out of this review: \*\*gemini\*\* \(failed\), \*\*codex\*\* \(timed out\)|Left out of this review: \*\*codex\*\* \(timed out\), \*\*gemini\*\* \(failed\)/,
    );

    // The hanging agent ignored SIGTERM and left `sleep 1000` behind: the whole group is gone.
    const hung = (await readRecords(records)).find((c) => c.cli === 'codex')!;
    expect(hung.grandchildPid).toEqual(expect.any(Number));
    expect(isRunning(hung.pid)).toBe(false);
    expect(isRunning(hung.grandchildPid!)).toBe(false);
    expect(resultRecord(run).runs.find((r: any) => r.agent === 'codex')).toMatchObject({ status: 'timeout' });
  }, 30_000);

  it('when no agent answers, the run fails, the reviewer is not called and the thread says why', async () => {
    const event = seeded();
    const fail = { FAKE_MODE: 'fail', FAKE_DELAY_MS: '0' };
    const run = await label(event, {
      configYaml: configYaml(records, THREE({ claude: fail, gemini: fail, codex: fail })),
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'failure' });
    expect(run.stdout).toMatch(/::error::.*No agent answered/);
    const calls = await readRecords(records);
    expect(calls.filter((c) => c.prompt?.includes('--- BEGIN ANSWER'))).toEqual([]);
    const keyed = byKey(gh.commentsOn(42));
    expect(keyed.get('review')!.body).toMatch(/No agent answered|none of the agents/i);
    expect(keyed.get('status')!.body).toMatch(/❌ \*\*Failed\*\*/);
  }, 30_000);

  it('a label that picks no pipeline is logged and skipped without touching the issue', async () => {
    const event = seeded({ label: 'bug' });
    const run = await label(event, { configYaml: configYaml(records, THREE()) });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ pipeline: 'none', status: 'skipped' });
    expect(run.stdout).toMatch(/bug/);
    expect(gh.state.comments).toEqual([]);
    expect(gh.requests.filter((r) => WRITE_METHODS.has(r.method))).toEqual([]);
    expect(await readRecords(records)).toEqual([]);
  }, 30_000);

  it('an event other than issues is an error that names the supported events', async () => {
    const event = seeded();
    const run = await label(event, { eventName: 'push', configYaml: configYaml(records, THREE()) });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failure');
    expect(run.stdout).toMatch(/::error::.*push.*issues/);
    expect(gh.requests.filter((r) => WRITE_METHODS.has(r.method))).toEqual([]);
  }, 30_000);

  it('re-running the same workflow run updates its comments instead of adding new ones', async () => {
    const event = seeded();
    const first = await label(event, {
      configYaml: configYaml(
        records,
        THREE({ claude: { FAKE_DELAY_MS: '0' }, gemini: { FAKE_DELAY_MS: '0' }, codex: { FAKE_DELAY_MS: '0' } }),
      ),
    });
    expect(first.exitCode).toBe(0);
    const before = gh.commentsOn(42).map((c) => ({ id: c.id, key: markerKey(c) }));
    expect(before).toHaveLength(5);

    const again = THREE({
      claude: { FAKE_ANSWER: 'Rerun answer from the first agent.', FAKE_DELAY_MS: '0' },
      gemini: { FAKE_DELAY_MS: '0' },
      codex: { FAKE_DELAY_MS: '0' },
    });
    const second = await label(event, { configYaml: configYaml(records, again), env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(second.exitCode, second.stdout).toBe(0);
    const after = gh.commentsOn(42);
    expect(after.map((c) => ({ id: c.id, key: markerKey(c) }))).toEqual(before);
    expect(byKey(after).get('agent:claude')!.body).toContain('Rerun answer from the first agent.');
    expect(gh.issue(42)!.reactions).toHaveLength(1);
    expect(gh.issue(42)!.labels.filter((l) => l === 'ai-processed')).toHaveLength(1);

    // A different workflow run is a new run: it gets its own comments.
    const third = await label(event, { configYaml: configYaml(records, again), env: { GITHUB_RUN_ID: '2002' } });
    expect(third.exitCode).toBe(0);
    expect(gh.commentsOn(42)).toHaveLength(10);
  }, 40_000);

  it('with a personal access token (comments by a user, not a bot) a re-run still updates its comments', async () => {
    await gh.close();
    gh = await startFakeGitHub({ tokenUser: { login: 'release-pat-owner', type: 'User' } });
    const event = seeded();
    const fast = THREE({
      claude: { FAKE_DELAY_MS: '0' },
      gemini: { FAKE_DELAY_MS: '0' },
      codex: { FAKE_DELAY_MS: '0' },
    });
    const first = await label(event, { configYaml: configYaml(records, fast) });
    expect(first.exitCode, first.stdout).toBe(0);
    const before = gh.commentsOn(42).map((c) => ({ id: c.id, key: markerKey(c), login: c.user.login }));
    expect(before).toHaveLength(5);
    expect(new Set(before.map((c) => c.login))).toEqual(new Set(['release-pat-owner']));

    const second = await label(event, { configYaml: configYaml(records, fast), env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(second.exitCode, second.stdout).toBe(0);
    expect(gh.commentsOn(42).map((c) => ({ id: c.id, key: markerKey(c), login: c.user.login }))).toEqual(before);
    // The token's owner was asked for: that is how its earlier comments are known as ours.
    expect(gh.requestsTo('GET', /^\/user$/).length).toBeGreaterThanOrEqual(1);
  }, 40_000);

  it('an issue full of shell metacharacters reaches every agent byte for byte and runs nothing', async () => {
    const canary = join(scratch, 'pwned');
    const title = `Bug: \`touch ${canary}-title\` && $(id) ; echo "hi" | tee ${canary}-tee`;
    const body = [
      `$(touch ${canary})`,
      `\`touch ${canary}\``,
      `; touch ${canary} && rm -rf / || true`,
      `'"'"'\\ \\n %s %x %n \${PATH} \${IFS} * ? [a-z] ~ ! #`,
      `> ${canary}-redirect < /etc/passwd 2>&1 &`,
      '::set-output name=status::hacked',
      '::add-mask::First',
      'Ünïcödé ✓ 日本語 😀',
    ].join('\n');
    const event = seeded({ title, body });
    // The answer echoes the attack too: logs must not turn it into workflow commands.
    const echo = {
      FAKE_ANSWER: `::set-output name=status::hacked\n::error::injected\n$(touch ${canary}-answer)`,
      FAKE_DELAY_MS: '0',
    };
    const run = await label(event, {
      configYaml: configYaml(records, THREE({ claude: echo, gemini: echo, codex: echo })),
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('success');

    const calls = await readRecords(records);
    expect(calls.length).toBe(5);
    for (const c of calls.filter((x) => !x.prompt!.includes('--- BEGIN ANSWER'))) {
      expect(c.prompt).toContain(body);
      expect(c.prompt).toContain(title);
      expect(c.argv.join('\n')).not.toContain(canary);
    }
    const leftovers = (await readdir(scratch)).filter((f) => f.startsWith('pwned'));
    expect(leftovers).toEqual([]);
    expect(existsSync(join(run.workspace, `${canary}-redirect`))).toBe(false);
    expect(run.stdout).not.toMatch(/^::error::injected/m);
    expect(byKey(gh.commentsOn(42)).get('agent:claude')!.body).toContain('::set-output name=status::hacked');
  }, 30_000);

  it('secrets in answers are redacted from comments, summary and result-file', async () => {
    const event = seeded();
    const providerKey = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH';
    const leaky = `My token is ${FAKE_TOKEN}, a PAT ghp_${'a'.repeat(36)}, and the key ${providerKey}.`;
    const run = await label(event, {
      configYaml: configYaml(records, THREE({ claude: { FAKE_ANSWER: leaky, FAKE_DELAY_MS: '0' } })),
      env: { ANTHROPIC_API_KEY: providerKey },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    const everything = [
      ...gh.commentsOn(42).map((c) => c.body),
      run.summary,
      readFileSync(run.outputs['result-file']!, 'utf8'),
      ...Object.values(run.outputs),
    ].join('\n');
    expect(everything).toContain('My token is');
    expect(everything).not.toContain(FAKE_TOKEN);
    expect(everything).not.toContain(`ghp_${'a'.repeat(36)}`);
    expect(everything).not.toContain(providerKey);
    expect(run.stdout).toContain(`::add-mask::${FAKE_TOKEN}`);
    // The provider key does reach the agent that needs it.
    const claude = (await readRecords(records)).find((c) => c.cli === 'claude')!;
    expect(claude.env.ANTHROPIC_API_KEY).toBe(providerKey);
  }, 30_000);

  it('a labeler without write access starts nothing and posts nothing', async () => {
    const event = seeded({ sender: 'drive-by' });
    gh.setPermission('drive-by', 'read');
    const run = await label(event, { configYaml: configYaml(records, THREE()) });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'skipped' });
    expect(run.stdout).toMatch(/drive-by/);
    expect(gh.requests.filter((r) => WRITE_METHODS.has(r.method))).toEqual([]);
    expect(await readRecords(records)).toEqual([]);
  }, 30_000);

  it('dry-run posts nothing and writes the comments to the job summary and to files', async () => {
    const event = seeded();
    const run = await label(event, {
      configYaml: configYaml(records, THREE({ claude: { FAKE_DELAY_MS: '0' } })),
      inputs: { 'dry-run': 'true' },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('success');
    expect(gh.requests.filter((r) => WRITE_METHODS.has(r.method))).toEqual([]);
    expect(run.summary).toContain('First answer: guard the cache with a mutex.');
    const commentsDir = join(run.outputs['result-file']!, '..', 'comments');
    const files = await readdir(commentsDir);
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(run.stdout).toContain('Second answer: make the cache immutable.');
  }, 30_000);

  it('a config error names the file, the line and the key', async () => {
    const event = seeded();
    const yaml = 'agents:\n  claude:\n    cli: claude\n    timout: 5\n';
    const run = await label(event, { configYaml: yaml });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::error::.*ai-orchestra\.yml:4: agents\.claude\.timout: unknown key \(did you mean "timeout"\?\)/,
    );
    expect(gh.requests.filter((r) => WRITE_METHODS.has(r.method))).toEqual([]);
  }, 30_000);

  it('per-agent comments at N = 3: at most N + 10 requests, counted by route, with the live status kept', async () => {
    const event = seeded();
    const fast = THREE({
      claude: { FAKE_DELAY_MS: '0' },
      gemini: { FAKE_DELAY_MS: '0' },
      codex: { FAKE_DELAY_MS: '0' },
    });
    // GitHub's spacing, scaled down: writes 1 s apart, the status comment at most every 3 s.
    const run = await label(event, {
      configYaml: configYaml(records, fast),
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '1000' },
    });
    expect(run.outputs.status, run.stdout).toBe('success');
    const routes: Record<string, number> = {};
    for (const r of gh.requests) {
      const route = `${r.method} ${r.pathname
        .replace(/^\/repos\/acme\/widgets/, '')
        .replace(/\/\d+(?=\/|$)/g, '/{n}')
        .replace(/collaborators\/[^/]+/, 'collaborators/{user}')}`;
      routes[route] = (routes[route] ?? 0) + 1;
    }
    const { 'PATCH /issues/comments/{n}': statusUpdates = 0, ...fixed } = routes;
    expect(fixed).toEqual({
      'GET /collaborators/{user}/permission': 1,
      // The claim lists twice: beside the permission check, and after posting its status comment (the race check).
      'GET /issues/{n}/comments': 2,
      // The status comment, three answers, the review.
      'POST /issues/{n}/comments': 5,
      'POST /issues/{n}/reactions': 1,
      'POST /issues/{n}/labels': 1,
    });
    // Updated while the run goes on, and finalized; N + 10 leaves three status updates.
    expect(statusUpdates).toBeGreaterThanOrEqual(2);
    expect(gh.requests.length).toBeLessThanOrEqual(3 + 10);
    expect(byKey(gh.commentsOn(42)).get('status')!.body).toContain('<!-- ai-orchestra:state=success');
  }, 40_000);

  it('a GitHub 502 after a comment was created does not duplicate it', async () => {
    const event = seeded();
    gh.failNext({ method: 'POST', pathRegex: /\/issues\/42\/comments$/ }, { status: 502, afterApplying: true }, 1);
    const run = await label(event, { configYaml: configYaml(records, THREE({ claude: { FAKE_DELAY_MS: '0' } })) });
    expect(run.exitCode, run.stdout).toBe(0);
    const keys = gh.commentsOn(42).map(markerKey);
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(5);
  }, 30_000);

  it('a cancelled workflow stops every agent, finalizes the status comment and exits', async () => {
    const event = seeded();
    const hang = { FAKE_MODE: 'hang' };
    const run = await label(event, {
      configYaml: configYaml(records, THREE({ claude: hang, gemini: hang, codex: hang })),
      signalAfterMs: { signal: 'SIGINT', ms: 1_500 },
      timeoutMs: 20_000,
    });
    expect(run.exitCode).not.toBe(0);
    expect(run.leftoverProcesses).toBe(false);
    const status = byKey(gh.commentsOn(42)).get('status')!.body;
    expect(status).toMatch(/🚫 \*\*Cancelled\*\*/);
    for (const c of await readRecords(records)) {
      expect(isRunning(c.pid)).toBe(false);
      if (c.grandchildPid) expect(isRunning(c.grandchildPid)).toBe(false);
    }
  }, 30_000);

  it('cancelled under GitHub’s real write spacing, the status still says cancelled within 5 s: queued answers do not hold it back', async () => {
    const event = seeded();
    // Two answers come at once, so the second comment waits for GitHub's 3 s spacing when the cancel arrives.
    const run = await label(event, {
      configYaml: configYaml(
        records,
        THREE({ claude: { FAKE_DELAY_MS: '100' }, gemini: { FAKE_DELAY_MS: '100' }, codex: { FAKE_MODE: 'hang' } }),
      ),
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '' },
      // Once the first answer is posted, the second waits for the 3 s spacing: the cancel comes while it is queued
      // (counted from that moment, not from the start, which a busy machine delays by seconds).
      signalAfterMs: {
        signal: 'SIGINT',
        ms: 300,
        after: () => gh.commentsOn(42).some((c) => /agent:(claude|gemini)/.test(c.body)),
      },
      timeoutMs: 20_000,
    });
    expect(run.exitCode).not.toBe(0);
    expect(run.cancelToExitMs ?? 0).toBeLessThan(5_000);
    expect(run.leftoverProcesses).toBe(false);
    const status = byKey(gh.commentsOn(42)).get('status')!.body;
    expect(status).toMatch(/🚫 \*\*Cancelled\*\*/);
    // Every answer survives in result-file, posted or not.
    const result = JSON.parse(readFileSync(run.outputs['result-file']!, 'utf8')) as {
      comments: Record<string, string>;
    };
    expect(result.comments['agent:claude']).toContain('First answer');
    expect(result.comments['agent:gemini']).toContain('Second answer');
  }, 30_000);
});
