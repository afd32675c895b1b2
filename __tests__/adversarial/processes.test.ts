// Agents that misbehave as processes: stuck with descendants, cancelled mid-run, missing, refusing the workspace,
// exiting before reading their prompt, flooding stdout. The action survives each, and no agent process outlives it.
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type ActionRun, DIST_PATH, type FakeCliRecord, FIXTURES_BIN } from '../integration/harness.js';
import {
  type AgentOptions,
  byKey,
  configYaml,
  groupMembers,
  ISSUE,
  isRunning,
  parentPid,
  resultRecord,
  resultText,
  useAdversary,
  writeScript,
} from './helpers.js';

// Ignores SIGTERM and leaves a child and a grandchild that ignore it too; writes the three pids to PIDS_FILE.
const STUCK_TREE = `
const { spawn } = require('node:child_process');
const { writeFileSync } = require('node:fs');
process.on('SIGTERM', () => {});
const child = spawn(process.execPath, ['-e', \`
  process.on('SIGTERM', () => {});
  const g = require('node:child_process').spawn('sh', ['-c', 'trap "" TERM; sleep 1000 & wait'], { stdio: 'ignore' });
  process.stdout.write(String(g.pid));
  setInterval(() => {}, 1e9);
\`], { stdio: ['ignore', 'pipe', 'ignore'] });
child.stdout.once('data', (d) => {
  writeFileSync(process.env.PIDS_FILE, JSON.stringify([process.pid, child.pid, Number(d)]));
});
setInterval(() => {}, 1e9);
`;

// Writes 500 MB without a newline to FLOOD_STREAM (stdout or stderr), honouring backpressure, then exits FLOOD_EXIT.
const FLOOD = `
require('node:fs').readFileSync(0);
const out = process[process.env.FLOOD_STREAM];
const chunk = Buffer.alloc(1 << 20, 0x61);
let left = 500;
function pump() {
  while (left > 0) {
    left--;
    if (!out.write(chunk)) return void out.once('drain', pump);
  }
  process.exitCode = Number(process.env.FLOOD_EXIT);
}
pump();
`;

