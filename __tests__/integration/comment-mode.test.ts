// End to end: settings.comment-mode: combined puts the answers in one comment, against dist/index.js and the fake GitHub.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeComment, type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { parseMarker } from '../../src/report/comment-body.js';
import { type ActionRun, makeIssueEvent, runAction, seedIssueFromEvent } from './harness.js';

const AGENTS = ['claude', 'gemini', 'codex', 'claude2', 'gemini2'];

/** Five answering agents (two of them a second instance of a built-in CLI), claude reviews, comment-mode combined. */
function configYaml(recordDir: string): string {
  const lines = ['agents:'];
  for (const name of AGENTS) {
    lines.push(
      `  ${name}:`,
      `    cli: ${name.replace(/2$/, '')}`,
      '    env:',
      `      FAKE_RECORD_DIR: ${JSON.stringify(recordDir)}`,
    );
    lines.push(`      FAKE_ANSWER: "Answer of ${name}: guard the cache."`, '      FAKE_DELAY_MS: "300"');
  }
  lines.push(
    'pipelines:',
    '  ai-review:',
    `    agents: ${JSON.stringify(AGENTS)}`,
    '    reviewer: claude',
    'settings:',
    '  max-parallel: 5',
    '  comment-mode: combined',
  );
  return `${lines.join('\n')}\n`;
}

function byKey(comments: FakeComment[]): Map<string, FakeComment> {
  return new Map(comments.map((c) => [parseMarker(c.body)?.key ?? `unmarked:${c.id}`, c]));
}

describe('comment-mode: combined, end to end against dist/index.js', () => {
  let gh: FakeGitHub;
  let scratch: string;
  const runs: ActionRun[] = [];

  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'comment-mode-it-'));
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  async function label(env: Record<string, string>): Promise<ActionRun> {
    const event = makeIssueEvent({
      number: 42,
      title: 'Cache is not thread-safe',
      body: 'Two workers corrupt the cache under load.',
    });
    seedIssueFromEvent(gh, event);
    gh.setPermission(event.sender.login, 'write');
    const run = await runAction({ event, github: gh, configYaml: configYaml(join(scratch, 'records')), env });
    runs.push(run);
    return run;
  }

  it('posts the five answers as sections of one comment; the review and the status link it; the summary keeps each answer', async () => {
    const run = await label({ AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.status).toBe('success');

    const keyed = byKey(gh.commentsOn(42));
    expect([...keyed.keys()].sort()).toEqual(['answers', 'review', 'status']);
    const answers = keyed.get('answers')!;
    for (const name of AGENTS) expect(answers.body).toContain(`Answer of ${name}: guard the cache.`);
    expect(answers.body.match(/^#### \d\. 🤖 /gm)).toHaveLength(5);
    expect(answers.body).toContain('answers 1–5 of 5');

    const review = keyed.get('review')!.body;
    for (const name of AGENTS) expect(review).toContain(`[${name}](${answers.html_url})`);
    const status = keyed.get('status')!.body;
    expect(
      status.split('\n').filter((l) => l.startsWith('| ✅ |') && l.includes(`(${answers.html_url})`)),
    ).toHaveLength(5);

    const result = JSON.parse(readFileSync(run.outputs['result-file']!, 'utf8'));
    expect(Object.keys(result.comments).sort()).toEqual([...AGENTS.map((a) => `agent:${a}`), 'review'].sort());
    for (const name of AGENTS) expect(run.summary).toContain(`Answer of ${name}: guard the cache.`);
  }, 60_000);

  it('under GitHub’s default write spacing, creates three comments (status, answers, review) however many agents answer', async () => {
    const run = await label({});
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(gh.requestsTo('POST', /\/issues\/42\/comments$/)).toHaveLength(3);
    expect([...byKey(gh.commentsOn(42)).keys()].sort()).toEqual(['answers', 'review', 'status']);
  }, 60_000);
});
