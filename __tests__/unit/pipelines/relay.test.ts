// The relay's control flow with in-memory agents, workspace and sink: loops, stops, crashes and cancellation.
import { describe, expect, it } from 'vitest';
import type { AgentRun, AgentRunner, AgentRunRequest } from '../../../src/agents/types.js';
import type { RelayPipelineConfig, RelayStageConfig } from '../../../src/pipelines/relay-pipeline/config.js';
import { relayPipeline } from '../../../src/pipelines/relay-pipeline/index.js';
import type {
  CommitInfo,
  RelayPublisher,
  RelayWorkspace,
  WorkspaceChanges,
} from '../../../src/pipelines/relay-pipeline/model.js';
import {
  type FollowUpInput,
  type RelayDeps,
  runRelayPipeline,
} from '../../../src/pipelines/relay-pipeline/pipeline.js';
import type { RelayStatusEntry } from '../../../src/pipelines/relay-pipeline/status.js';
import { MemorySink as MemoryReporter } from '../../kit/fake-sink.js';
import { kernelStatus } from '../../kit/status.js';

const ISSUE = { repository: 'acme/widgets', number: 7, title: 'Widgets crash', body: 'They crash.' };

function stage(name: string, agent: string, extra: Partial<RelayStageConfig> = {}): RelayStageConfig {
  return { name, agent, instructions: `Do ${name}.`, write: false, pass: ['PASS'], runTimeoutSec: 60, ...extra };
}

function makeAgentRun(overrides: Partial<AgentRun>): AgentRun {
  return {
    agent: 'claude',
    cli: 'claude',
    role: 'implement-r1',
    status: 'success',
    answer: 'VERDICT: PASS',
    exitCode: 0,
    durationMs: 1_200,
    usage: {},
    promptSha256: 'a'.repeat(64),
    outputTail: '',
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:01.200Z',
    logFiles: { stdout: '/tmp/out.log', stderr: '/tmp/err.log' },
    ...overrides,
  };
}

/** Agents answer from per-agent queues (the last answer repeats); a run can also time out. */
function scriptedRunner(
  script: Record<string, (Partial<AgentRun> | string)[]>,
  requests: AgentRunRequest[],
  onRun?: () => void,
): AgentRunner {
  const used = new Map<string, number>();
  return {
    async run(request) {
      requests.push(request);
      request.onStart?.();
      onRun?.();
      const queue = script[request.agent] ?? ['VERDICT: PASS'];
      const i = used.get(request.agent) ?? 0;
      used.set(request.agent, i + 1);
      const entry = queue[Math.min(i, queue.length - 1)]!;
      return makeAgentRun({
        agent: request.agent,
        role: request.role,
        ...(typeof entry === 'string' ? { answer: entry } : entry),
      });
    },
  };
}

const CHANGED: WorkspaceChanges = {
  empty: false,
  stat: ' a.js | 1 +',
  summary: '1 file changed, 1 insertion(+)',
  diff: '+++ b/a.js\n+x',
  cut: false,
  totalChars: 13,
};

function memoryWorkspace(overrides: Partial<RelayWorkspace> = {}): RelayWorkspace & { commits: string[] } {
  const commits: string[] = [];
  return {
    commits,
    prepare: async () => ({ branch: 'main' }),
    afterStage: async () => ({ gitMetadata: [], agentConfig: [] }),
    changes: async () => CHANGED,
    runCommand: async ({ argv }) => ({ argv, exitCode: 0, ok: true, durationMs: 5, outputTail: 'ok' }),
    commit: async (branch, message): Promise<CommitInfo> => {
      commits.push(message);
      return { sha: 'c0ffee'.padEnd(40, '0'), branch, stat: CHANGED.stat, summary: CHANGED.summary };
    },
    ...overrides,
  };
}

function setup(
  pipeline: Partial<RelayPipelineConfig> & { stages: RelayStageConfig[] },
  script: Record<string, (Partial<AgentRun> | string)[]>,
  extra: Partial<RelayDeps> = {},
  followUp?: FollowUpInput,
) {
  const requests: AgentRunRequest[] = [];
  const reporter = new MemoryReporter();
  const input = {
    issue: ISSUE,
    pipeline: { label: 'relay-pipeline', maxRounds: 2, createPr: true, ...pipeline },
    processedLabel: 'ai-processed',
    repoUrl: 'https://github.com/acme/widgets',
    ...(followUp ? { followUp } : {}),
  };
  const deps: RelayDeps = {
    runner: scriptedRunner(script, requests),
    reporter,
    status: kernelStatus<RelayStatusEntry>(relayPipeline, reporter, input.pipeline, ISSUE, {
      startedAt: new Date('2025-01-01T00:00:00Z'),
    }),
    workspace: memoryWorkspace(),
    signal: new AbortController().signal,
    now: () => new Date('2025-01-01T00:00:00Z'),
    warn: () => undefined,
    ...extra,
  };
  return { run: () => runRelayPipeline(input, deps), requests, reporter, deps };
}

