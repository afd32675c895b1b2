// /ask twice on the same issue: the bundled action keeps claude's session (the fake claude writes it below HOME, as
// the real one does) in the session folder of the runner, and the second question resumes it with only the question,
// in a fresh HOME; without the store it falls back to the thread context.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { askEvent, payload } from './ask-event.js';
import { type ActionRun, readRecords, runAction } from './harness.js';

const SESSION_MARKER = /<!-- ai-orchestra:v1 run=\S+ pipeline=ask key=ask:\d+:claude session=([0-9a-f-]{36}) -->/;

describe('ask resumes the agent session of its earlier answer', { timeout: 90_000 }, () => {
  let gh: FakeGitHub;
  let scratch: string;
  const runs: ActionRun[] = [];
  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'ai-ask-sessions-it-'));
    gh.setPermission('maintainer', 'write');
    // One runner's workspace and RUNNER_TEMP for every run of a test (HOME is fresh each run, as on a new runner).
    await mkdir(join(scratch, 'workspace', '.github'), { recursive: true });
    const agent = `agents:\n  claude:\n    cli: claude\n    env:\n      FAKE_RECORD_DIR: ${JSON.stringify(join(scratch, 'records'))}\n`;
    await writeFile(
      join(scratch, 'workspace', '.github', 'ai-orchestra.yml'),
      `${agent}pipelines:\n  ask:\n    agents: [claude]\n`,
    );
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  async function ask(question: string, runId: string, runnerTemp: string): Promise<ActionRun> {
    const event = askEvent(gh, question);
    const env = {
      AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0',
      GITHUB_WORKSPACE: join(scratch, 'workspace'),
      RUNNER_TEMP: runnerTemp,
      GITHUB_RUN_ID: runId,
    };
    const run = await runAction({ event, eventName: 'issue_comment', github: gh, env });
    runs.push(run);
    return run;
  }

  function claudeRecords() {
    return readRecords(join(scratch, 'records')).then((records) =>
      records.filter((r) => r.cli === 'claude').sort((a, b) => Number(a.startedAt) - Number(b.startedAt)),
    );
  }

  function seed(): void {
    const event = payload('issue-comment-created-ask-issue.json');
    gh.addIssue({ number: 12, title: event.issue.title, body: event.issue.body, user: 'reporter' });
  }

  it('the second /ask resumes the first answer’s session with only the new question', async () => {
    seed();
    const temp = join(scratch, 'runner-temp');
    const first = await ask('/ask claude why not a Map?', '2001', temp);
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const answer = gh.commentsOn(12).find((c) => c.body.includes('key=ask:'))!;
    const session = SESSION_MARKER.exec(answer.body)?.[1];
    expect(session, answer.body).toBeDefined();
    // The id is in the hidden marker only, never in the visible text.
    expect(answer.body.replace(SESSION_MARKER, '')).not.toContain(session);
    expect(answer.body).toContain('context rebuilt from the thread');

    const second = await ask('/ask claude and a Set?', '2002', temp);
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    const [one, two] = await claudeRecords();
    expect(one!.argv).not.toContain('--resume');
    expect(two!.argv.slice(-2)).toEqual(['--resume', session]);
    // The fake's session file came back into the fresh HOME: the second turn sees the first one.
    expect((two as unknown as { history: string[] }).history).toEqual([one!.prompt]);
    expect(two!.prompt).toBe(
      `A follow-up question on the same GitHub thread, by @maintainer (${gh.commentsOn(12).find((c) => c.body === '/ask claude and a Set?')!.html_url}). Answer it; do not edit files.\n\nand a Set?\n`,
    );
    const answers = gh.commentsOn(12).filter((c) => c.body.includes('key=ask:'));
    expect(answers).toHaveLength(2);
    expect(answers[1]!.body).toContain('resumed its earlier session');
    expect(SESSION_MARKER.exec(answers[1]!.body)?.[1]).toBe(session);
    const status = gh
      .commentsOn(12)
      .filter((c) => /pipeline=ask key=status/.test(c.body))
      .at(-1);
    expect(status?.body).toContain('(resumed session)');
    const result = JSON.parse(await readFile(second.outputs['result-file']!, 'utf8'));
    expect(result.ask.sessions.claude).toEqual({ kind: 'resumed', session, sessionId: session });
    expect(result.runs[0]).toMatchObject({ sessionId: session, resumed: session });
  });

  it('without the session store (another runner) the second /ask falls back to the thread context', async () => {
    seed();
    const first = await ask('/ask claude why not a Map?', '2001', join(scratch, 'runner-temp-a'));
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const second = await ask('/ask claude and a Set?', '2002', join(scratch, 'runner-temp-b'));
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    const [, two] = await claudeRecords();
    expect(two!.argv).not.toContain('--resume');
    expect(two!.prompt).toContain('## The conversation so far (oldest first)');
    expect(two!.prompt).toContain('why not a Map?');
    expect(second.stdout).toMatch(/claude: session \S+ not restored: no saved session/);
    const answers = gh.commentsOn(12).filter((c) => c.body.includes('key=ask:'));
    expect(answers[1]!.body).toContain('context rebuilt from the thread');
    const result = JSON.parse(await readFile(second.outputs['result-file']!, 'utf8'));
    expect(result.ask.sessions.claude.kind).toBe('thread');
  });
});
