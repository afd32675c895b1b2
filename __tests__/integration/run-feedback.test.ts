// What a run shows while it runs and when it ends, from dist/index.js as the runner starts it: the Actions log
// (each agent's start, its end with the output folded in a group, one summary line) and the status comment
// (the job link on the headline, totals, a short list of what failed, a mention of whoever started it).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { parseMarker } from '../../src/report/comment-body.js';
import { type ActionRun, makeIssueEvent, readRecords, runAction, seedIssueFromEvent } from './harness.js';

function config(records: string): string {
  const agent = (cli: string, env: Record<string, string> = {}): string[] => [
    `  ${cli}:`,
    `    cli: ${cli}`,
    '    env:',
    ...Object.entries({ FAKE_RECORD_DIR: records, ...env }).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`),
  ];
  return [
    'agents:',
    ...agent('claude', { FAKE_ANSWER: 'Guard the cache with a mutex.' }),
    ...agent('gemini', { FAKE_MODE: 'fail', FAKE_ERROR: 'invalid x-api-key, ask @octocat' }),
    ...agent('codex', { FAKE_ANSWER: 'Drop the cache.' }),
    '',
  ].join('\n');
}

describe('feedback while an ai-review runs and when it ends (dist/index.js)', () => {
  let gh: FakeGitHub;
  let scratch: string;
  const runs: ActionRun[] = [];

  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'run-feedback-it-'));
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  it('logs every agent’s start and end with its output in a group, ends with one summary line, and finalizes a status that reads at a glance', async () => {
    const event = makeIssueEvent({
      number: 42,
      title: 'Cache is not thread-safe',
      body: 'Two workers corrupt the cache.',
      sender: 'maintainer',
    });
    seedIssueFromEvent(gh, event);
    gh.setPermission('maintainer', 'write');
    const run = await runAction({
      event,
      github: gh,
      configYaml: config(join(scratch, 'records')),
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
    });
    runs.push(run);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);

    // The Actions log.
    for (const agent of ['claude', 'gemini', 'codex']) expect(run.stdout).toContain(`▶ ${agent} (answer) started`);
    expect(run.stdout).toMatch(
      /^::group::✔ claude \(answer\) success in [\d.]+ m?s · [\d,]+ in \/ [\d,]+ out tokens · \$[\d.]+$/m,
    );
    expect(run.stdout).toMatch(/^::group::✖ gemini \(answer\) failure in [\d.]+ m?s.*: .*invalid x-api-key/m);
    expect(run.stdout).toMatch(
      /::group::✔ claude \(answer\)[^\n]*\n::stop-commands::[\w-]+\n {2}Guard the cache with a mutex\.\n::[\w-]+::\n::endgroup::/,
    );
    expect(run.stdout).toMatch(/▶ claude \(reviewer\) started/);
    const summaries = run.stdout.split('\n').filter((l) => l.startsWith('ai-review success: '));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatch(
      /^ai-review success: 5 agent runs · .+ · [\d,]+ tokens · \$[\d.]+ \(2 runs report no cost\)$/,
    );

    // The final status comment.
    const status = gh.commentsOn(42).find((c) => parseMarker(c.body)?.key === 'status')!.body;
    const lines = status.split('\n');
    const headline = lines.find((l) => l.includes('**Finished**'))!;
    expect(headline).toMatch(
      /^⚠️ \*\*Finished\*\* in .+ · 1 of 4 failed · \[job log\]\(https?:\/\/\S+\/actions\/runs\/\d+\)$/,
    );
    // Four rows, five agent runs: the reviewer judges twice (the second time in reverse order), as the log's line says.
    expect(lines[lines.indexOf(headline) + 2]).toMatch(/^\*\*Total:\*\* 5 agent runs · .+ · [\d,]+ tokens · \$[\d.]+/);
    expect(status).toMatch(
      /\*\*What failed\*\*\n- ❌ \*\*gemini\*\* \(answer\): [^\n]*invalid x-api-key[^\n]* · \[details\]\(\S+\)\n/,
    );
    // Our mention of the starter stays live; a mention in an agent's error is shown as code (the sanitizer's rule).
    expect(status.trimEnd().split('\n').at(-1)).toBe('@maintainer, the ai-review run you started finished.');
    expect(status).toContain('ask `@octocat`');
    expect(status.match(/(^|[^`])@[a-z]/gm)).toHaveLength(1);
    expect(status).not.toMatch(/<sub>[^\n]*workflow run/);
  }, 60_000);

  it('an issue with an empty title and body starts nothing and says why; settings.allow-empty-issue runs it', async () => {
    const event = makeIssueEvent({ number: 43, title: ' ', body: '\u200B', sender: 'maintainer' });
    seedIssueFromEvent(gh, event);
    gh.setPermission('maintainer', 'write');
    const records = join(scratch, 'records');
    const skipped = await runAction({
      event,
      github: gh,
      configYaml: config(records),
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
    });
    runs.push(skipped);
    expect(skipped.exitCode, skipped.stdout).toBe(0);
    expect(skipped.outputs).toMatchObject({ pipeline: 'ai-review', status: 'skipped' });
    expect(skipped.stdout).toContain(
      '::notice::Not running ai-review: issue #43 has an empty title and body, so the agents would have nothing to answer (settings.allow-empty-issue: true runs it anyway).',
    );
    expect(gh.commentsOn(43)).toEqual([]);
    expect(await readRecords(records)).toEqual([]);

    const allowed = await runAction({
      event,
      github: gh,
      configYaml: `${config(records)}settings:\n  allow-empty-issue: true\n`,
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
    });
    runs.push(allowed);
    expect(allowed.exitCode, allowed.stdout).toBe(0);
    expect((await readRecords(records)).length).toBeGreaterThan(0);
  }, 60_000);

  it('an issue longer than the agents read says so in the status comment', async () => {
    const event = makeIssueEvent({
      number: 44,
      title: 'Long log',
      body: `${'log line\n'.repeat(3_500)}end`,
      sender: 'maintainer',
    });
    seedIssueFromEvent(gh, event);
    gh.setPermission('maintainer', 'write');
    const run = await runAction({
      event,
      github: gh,
      configYaml: config(join(scratch, 'records')),
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
    });
    runs.push(run);
    const status = gh.commentsOn(44).find((c) => parseMarker(c.body)?.key === 'status')!.body;
    expect(status).toContain("ℹ️ The issue's text is 31,503 characters long; the agents read its first 30,000.");
  }, 60_000);
});
