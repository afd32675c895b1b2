// Oversized and malformed text, in the issue and in answers: no crash, no E2BIG, no 422, cuts that say so.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GITHUB_COMMENT_LIMIT } from '../../src/report/comment-body.js';
import { byKey, configYaml, ISSUE, resultRecord, useAdversary } from './helpers.js';

const TRUNCATED = /\[… truncated by AI Orchestra: \d+ of \d+ characters kept …\]/;
const CUT_NOTE = /✂️ This comment was cut at [\d,]+ of [\d,]+ characters/;

/** The issue text as the agent saw it: between the fence lines, after "Title: ...". */
function fencedIssue(prompt: string): { title: string; body: string } {
  const m = /<<<(UNTRUSTED-ISSUE-[0-9a-f]+)\nTitle: (.*)\n\n([\s\S]*)\n\1>>>/.exec(prompt);
  if (!m) throw new Error(`no fenced issue in the prompt:\n${prompt.slice(0, 2000)}`);
  return { title: m[2]!, body: m[3]! };
}

describe('adversarial: sizes and malformed text', () => {
  const t = useAdversary('sizes');
  const config = (env: Record<string, string> = {}): string =>
    configYaml(t.records, { claude: { env: { FAKE_DELAY_MS: '0', ...env } } });

  async function promptFor(title: string, body: string): Promise<{ title: string; body: string; prompt: string }> {
    const event = t.seeded({ title, body });
    const run = await t.label(event, { configYaml: config() });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.status).toBe('success');
    expect(run.stderr).not.toMatch(/E2BIG|Uncaught|RangeError/);
    expect(byKey(t.gh.commentsOn(ISSUE)).get('agent:claude')!.body).toMatch(/claude answer for prompt/);
    const answer = (await t.calls()).find((c) => !c.prompt!.includes('--- BEGIN ANSWER'))!;
    return { ...fencedIssue(answer.prompt!), prompt: answer.prompt! };
  }

  it('a 1 MB body is cut with a visible marker where it was cut', async () => {
    const line = 'The cache is corrupted under load when two workers write at once. ';
    const body = line.repeat(Math.ceil(1_048_576 / line.length)).slice(0, 1_048_576);
    const seen = await promptFor('Huge report', body);
    expect(seen.body).toMatch(TRUNCATED);
    const kept = seen.body.slice(0, seen.body.search(/\n\n\[… truncated/));
    expect(body.startsWith(kept)).toBe(true);
    expect(kept.length).toBeGreaterThan(10_000);
    expect(seen.prompt.length).toBeLessThan(100_000);
  }, 30_000);

  it('a 200 kB single line in the body and in the title is cut with a marker', async () => {
    const long = 'x'.repeat(200_000);
    const seen = await promptFor(long, long);
    expect(seen.body).toMatch(TRUNCATED);
    expect(seen.title).toMatch(TRUNCATED);
    expect(seen.title.length).toBeLessThan(2_000);
    expect(seen.prompt.length).toBeLessThan(100_000);
  }, 30_000);

  it('60 000 CJK characters are cut on a character, with a marker', async () => {
    const cjk = Array.from({ length: 60_000 }, (_, i) => String.fromCharCode(0x4e00 + (i % 20_000))).join('');
    const seen = await promptFor('漢字のバグ', cjk);
    expect(seen.title).toBe('漢字のバグ');
    expect(seen.body).toMatch(TRUNCATED);
    expect(cjk.startsWith(seen.body.slice(0, seen.body.search(/\n\n\[… truncated/)))).toBe(true);
    expect(seen.body).not.toContain('\uFFFD');
  }, 30_000);

  it('an emoji on the cut is not split into half a surrogate pair', async () => {
    const body = `${'a'.repeat(29_999)}${'😀'.repeat(100)}`;
    const seen = await promptFor('Emoji at the edge', body);
    expect(seen.body).toMatch(TRUNCATED);
    expect(seen.prompt).not.toContain('\uFFFD');
    expect(seen.prompt.isWellFormed()).toBe(true);
  }, 30_000);

  it('NUL bytes and other control characters are removed, not passed on', async () => {
    const seen = await promptFor(
      'Null\u0000 title\u0007',
      'before\u0000after\u0001\u001b[31mred\u001b[0m\r\nnext line\tTab',
    );
    expect(seen.title).toBe('Null title');
    expect(seen.body).toBe('beforeafter[31mred[0m\r\nnext line\tTab');
    expect(seen.prompt).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  }, 30_000);

  it('lone surrogates become U+FFFD instead of crashing or corrupting the prompt', async () => {
    const seen = await promptFor('Broken \uD800 title', 'high \uD83D alone, low \uDE00 alone, pair 😀 fine');
    expect(seen.title).toBe('Broken \uFFFD title');
    expect(seen.body).toBe('high \uFFFD alone, low \uFFFD alone, pair 😀 fine');
  }, 30_000);

  it.each([
    ['ASCII', 'a'],
    ['emoji', '😀'],
    ['CJK', '漢'],
  ])(
    'a 70 000-character %s answer is cut to fit a comment with a note, and kept whole in result-file',
    async (_name, unit) => {
      const answer = `Start of the answer.\n${unit.repeat(70_000)}\nEnd of the answer.`;
      const file = join(t.scratch, 'answer.txt');
      writeFileSync(file, answer);
      const review = `### Synthesis\n${unit.repeat(70_000)}\n### Disagreements\n- None\n### Ranking\n1. A — the only answer`;
      const reviewFile = join(t.scratch, 'review.txt');
      writeFileSync(reviewFile, review);
      const event = t.seeded();
      const run = await t.label(event, {
        configYaml: configYaml(
          t.records,
          {
            claude: { env: { FAKE_ANSWER_FILE: file, FAKE_DELAY_MS: '0' } },
            judge: { cli: 'gemini', env: { FAKE_REVIEW_FILE: reviewFile, FAKE_DELAY_MS: '0' } },
          },
          { agents: ['claude'], reviewer: 'judge' },
        ),
      });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs.status).toBe('success');
      expect(t.gh.requests.filter((r) => r.status === 422)).toEqual([]);

      const comments = byKey(t.gh.commentsOn(ISSUE));
      for (const key of ['agent:claude', 'review']) {
        const body = comments.get(key)!.body;
        expect([...body].length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
        expect(body.isWellFormed()).toBe(true);
        expect(body).toMatch(CUT_NOTE);
      }
      expect(comments.get('agent:claude')!.body).toContain('Start of the answer.');

      const record = resultRecord(run);
      expect(record.runs.find((r: any) => r.agent === 'claude').answer).toBe(answer);
      expect(record.comments['agent:claude']).toContain(answer);
      expect(run.summary).toContain(answer);
    },
    30_000,
  );
});