// Prints 1 MiB every 5 ms for ever, and leaves a grandchild: only the output cap stops it before its timeout.
const RUNAWAY = `
require('node:fs').readFileSync(0);
const child = require('node:child_process').spawn('sleep', ['1000'], { stdio: 'ignore' });
require('node:fs').writeFileSync(process.env.RUNAWAY_PIDS, JSON.stringify([process.pid, child.pid]));
const chunk = Buffer.alloc(1 << 20, 0x62);
setInterval(() => process.stdout.write(chunk), 5);
`;

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('adversarial: agent processes', () => {
  const t = useAdversary('processes');
  const spawned: number[] = [];
  afterEach(() => {
    // Only if a test failed: leave no stray process behind for the next one.
    for (const pid of spawned.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  });

  function pidsOf(file: string): number[] {
    const pids = JSON.parse(readFileSync(file, 'utf8')) as number[];
    spawned.push(...pids);
    return pids;
  }

  function recordedPids(calls: FakeCliRecord[]): number[] {
    const pids = calls.flatMap((c) => [c.pid, ...(c.grandchildPid ? [c.grandchildPid] : [])]);
    spawned.push(...pids);
    return pids;
  }

  /** Sends `signal` to the action itself (an agent's parent), as the runner does on cancellation. */
  function signalAction(agentPid: number, signal: NodeJS.Signals): void {
    const action = parentPid(agentPid);
    if (!action) throw new Error(`agent ${agentPid} has no parent any more`);
    expect(readFileSync(`/proc/${action}/cmdline`, 'utf8')).toContain('index.js');
    process.kill(action, signal);
  }

  it('daemons an agent starts with setsid (also with env -i) do not outlive the action', async () => {
    const script = join(FIXTURES_BIN, 'daemon-agent');
    const dir = join(t.scratch, 'daemon-pids');
    mkdirSync(dir);
    const event = t.seeded();
    const run = await t.label(event, {
      configYaml: configYaml(
        t.records,
        { daemons: { command: [script], env: { DAEMON_DIR: dir } }, claude: { env: { FAKE_DELAY_MS: '0' } } },
        { agents: ['daemons'], reviewer: 'claude' },
      ),
    });
    expect(run.exitCode, run.stdout).toBe(0);
    const pids = ['setsid.pid', 'env-i.pid'].map((f) => Number(readFileSync(join(dir, f), 'utf8').trim()));
    spawned.push(...pids);
    await waitFor('the daemons to be gone', () => (pids.every((pid) => !isRunning(pid)) ? true : undefined), 5_000);
  }, 30_000);

  it('a stuck agent and its descendants, all ignoring SIGTERM, are killed as a group on timeout', async () => {
    const tree = writeScript(t.scratch, 'stuck-tree', STUCK_TREE);
    const pidsFile = join(t.scratch, 'tree.json');
    const event = t.seeded();
    const run = await t.label(event, {
      configYaml: configYaml(
        t.records,
        {
          claude: { env: { FAKE_DELAY_MS: '0' } },
          stuck: { command: [tree], timeout: 1, env: { PIDS_FILE: pidsFile } },
          hung: { cli: 'codex', timeout: 1, env: { FAKE_MODE: 'hang' } },
        },
        { agents: ['claude', 'stuck', 'hung'], reviewer: 'claude' },
        { 'kill-grace': 0.5 },
      ),
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.leftoverProcesses).toBe(false);
    const comments = byKey(t.gh.commentsOn(ISSUE));
    for (const key of ['agent:stuck', 'agent:hung']) expect(comments.get(key)!.body).toMatch(/timed out/);

    const pids = [...pidsOf(pidsFile), ...recordedPids((await t.calls()).filter((c) => c.cli === 'codex'))];
    expect(pids).toHaveLength(5);
    for (const pid of pids) expect(isRunning(pid), `pid ${pid}`).toBe(false);
    // The agents lead their own process groups: nothing is left in them, not even the untracked `sleep`.
    for (const leader of [pids[0]!, pids[3]!]) expect(groupMembers(leader)).toEqual([]);
    expect(
      resultRecord(run)
        .runs.filter((r: any) => r.status === 'timeout')
        .map((r: any) => r.agent)
        .sort(),
    ).toEqual(['hung', 'stuck']);
  }, 30_000);

  it.each<[NodeJS.Signals, 'answers' | 'review']>([
    ['SIGINT', 'answers'],
    ['SIGTERM', 'review'],
  ])(
    '%s to the action during the %s: status says cancelled, exit is non-zero, every agent is gone',
    async (signal, phase) => {
      const tree = writeScript(t.scratch, 'stuck-tree', STUCK_TREE);
      const pidsFile = join(t.scratch, 'tree.json');
      const hang: Record<string, string> =
        phase === 'answers' ? { FAKE_MODE: 'hang' } : { FAKE_REVIEW_MODE: 'hang', FAKE_DELAY_MS: '0' };
      const agents: Record<string, AgentOptions> =
        phase === 'answers'
          ? { claude: { env: hang }, gemini: { env: hang }, stuck: { command: [tree], env: { PIDS_FILE: pidsFile } } }
          : { claude: { env: hang }, gemini: { env: { FAKE_DELAY_MS: '0' } } };
      const event = t.seeded();
      const running = t.label(event, { configYaml: configYaml(t.records, agents), timeoutMs: 25_000 });

      // Signal once every agent of the phase is up (no timing guess), then collect.
      const expected = phase === 'answers' ? 2 : 1;
      const hung = await waitFor('the agents to start', async () => {
        const calls = (await t.calls()).filter((c) => c.finishedAt === null);
        return calls.length >= expected && (phase !== 'answers' || existsSync(pidsFile)) ? calls : undefined;
      });
      if (phase === 'review') expect(hung[0]!.prompt).toContain('--- BEGIN ANSWER');
      signalAction(hung[0]!.pid, signal);
      const run: ActionRun = await running;

      expect(run.exitCode).not.toBe(0);
      expect(run.leftoverProcesses).toBe(false);
      const status = byKey(t.gh.commentsOn(ISSUE)).get('status')!.body;
      expect(status).toMatch(/🚫 \*\*Cancelled\*\*/);
      expect(run.stdout).toMatch(new RegExp(`Received ${signal}`));
      const pids = [...recordedPids(hung), ...(phase === 'answers' ? pidsOf(pidsFile) : [])];
      for (const pid of pids) expect(isRunning(pid), `pid ${pid}`).toBe(false);
      for (const agent of hung) expect(groupMembers(agent.pid)).toEqual([]);
      if (phase === 'answers') expect(groupMembers(pids[pids.length - 3]!)).toEqual([]);
    },
    30_000,
  );

  it('a missing binary fails its agent with an install hint; the others still answer', async () => {
    // PATH with claude but without codex.
    const bin = join(t.scratch, 'bin');
    mkdirSync(bin);
    symlinkSync(join(FIXTURES_BIN, 'claude'), join(bin, 'claude'));
    symlinkSync(join(FIXTURES_BIN, 'fake-cli-core.mjs'), join(bin, 'fake-cli-core.mjs'));
    const event = t.seeded();
    const run = await t.label(event, {
      configYaml: configYaml(t.records, {
        claude: { env: { FAKE_DELAY_MS: '0' } },
        codex: {},
        tool: { command: ['no-such-agent-xyz', '--flag'] },
      }),
      pathPrepend: [bin],
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('success');
    expect(run.stdout).toMatch(/::warning::Some agent programs are missing/);
    const comments = byKey(t.gh.commentsOn(ISSUE));
    // A package scope reads as a team mention to GitHub: posted as code.
    expect(comments.get('agent:codex')!.body).toContain(
      '`codex` was not found on PATH. Install it in an earlier step: npm install -g `@openai/codex`',
    );
    expect(comments.get('agent:tool')!.body).toContain('`no-such-agent-xyz` was not found on PATH');
    expect(comments.get('agent:claude')!.body).toMatch(/claude answer for prompt/);
  }, 30_000);

  it('gemini trusts the workspace through the adapter; without it, exit 55 is explained; a command agent’s exit code surfaces', async () => {
    const event = t.seeded();
    const run = await t.label(event, {
      configYaml: configYaml(
        t.records,
        {
          gemini: { env: { FAKE_DELAY_MS: '0' } },
          distrusted: { cli: 'gemini', env: { GEMINI_CLI_TRUST_WORKSPACE: 'false' } },
          raw: { command: ['gemini', '-o', 'json'] },
        },
        { agents: ['gemini', 'distrusted', 'raw'], reviewer: 'gemini' },
      ),
    });
    expect(run.exitCode, run.stdout).toBe(0);
    const comments = byKey(t.gh.commentsOn(ISSUE));
    expect(comments.get('agent:gemini')!.body).toMatch(/gemini answer for prompt/);
    const calls = await t.calls();
    const trusted = calls.find((c) => c.exitCode === 0 && c.env.GEMINI_CLI_TRUST_WORKSPACE !== undefined)!;
    expect(trusted.env.GEMINI_CLI_TRUST_WORKSPACE).toBe('true');

    const distrusted = comments.get('agent:distrusted')!.body;
    expect(distrusted).toMatch(/exit code 55/);
    expect(distrusted).toMatch(/does not trust the workspace/);
    const raw = comments.get('agent:raw')!.body;
    expect(raw).toMatch(/exit code 55/);
    expect(raw).toMatch(/not running in a trusted directory/);
    expect(
      resultRecord(run)
        .runs.filter((r: any) => r.exitCode === 55)
        .map((r: any) => r.agent)
        .sort(),
    ).toEqual(['distrusted', 'raw']);
  }, 30_000);

  it('an agent that exits before reading its prompt (EPIPE) is that agent’s failure, not a crash', async () => {
    // The reviewer's prompt carries a 1.5 MB answer: far more than a pipe holds, so the write is still going when it quits.
    const answerFile = join(t.scratch, 'answer.txt');
    writeFileSync(answerFile, `A long answer. ${'x'.repeat(1_500_000)}`);
    const event = t.seeded();
    const run = await t.label(event, {
      configYaml: configYaml(
        t.records,
        {
          claude: { env: { FAKE_ANSWER_FILE: answerFile, FAKE_DELAY_MS: '0' } },
          quitter: { cli: 'gemini', env: { FAKE_MODE: 'exit-early' } },
        },
        { agents: ['claude'], reviewer: 'quitter' },
      ),
    });
    // The reviewer's failure fails the run, reported like any agent failure; the action itself did not crash.
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.outputs.status).toBe('failure');
    expect(run.stdout).toMatch(/^::error::The reviewer quitter failed/m);
    expect(run.stderr).not.toMatch(/Unhandled|\n\s+at .*\.js:\d+/);
    const comments = byKey(t.gh.commentsOn(ISSUE));
    expect(comments.get('agent:claude')!.body).toContain('A long answer.');
    expect(comments.get('review')!.body).toMatch(/exit code 3/);
    expect(comments.get('status')!.body).toMatch(/Failed/);
    const quitter = resultRecord(run).runs.find((r: any) => r.agent === 'quitter');
    expect(quitter).toMatchObject({ status: 'failure', exitCode: 3 });
    expect(quitter.error).toMatch(/exited before reading its prompt: EPIPE/);
  }, 30_000);

  it('an agent that never stops printing is killed at settings.max-output, whole group, long before its timeout', async () => {
    const runaway = writeScript(t.scratch, 'runaway', RUNAWAY);
    const pidsFile = join(t.scratch, 'runaway-pids');
    const event = t.seeded();
    const started = Date.now();
    const run = await t.label(event, {
      configYaml: configYaml(
        t.records,
        {
          claude: { env: { FAKE_DELAY_MS: '0' } },
          runaway: { command: [runaway], timeout: 120, env: { RUNAWAY_PIDS: pidsFile } },
        },
        { agents: ['claude', 'runaway'], reviewer: 'claude' },
        { 'max-output': 4 },
      ),
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.leftoverProcesses).toBe(false);
    for (const pid of JSON.parse(readFileSync(pidsFile, 'utf8')) as number[]) expect(isRunning(pid)).toBe(false);
    const runaway_ = resultRecord(run).runs.find((r: any) => r.agent === 'runaway');
    expect(runaway_).toMatchObject({
      status: 'failure',
      error: expect.stringMatching(/more than settings\.max-output allows; its whole process group was killed/),
    });
    // The log holds what it printed up to the cap, and not much more: the disk is safe.
    expect(statSync(runaway_.logFiles.stdout).size).toBeLessThan(200 * 1024 ** 2);
    expect(byKey(t.gh.commentsOn(ISSUE)).get('agent:runaway')!.body).toMatch(/settings\.max-output/);
  }, 30_000);

  it('agents printing 500 MB without a newline keep the action’s memory bounded and their reports short', async () => {
    const flood = writeScript(t.scratch, 'flood', FLOOD);
    const peakFile = join(t.scratch, 'peak-rss');
    const event = t.seeded();
    const run = await t.label(event, {
      configYaml: configYaml(
        t.records,
        {
          claude: { env: { FAKE_DELAY_MS: '0' } },
          flood: { command: [flood], env: { FLOOD_STREAM: 'stdout', FLOOD_EXIT: '0' } },
          noisy: { command: [flood], env: { FLOOD_STREAM: 'stderr', FLOOD_EXIT: '1' } },
        },
        { agents: ['claude', 'flood', 'noisy'], reviewer: 'claude' },
      ),
      entry: fileURLToPath(new URL('peak-rss-entry.mjs', import.meta.url)),
      env: { ADV_ACTION: DIST_PATH, ADV_PEAK_RSS_FILE: peakFile },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const peakMb = Number(readFileSync(peakFile, 'utf8')) / 1024;
    expect(peakMb).toBeGreaterThan(10);
    expect(peakMb).toBeLessThan(300);

    const runs = resultRecord(run).runs;
    expect(runs.find((r: any) => r.agent === 'flood')).toMatchObject({
      status: 'failure',
      error: expect.stringMatching(/524288000 bytes on stdout/),
    });
    const noisy = runs.find((r: any) => r.agent === 'noisy');
    expect(noisy).toMatchObject({
      status: 'failure',
      exitCode: 1,
      error: expect.stringMatching(/last lines of stderr/),
    });
    // What reaches the thread and result-file is a readable tail, not megabytes of one line.
    expect(noisy.error.length).toBeLessThan(2_000);
    expect(resultText(run).length).toBeLessThan(100_000);
    const comments = byKey(t.gh.commentsOn(ISSUE));
    expect(comments.get('agent:flood')!.body).toMatch(/exceeded the in-memory output limit/);
    for (const key of ['agent:flood', 'agent:noisy']) expect(comments.get(key)!.body.length).toBeLessThan(12_000);
    expect(comments.get('agent:claude')!.body).toMatch(/claude answer for prompt/);
  }, 30_000);
});