describe('runRelayPipeline', () => {
  it('sends work back to a middle stage: only that stage and the ones after it run again, with the findings', async () => {
    const { run, requests, reporter } = setup(
      {
        stages: [
          stage('implement', 'claude', { write: true, pass: ['DONE'] }),
          stage('fix', 'gemini'),
          stage('review', 'codex', { pass: ['APPROVED'], onFail: 'fix' }),
        ],
      },
      {
        claude: ['VERDICT: DONE'],
        gemini: ['VERDICT: PASS'],
        codex: ['Rename `x`.\nVERDICT: CHANGES_REQUESTED — naming', 'VERDICT: APPROVED'],
      },
    );
    const outcome = await run();
    expect(outcome.status).toBe('success');
    expect(requests.map((r) => r.role)).toEqual(['implement-r1', 'fix-r1', 'review-r1', 'fix-r2', 'review-r2']);
    expect(requests.map((r) => r.mode)).toEqual(['write', 'read-only', 'read-only', 'read-only', 'read-only']);
    expect(requests[3]!.prompt).toContain('Rename `x`.');
    expect(requests[3]!.prompt).toContain('## Why the work came back to you');
    expect(requests[1]!.prompt).not.toContain('came back');
    // Diffs only after a writing stage.
    expect(requests[0]!.prompt).not.toContain('## The changes so far');
    expect(requests[1]!.prompt).toContain('+++ b/a.js');
    expect(outcome.delivery).toMatchObject({ kind: 'dry-run' });
    expect([...reporter.comments.keys()]).toEqual([
      'status',
      'stage:implement:round-1',
      'stage:fix:round-1',
      'stage:review:round-1',
      'stage:fix:round-2',
      'stage:review:round-2',
      'result',
    ]);
    expect(reporter.labels).toEqual(['ai-processed']);
  });

  it('a stage whose agent timed out stops the relay even with on-fail: there are no findings to send back', async () => {
    const { run, requests, reporter } = setup(
      {
        stages: [
          stage('implement', 'claude', { write: true, pass: ['DONE'] }),
          stage('review', 'codex', { onFail: 'implement' }),
        ],
      },
      {
        claude: ['VERDICT: DONE'],
        codex: [{ status: 'timeout', answer: '', error: 'timed out after 600 s; the whole process group was killed' }],
      },
    );
    const outcome = await run();
    expect(outcome.status).toBe('failure');
    expect(requests).toHaveLength(2);
    expect(outcome.failure).toMatchObject({ stage: 'review', round: 1, verdict: 'timed out', roundsExhausted: false });
    expect(reporter.comments.get('status')).toMatch(
      /- \[ \] ⏱️ \*\*review\*\* · codex · round 1 · timed out after 600 s/,
    );
    expect(reporter.comments.get('result')).toContain('with verdict **timed out**');
  });

  it('a command that fails sends its output back like a verdict would', async () => {
    let calls = 0;
    const workspace = memoryWorkspace({
      runCommand: async ({ argv }) =>
        ++calls === 1
          ? { argv, exitCode: 2, ok: false, durationMs: 5, outputTail: 'FAIL test/a.test.js' }
          : { argv, exitCode: 0, ok: true, durationMs: 5, outputTail: 'ok' },
    });
    const { run, requests } = setup(
      {
        stages: [
          stage('implement', 'claude', { write: true, pass: ['DONE'] }),
          stage('test', 'gemini', { run: ['npm', 'test'], onFail: 'implement' }),
        ],
      },
      { claude: ['VERDICT: DONE'], gemini: ['VERDICT: PASS'] },
      { workspace },
    );
    const outcome = await run();
    expect(outcome.status).toBe('success');
    expect(requests.map((r) => r.role)).toEqual(['implement-r1', 'test-r1', 'implement-r2', 'test-r2']);
    expect(requests[2]!.prompt).toContain('FAIL test/a.test.js');
    expect(outcome.executions[1]).toMatchObject({
      passed: false,
      reason: '`npm test` exited with 2',
      sentBackTo: 'implement',
    });
  });

  it('a workspace that cannot be prepared fails the run with its message and finalizes the checklist', async () => {
    const { run, requests, reporter } = setup(
      { stages: [stage('implement', 'claude', { write: true })] },
      {},
      {
        workspace: memoryWorkspace({
          prepare: async () => Promise.reject(new Error('/w is not inside a git repository')),
        }),
      },
    );
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'failure', error: '/w is not inside a git repository' });
    expect(requests).toHaveLength(0);
    expect(reporter.comments.get('result')).toContain('could not finish: /w is not inside a git repository');
    expect(reporter.comments.get('status')).toContain('❌ **Failed**');
    expect(reporter.comments.get('status')).toContain('⏭️ **implement** · claude · round 1 · not run');
  });

  it('cancellation stops after the running stage, commits nothing and marks the rest cancelled', async () => {
    const controller = new AbortController();
    const requests: AgentRunRequest[] = [];
    const workspace = memoryWorkspace();
    const { run, reporter } = setup(
      { stages: [stage('implement', 'claude', { write: true, pass: ['DONE'] }), stage('review', 'codex')] },
      {},
      {
        signal: controller.signal,
        workspace,
        runner: scriptedRunner({ claude: ['VERDICT: DONE'] }, requests, () => controller.abort()),
      },
    );
    const outcome = await run();
    expect(outcome.status).toBe('cancelled');
    expect(requests).toHaveLength(1);
    expect(workspace.commits).toEqual([]);
    expect(reporter.comments.get('status')).toContain('🚫 **Cancelled**');
    expect(reporter.comments.get('status')).toContain('🚫 **review** · codex · round 1 · cancelled');
  });

  it('a comment or a review reply that cannot be posted fails a delivered round, naming each in order', async () => {
    const head = 'a'.repeat(40);
    const replied: number[] = [];
    const followUp: FollowUpInput = {
      pullNumber: 9,
      branch: 'ai-orchestra/issue-7',
      reason: 'changes requested',
      task: 'Fix it.',
      pullUrl: 'https://github.com/acme/widgets/pull/9',
      pullBody: 'Body.',
      headSha: head,
      requestedBy: 'maintainer',
      replyTo: [11, 12].map((id) => ({ id, author: 'maintainer', body: 'fix', path: 'a.js', line: 1, url: `u${id}` })),
    };
    const reporter = new MemoryReporter(['stage:check:round-1']);
    const { run } = setup(
      { stages: [stage('implement', 'claude', { write: true }), stage('check', 'codex')] },
      {},
      {
        reporter,
        workspace: memoryWorkspace({ prepare: async () => ({ branch: followUp.branch, commit: head }) }),
        followUpPublisher: {
          push: async () => ({ ok: true, url: 'origin' }),
          updateBody: async () => undefined,
          reply: async (commentId) => {
            replied.push(commentId);
            if (commentId === 12) throw new Error('thread locked');
            return { url: `r${commentId}` };
          },
        },
      },
      followUp,
    );
    const outcome = await run();
    expect(outcome.delivery).toMatchObject({ kind: 'pushed', number: 9 });
    expect(replied).toEqual([11, 12]);
    expect(outcome.followUp?.replies).toEqual([
      { commentId: 11, url: 'r11' },
      { commentId: 12, error: 'thread locked' },
    ]);
    expect(outcome.status).toBe('failure');
    expect(outcome.error).toBe(
      'Some comments could not be posted (their text is in the job summary and result-file): ' +
        'comment stage:check:round-1: cannot post stage:check:round-1; reply to review comment 12: thread locked',
    );
    expect(outcome.comments.get('stage:check:round-1')).toContain('check');
    expect(reporter.comments.has('result')).toBe(true);
  });

  it('names the issue and the agents in the commit message', async () => {
    const workspace = memoryWorkspace();
    const { run } = setup(
      { stages: [stage('implement', 'claude', { write: true, pass: ['DONE'] }), stage('review', 'codex')] },
      { claude: ['VERDICT: DONE'] },
      { workspace },
    );
    await run();
    expect(workspace.commits[0]).toBe(
      'Widgets crash (relay for #7)\n\nMade by the AI Orchestra relay for issue #7 of acme/widgets:\n- implement: claude (edited files), verdict DONE\n- review: codex, verdict PASS\nEvery stage passed in round 1.\n\nRefs #7\n',
    );
  });
  it('redacts the diff and the run output before a later stage or a report sees them, and reports reverted agent config', async () => {
    const secret = 'sekrit-value-123456';
    const workspace = memoryWorkspace({
      changes: async () => ({ ...CHANGED, stat: ` ${secret}.js | 1 +`, diff: `+++ b/a.js\n+const k = "${secret}";` }),
      runCommand: async ({ argv }) => ({ argv, exitCode: 0, ok: true, durationMs: 5, outputTail: `printed ${secret}` }),
      afterStage: async () => ({ gitMetadata: [], agentConfig: ['.claude/settings.json'] }),
    });
    const { run, requests, reporter } = setup(
      {
        stages: [
          stage('implement', 'claude', { write: true, pass: ['DONE'] }),
          stage('test', 'gemini', { run: ['npm', 'test'] }),
          stage('review', 'codex'),
        ],
      },
      { claude: ['VERDICT: DONE'] },
      { workspace, redact: (text) => text.split(secret).join('[REDACTED]') },
    );
    const outcome = await run();
    expect(outcome.status).toBe('success');
    expect(requests[1]!.prompt).toContain('+const k = "[REDACTED]";');
    expect(requests[2]!.prompt).toContain('printed [REDACTED]');
    for (const r of requests) expect(r.prompt).not.toContain(secret);
    for (const body of reporter.comments.values()) expect(body).not.toContain(secret);
    expect(reporter.comments.get('stage:implement:round-1')).toContain(
      'This stage changed agent-CLI configuration (`.claude/settings.json`). AI Orchestra reverted',
    );
    expect(reporter.comments.get('result')).toContain(
      'Changes to agent-CLI configuration were reverted and are not in the commit: **implement** (round 1: `.claude/settings.json`)',
    );
  });
  describe('when the pull request is refused after the push', () => {
    function publisher(
      push: Awaited<ReturnType<RelayPublisher['push']>>,
      removed: { ok: true } | { ok: false; error: string } = { ok: true },
    ) {
      const calls: string[] = [];
      const p: RelayPublisher = {
        push: async (c) => (calls.push(`push ${c.branch}`), push),
        removeBranch: async (c) => (calls.push(`remove ${c.branch}`), removed),
        openPullRequest: async () => (
          calls.push('pr'), { ok: false, denied: true, error: 'the token lacks pull-requests: write (403)' }
        ),
      };
      return { p, calls };
    }
    const stages = [stage('implement', 'claude', { write: true, pass: ['DONE'] })];

    it('deletes the branch this run created', async () => {
      const { p, calls } = publisher({ ok: true, url: 'origin' });
      const { run, reporter } = setup({ stages }, { claude: ['VERDICT: DONE'] }, { publisher: p });
      const outcome = await run();
      expect(calls).toEqual(['push ai-orchestra/issue-7', 'pr', 'remove ai-orchestra/issue-7']);
      expect(outcome.delivery).toMatchObject({ kind: 'pr-failed', pushed: { state: 'removed' } });
      expect(outcome.status).toBe('failure');
      expect(reporter.comments.get('result')).toContain('was deleted from origin again');
    });

    it('leaves a branch that held an earlier relay commit, and says a failed deletion plainly', async () => {
      const kept = publisher({ ok: true, url: 'origin', replaced: 'f'.repeat(40) });
      const first = setup({ stages }, { claude: ['VERDICT: DONE'] }, { publisher: kept.p });
      expect((await first.run()).delivery).toMatchObject({
        kind: 'pr-failed',
        pushed: { state: 'kept-existing', replaced: 'f'.repeat(40) },
      });
      expect(kept.calls).not.toContain('remove ai-orchestra/issue-7');
      expect(first.reporter.comments.get('result')).toContain(
        "already existed on origin with an earlier relay's commit (`ffffffffffff`)",
      );

      const failing = publisher({ ok: true, url: 'origin' }, { ok: false, error: 'remote: denied' });
      const second = setup({ stages }, { claude: ['VERDICT: DONE'] }, { publisher: failing.p });
      await second.run();
      expect(second.reporter.comments.get('result')).toContain(
        'deleting it again failed (remote: denied): delete it on origin',
      );
    });

    it('pushes nothing when the base branch is unknown', async () => {
      const { p, calls } = publisher({ ok: true, url: 'origin' });
      const { run } = setup(
        { stages },
        { claude: ['VERDICT: DONE'] },
        { publisher: p, workspace: memoryWorkspace({ prepare: async () => ({}) }) },
      );
      expect((await run()).delivery).toMatchObject({ kind: 'push-failed' });
      expect(calls).toEqual([]);
    });
  });
});
