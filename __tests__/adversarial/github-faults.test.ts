// A misbehaving GitHub API: rate limits, 5xx after the write happened, stalled sockets, writes that keep failing.
// Every comment lands exactly once; an answer GitHub never accepted still reaches result-file, summary and log.
import { describe, expect, it } from 'vitest';
import { byKey, configYaml, ISSUE, logWithoutMasks, resultRecord, useAdversary } from './helpers.js';

const COMMENTS = /\/issues\/\d+\/comments$/;
const COMMENT = /\/issues\/comments\/\d+$/;
const ALL_KEYS = ['agent:claude', 'agent:gemini', 'review', 'status'];
const SECONDARY = {
  message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
};

describe('adversarial: GitHub API faults', () => {
  const t = useAdversary('faults');
  const config = (): string =>
    configYaml(t.records, {
      claude: { env: { FAKE_ANSWER: 'The answer of claude.', FAKE_DELAY_MS: '0' } },
      gemini: { env: { FAKE_ANSWER: 'The answer of gemini.', FAKE_DELAY_MS: '0' } },
    });

  /** Runs with short test timings and checks that every comment is there once, with its final text. */
  async function runAndExpectAllOnce(env: Record<string, string> = {}): Promise<Awaited<ReturnType<typeof t.label>>> {
    const event = t.seeded();
    const run = await t.label(event, {
      configYaml: config(),
      env: { AI_ORCHESTRA_REQUEST_TIMEOUT_MS: '2000', ...env },
      timeoutMs: 28_000,
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('success');
    const comments = byKey(t.gh.commentsOn(ISSUE));
    expect([...comments.keys()].sort()).toEqual(ALL_KEYS);
    expect(comments.get('agent:claude')!.body).toContain('The answer of claude.');
    expect(comments.get('status')!.body).toMatch(/Finished/);
    return run;
  }

  it('403 secondary rate limits with retry-after, on creating and on updating comments, are waited out', async () => {
    t.gh.failNext(
      { method: 'POST', pathRegex: COMMENTS },
      { status: 403, headers: { 'retry-after': '1' }, body: SECONDARY },
      2,
    );
    t.gh.failNext(
      { method: 'PATCH', pathRegex: COMMENT },
      { status: 403, headers: { 'retry-after': '2' }, body: SECONDARY },
      1,
    );
    const run = await runAndExpectAllOnce();
    expect(run.stdout).toMatch(/::warning::GitHub secondary rate limit on POST .*retrying in 1 s/);
    expect(run.stdout).toMatch(/::warning::GitHub secondary rate limit on PATCH .*retrying in 2 s/);
    expect(t.gh.requests.filter((r) => r.status === 403 && r.pathname !== '/user')).toHaveLength(3);
  }, 30_000);

  it('a 403 secondary rate limit without retry-after waits the fallback time (shortened here), then succeeds', async () => {
    t.gh.failNext({ method: 'POST', pathRegex: COMMENTS }, { status: 403, body: SECONDARY }, 1);
    const run = await runAndExpectAllOnce({ AI_ORCHESTRA_SECONDARY_RATE_LIMIT_WAIT_S: '1' });
    expect(run.stdout).toMatch(/::warning::GitHub secondary rate limit on POST .*retrying in 1 s/);
  }, 30_000);

  it('a secondary rate limit that never lifts on updates fails them without posting any comment twice', async () => {
    t.gh.failNext(
      { method: 'PATCH', pathRegex: COMMENT },
      { status: 403, headers: { 'retry-after': '1' }, body: SECONDARY },
      1_000,
    );
    const event = t.seeded();
    const run = await t.label(event, { configYaml: config(), timeoutMs: 28_000 });
    expect(run.stdout).toMatch(/::warning::GitHub secondary rate limit on PATCH .*giving up/);
    expect(run.stdout).toMatch(
      /::warning::Could not update the status comment: You have exceeded a secondary rate limit/,
    );
    const comments = byKey(t.gh.commentsOn(ISSUE));
    expect([...comments.keys()].sort()).toEqual(ALL_KEYS);
    expect(comments.get('agent:claude')!.body).toContain('The answer of claude.');
  }, 30_000);

  it('a 429 with x-ratelimit-reset waits until the reset, then succeeds', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 2);
    const limited = {
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: { message: 'API rate limit exceeded for installation.' },
    };
    t.gh.failNext({ method: 'POST', pathRegex: COMMENTS }, limited, 1);
    t.gh.failNext({ method: 'GET', pathRegex: /\/collaborators\/[^/]+\/permission$/ }, limited, 1);
    const run = await runAndExpectAllOnce();
    expect(run.stdout).toMatch(/::warning::GitHub rate limit on GET .*retrying in \d s/);
    expect(run.stdout).toMatch(/::warning::GitHub rate limit on POST .*retrying in \d s/);
  }, 30_000);

  it('a 429 whose reset is an hour away is not waited for: the run ends within seconds, the answer kept', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3_600);
    const limited = {
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: { message: 'API rate limit exceeded for installation.' },
    };
    t.gh.failNext({ method: 'POST', pathRegex: COMMENTS, bodyRegex: /key=agent:claude / }, limited, 100);
    const event = t.seeded();
    const started = Date.now();
    const run = await t.label(event, { configYaml: config(), timeoutMs: 28_000 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::warning::GitHub rate limit on POST .*GitHub asks to wait \d{4} s, longer than the 120 s this action waits; giving up/,
    );
    expect(run.stdout).toMatch(/^::error::.*could not be posted/m);
    const comments = byKey(t.gh.commentsOn(ISSUE));
    expect([...comments.keys()].sort()).toEqual(['agent:gemini', 'review', 'status']);
    expect(resultRecord(run).comments['agent:claude']).toContain('The answer of claude.');
  }, 30_000);

  it('502 after the comment was created, on several POSTs and a PATCH, leaves exactly one of each comment', async () => {
    t.gh.failNext({ method: 'POST', pathRegex: COMMENTS }, { status: 502, afterApplying: true }, 3);
    t.gh.failNext({ method: 'PATCH', pathRegex: COMMENT }, { status: 502, afterApplying: true }, 1);
    await runAndExpectAllOnce();
    expect(t.gh.requests.filter((r) => r.status === 502)).toHaveLength(4);
  }, 30_000);

  it('a stalled response (the 30 s kind, cut by the per-request timeout) neither hangs the run nor duplicates the comment', async () => {
    // The status comment is created, but its response never comes; then a PATCH and a GET stall too.
    t.gh.failNext({ method: 'POST', pathRegex: COMMENTS }, { afterApplying: true, stallMs: 30_000 }, 1);
    t.gh.failNext({ method: 'PATCH', pathRegex: COMMENT }, { stallMs: 30_000 }, 1);
    t.gh.failNext({ method: 'GET', pathRegex: /\/collaborators\/[^/]+\/permission$/ }, { stallMs: 30_000 }, 1);
    const run = await runAndExpectAllOnce();
    expect(t.gh.requests.filter((r) => r.injected && r.status === 0)).toHaveLength(3);
    expect(run.stdout).toMatch(/Posting comment status failed/);
  }, 30_000);

  it('a comment GitHub never accepts loses nothing: result-file, summary and log keep it, and the run fails clearly', async () => {
    t.gh.failNext({ method: 'POST', pathRegex: COMMENTS, bodyRegex: /key=agent:claude / }, { status: 502 }, 100);
    const event = t.seeded();
    const run = await t.label(event, { configYaml: config(), timeoutMs: 28_000 });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failure');
    expect(run.stdout).toMatch(
      /^::error::.*agent:claude.*could not be posted|^::error::.*could not be posted.*agent:claude/m,
    );

    const comments = byKey(t.gh.commentsOn(ISSUE));
    expect([...comments.keys()].sort()).toEqual(['agent:gemini', 'review', 'status']);
    expect(comments.get('status')!.body).toMatch(/Failed/);
    expect(resultRecord(run).runs.find((r: any) => r.agent === 'claude' && r.role === 'answer').answer).toBe(
      'The answer of claude.',
    );
    expect(resultRecord(run).comments['agent:claude']).toContain('The answer of claude.');
    expect(run.summary).toContain('The answer of claude.');
    expect(logWithoutMasks(run)).toContain('The answer of claude.');
  }, 30_000);
});
