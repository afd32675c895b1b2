// A second /ask on the same issue while the first run is still answering: the run lock lets one run of a pipeline work
// on an issue at a time, and ask waits its turn. The second run sees the first run's status comment, starts no agent
// and writes nothing while the first holds the issue, says it is waiting, and answers once the first has ended. (The
// example workflow's concurrency group queues the second job before it even starts; checked below too.)
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { askEvent, payload } from './ask-event.js';
import { type ActionRun, REPO_ROOT, runAction } from './harness.js';

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
    const event = askEvent(gh, question);
    const config = `agents:\n  slow:\n    command: ${JSON.stringify(['sh', join(scratch, 'slow-agent.sh'), scratch, tag])}\npipelines:\n  ask:\n    agents: [slow]\n`;
    return runAction({
      event,
      eventName: 'issue_comment',
      github: gh,
      configYaml: config,
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0', AI_ORCHESTRA_TURN_POLL_MS: '100', GITHUB_RUN_ID: runId },
    }).then((run) => (runs.push(run), run));
  }

  /** Waits (bounded) until `ready` holds; the test fails if it never does. */
  async function until(ready: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 600 && !ready(); i++) await sleep(50);
    expect(ready(), what).toBe(true);
  }

  it('waits its turn while the first holds the issue: no agent, no write, then it answers after the first', async () => {
    const event = payload('issue-comment-created-ask-issue.json');
    gh.addIssue({ number: 12, title: event.issue.title, body: event.issue.body, user: 'reporter' });
    const firstRun = ask('/ask why not a Map?', '4001', 'first');
    // The first run holds the lock (its status comment says running) and its agent is at work.
    await until(() => existsSync(join(scratch, 'started-first')), 'the first agent started');
    await until(
      () => gh.commentsOn(12).some((c) => /run=4001 pipeline=ask key=status/.test(c.body)),
      'the first run posted its status comment',
    );

    const listings = () => gh.requestsTo('GET', /\/issues\/12\/comments$/).length;
    const before = listings();
    let secondEnded = false;
    const secondRun = ask('/ask and a Set?', '4002', 'second').finally(() => {
      secondEnded = true;
    });
    // The second run looks at the issue again and again while the first is at work.
    await until(() => listings() >= before + 3, 'the second run looked at the issue three times');
    expect(secondEnded).toBe(false);
    expect(existsSync(join(scratch, 'started-second'))).toBe(false);
    expect(gh.commentsOn(12).some((c) => /run=4002/.test(c.body))).toBe(false);

    await writeFile(join(scratch, 'release'), '');
    const [first, second] = await Promise.all([firstRun, secondRun]);
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(second.stdout).toContain(
      'workflow run 4001 is already running ask on this issue (https://github.com/acme/widgets/issues/12#issuecomment-',
    );
    expect(second.stdout).toMatch(/: waiting for its turn \(look 1 of \d+\)\./);
    expect(second.stdout).not.toContain('::warning::Not running ask');
    expect(second.outputs.status).toBe('success');
    const answers = gh.commentsOn(12).filter((c) => /pipeline=ask key=ask:/.test(c.body));
    expect(answers.map((c) => /slow answer (\w+)/.exec(c.body)?.[1])).toEqual(['first', 'second']);
    expect(answers[1]!.body).toContain('and a Set?');
  });

  it('the example workflow queues a second /ask job behind the first (one concurrency group per issue)', () => {
    const workflow = parse(readFileSync(join(REPO_ROOT, 'examples', 'workflows', 'ask.yml'), 'utf8'));
    expect(workflow.jobs.ask.concurrency).toEqual({
      group: 'ai-orchestra-${{ github.event.issue.number }}',
      'cancel-in-progress': false,
    });
  });
});
