// A second /ask on the same issue while the first run is still answering: the run lock lets one run of a pipeline work
// on an issue at a time. The action's part is tested here: the second run sees the first run's status comment, stands
// down before any agent starts, posts nothing and says why (a warning naming the run at work; status output
// "skipped"). Queueing the second job until the first ends is the workflow's concurrency group (examples/workflows/
// ask.yml, checked below); the action itself does not wait or retry.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { type ActionRun, REPO_ROOT, runAction } from './harness.js';

function payload(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(REPO_ROOT, '__fixtures__', 'payloads', name), 'utf8'));
}

/** An agent that says it started, then answers only once the test releases it (bounded: 60 s at most). */
const SLOW_AGENT = `cat >/dev/null
touch "$1/started-$2"
i=0
while [ ! -f "$1/release" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
echo "slow answer $2"
`;

describe('a second /ask while the first runs', { timeout: 90_000 }, () => {
  let gh: FakeGitHub;
  let scratch: string;
  const runs: ActionRun[] = [];
  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'ai-ask-lock-it-'));
    gh.setPermission('maintainer', 'write');
    await writeFile(join(scratch, 'slow-agent.sh'), SLOW_AGENT);
  });
  afterEach(async () => {
    await writeFile(join(scratch, 'release'), '');
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  function ask(question: string, runId: string, tag: string): Promise<ActionRun> {
    const event = payload('issue-comment-created-ask-issue.json');
    const asked = gh.addComment({ number: 12, body: question, user: 'maintainer' });
    event.comment = { ...event.comment, id: asked.id, body: question, html_url: asked.html_url };
    const config = `agents:\n  slow:\n    command: ${JSON.stringify(['sh', join(scratch, 'slow-agent.sh'), scratch, tag])}\npipelines:\n  ask:\n    agents: [slow]\n`;
    return runAction({
      event,
      eventName: 'issue_comment',
      github: gh,
      configYaml: config,
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0', GITHUB_RUN_ID: runId },
    }).then((run) => (runs.push(run), run));
  }

  /** Waits (bounded) until `ready` holds; the test fails if it never does. */
  async function until(ready: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 600 && !ready(); i++) await sleep(50);
    expect(ready(), what).toBe(true);
  }

  it('stands down while the first holds the issue: it posts nothing and says why; the first still answers', async () => {
    const event = payload('issue-comment-created-ask-issue.json');
    gh.addIssue({ number: 12, title: event.issue.title, body: event.issue.body, user: 'reporter' });
    const firstRun = ask('/ask why not a Map?', '4001', 'first');
    // The first run holds the lock (its status comment says running) and its agent is at work.
    await until(() => existsSync(join(scratch, 'started-first')), 'the first agent started');
    await until(
      () => gh.commentsOn(12).some((c) => /run=4001 pipeline=ask key=status/.test(c.body)),
      'the first run posted its status comment',
    );

    const commentsBefore = gh.commentsOn(12).map((c) => [c.id, c.body]);
    const second = await ask('/ask and a Set?', '4002', 'second');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(second.stdout).toContain(
      '::warning::Not running ask on #12: workflow run 4001 is already running ask on this issue',
    );
    expect(second.outputs.status).toBe('skipped');
    // No agent of the second run started, and it wrote nothing: no status comment, no answer, no reaction.
    expect(existsSync(join(scratch, 'started-second'))).toBe(false);
    const added = gh.commentsOn(12).filter((c) => !commentsBefore.some(([id]) => id === c.id));
    expect(added.map((c) => c.body)).toEqual(['/ask and a Set?']);
    expect(gh.commentsOn(12).some((c) => /run=4002/.test(c.body))).toBe(false);

    await writeFile(join(scratch, 'release'), '');
    const first = await firstRun;
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const answers = gh.commentsOn(12).filter((c) => /pipeline=ask key=ask:/.test(c.body));
    expect(answers).toHaveLength(1);
    expect(answers[0]!.body).toContain('slow answer first');
    expect(answers[0]!.body).toContain('why not a Map?');
  });

  it('the example workflow queues a second /ask job behind the first (one concurrency group per issue)', () => {
    const workflow = parse(readFileSync(join(REPO_ROOT, 'examples', 'workflows', 'ask.yml'), 'utf8'));
    expect(workflow.jobs.ask.concurrency).toEqual({
      group: 'ai-orchestra-${{ github.event.issue.number }}',
      'cancel-in-progress': false,
    });
  });
});
