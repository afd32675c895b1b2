// Tests of the integration-test fixtures themselves: fake GitHub server, fake AI CLIs, harness.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { buildReviewerPrompt } from '../../src/prompt/review.js';
import {
  actionYmlDefaults,
  FAKE_TOKEN,
  FIXTURES_BIN,
  isAlive,
  makeIssueEvent,
  parseFileCommands,
  readRecords,
  runAction,
  seedIssueFromEvent,
} from './harness.js';

const AUTH = { authorization: `token ${FAKE_TOKEN}`, accept: 'application/vnd.github+json' };

async function api(
  gh: FakeGitHub,
  method: string,
  path: string,
  body?: unknown,
  init: { auth?: boolean; signal?: AbortSignal } = {},
): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: {
      ...(init.auth === false ? {} : AUTH),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: init.signal,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

describe('fake GitHub server', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await startFakeGitHub();
    gh.addIssue({ number: 7, title: 'Crash', body: 'It crashes', labels: ['bug', 'ai-review'], user: 'octocat' });
  });
  afterEach(async () => {
    await gh.close();
  });

  it('listens on 127.0.0.1 and serves an issue', async () => {
    expect(gh.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { status, json, headers } = await api(gh, 'GET', '/repos/acme/widgets/issues/7');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(headers.get('x-ratelimit-remaining')).toBeTruthy();
    expect(json).toMatchObject({
      number: 7,
      title: 'Crash',
      body: 'It crashes',
      state: 'open',
      user: { login: 'octocat', type: 'User' },
      html_url: 'https://github.com/acme/widgets/issues/7',
    });
    expect(json.labels.map((l: { name: string }) => l.name)).toEqual(['bug', 'ai-review']);
  });

  it('answers 401 without authorization and 404 for unknown issues and routes', async () => {
    expect((await api(gh, 'GET', '/repos/acme/widgets/issues/7', undefined, { auth: false })).status).toBe(401);
    const missing = await api(gh, 'GET', '/repos/acme/widgets/issues/99');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({
      message: 'Not Found',
      documentation_url: expect.stringContaining('docs.github.com'),
    });
    expect((await api(gh, 'GET', '/nope/route')).status).toBe(404);
    expect((await api(gh, 'GET', '/repos/acme/other')).status).toBe(404);
    expect(gh.requests.map((r) => r.status)).toEqual([401, 404, 404, 404]);
    // The unknown route on purpose: GitHub's description has no such operation.
    expect(gh.takeViolations()).toEqual([
      { kind: 'request', message: expect.stringContaining('GET /nope/route: no such operation') },
    ]);
  });

  it('creates, reads and updates comments', async () => {
    const created = await api(gh, 'POST', '/repos/acme/widgets/issues/7/comments', { body: 'hello' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      body: 'hello',
      user: { login: 'github-actions[bot]', type: 'Bot' },
      html_url: expect.stringMatching(/^https:\/\/github\.com\/acme\/widgets\/issues\/7#issuecomment-\d+$/),
      issue_url: `${gh.url}/repos/acme/widgets/issues/7`,
    });
    expect(created.json.node_id).toEqual(expect.any(String));
    expect(created.json.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const id = created.json.id as number;

    const updated = await api(gh, 'PATCH', `/repos/acme/widgets/issues/comments/${id}`, { body: 'edited' });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ id, body: 'edited' });
    const got = await api(gh, 'GET', `/repos/acme/widgets/issues/comments/${id}`);
    expect(got.json.body).toBe('edited');
    expect(gh.commentsOn(7).map((c) => c.body)).toEqual(['edited']);

    expect((await api(gh, 'PATCH', '/repos/acme/widgets/issues/comments/1', { body: 'x' })).status).toBe(404);
    expect((await api(gh, 'POST', '/repos/acme/widgets/issues/99/comments', { body: 'x' })).status).toBe(404);
    // Deleting from the live state makes the API 404 it, like a comment deleted by a user.
    gh.state.comments.splice(0, 1);
    expect((await api(gh, 'GET', `/repos/acme/widgets/issues/comments/${id}`)).status).toBe(404);
  });

  it('paginates comments with GitHub-style Link headers', async () => {
    for (let i = 1; i <= 5; i++) gh.addComment({ number: 7, body: `c${i}`, user: i === 1 ? 'someone' : undefined });
    const first = await api(gh, 'GET', '/repos/acme/widgets/issues/7/comments?per_page=2');
    expect(first.json.map((c: { body: string }) => c.body)).toEqual(['c1', 'c2']);
    expect(first.json[0].user).toMatchObject({ login: 'someone', type: 'User' });
    expect(first.headers.get('link')).toBe(
      `<${gh.url}/repos/acme/widgets/issues/7/comments?per_page=2&page=2>; rel="next", ` +
        `<${gh.url}/repos/acme/widgets/issues/7/comments?per_page=2&page=3>; rel="last"`,
    );
    const last = await api(gh, 'GET', '/repos/acme/widgets/issues/7/comments?per_page=2&page=3');
    expect(last.json.map((c: { body: string }) => c.body)).toEqual(['c5']);
    expect(last.headers.get('link')).not.toContain('rel="next"');
    expect(last.headers.get('link')).toContain('rel="prev"');

    // Default 30 per page, no Link header when everything fits.
    const all = await api(gh, 'GET', '/repos/acme/widgets/issues/7/comments');
    expect(all.json).toHaveLength(5);
    expect(all.headers.get('link')).toBeNull();

    // Following rel="next" visits every comment once.
    const seen: string[] = [];
    let url: string | undefined = `${gh.url}/repos/acme/widgets/issues/7/comments?per_page=2`;
    while (url) {
      const res = await fetch(url, { headers: AUTH });
      seen.push(...((await res.json()) as { body: string }[]).map((c) => c.body));
      url = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    }
    expect(seen).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('rejects comment bodies over 65536 characters with 422', async () => {
    const ok = await api(gh, 'POST', '/repos/acme/widgets/issues/7/comments', { body: 'x'.repeat(65536) });
    expect(ok.status).toBe(201);
    const tooLong = await api(gh, 'POST', '/repos/acme/widgets/issues/7/comments', { body: 'x'.repeat(65537) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json).toMatchObject({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)',
        },
      ],
    });
    const patch = await api(gh, 'PATCH', `/repos/acme/widgets/issues/comments/${ok.json.id}`, {
      body: 'y'.repeat(70000),
    });
    expect(patch.status).toBe(422);
    expect(gh.commentsOn(7)).toHaveLength(1);
  });

  it('adds and removes labels', async () => {
    const added = await api(gh, 'POST', '/repos/acme/widgets/issues/7/labels', { labels: ['ai-processed', 'bug'] });
    expect(added.status).toBe(200);
    expect(added.json.map((l: { name: string }) => l.name)).toEqual(['bug', 'ai-review', 'ai-processed']);
    expect(added.json[0]).toMatchObject({
      id: expect.any(Number),
      color: expect.stringMatching(/^[0-9a-f]{6}$/),
      default: false,
    });
    const removed = await api(gh, 'DELETE', '/repos/acme/widgets/issues/7/labels/ai-review');
    expect(removed.status).toBe(200);
    expect(removed.json.map((l: { name: string }) => l.name)).toEqual(['bug', 'ai-processed']);
    expect(gh.issue(7)?.labels).toEqual(['bug', 'ai-processed']);
    const again = await api(gh, 'DELETE', '/repos/acme/widgets/issues/7/labels/ai-review');
    expect(again.status).toBe(404);
    expect(again.json.message).toBe('Label does not exist');
    // Names with spaces arrive percent-encoded.
    await api(gh, 'POST', '/repos/acme/widgets/issues/7/labels', { labels: ['needs triage'] });
    expect((await api(gh, 'DELETE', '/repos/acme/widgets/issues/7/labels/needs%20triage')).status).toBe(200);
  });

  it('creates reactions once', async () => {
    const first = await api(gh, 'POST', '/repos/acme/widgets/issues/7/reactions', { content: 'eyes' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ content: 'eyes', user: { login: 'github-actions[bot]' } });
    const second = await api(gh, 'POST', '/repos/acme/widgets/issues/7/reactions', { content: 'eyes' });
    expect(second.status).toBe(200);
    expect(second.json.id).toBe(first.json.id);
    expect((await api(gh, 'POST', '/repos/acme/widgets/issues/7/reactions', { content: 'nope' })).status).toBe(422);
    expect(gh.issue(7)?.reactions.map((r) => r.content)).toEqual(['eyes']);
    // The unknown reaction on purpose: GitHub's schema for the body lists the eight contents.
    expect(gh.takeViolations()).toEqual([
      { kind: 'request', message: expect.stringContaining('body/content must be equal to one of the allowed values') },
    ]);
  });

  it('reports collaborator permissions like GitHub', async () => {
    gh.setPermission('alice', 'admin');
    gh.setPermission('mia', 'maintain');
    gh.setPermission('tom', 'triage');
    const alice = await api(gh, 'GET', '/repos/acme/widgets/collaborators/alice/permission');
    expect(alice.json).toMatchObject({ permission: 'admin', role_name: 'admin', user: { login: 'alice' } });
    const mia = await api(gh, 'GET', '/repos/acme/widgets/collaborators/mia/permission');
    expect(mia.json).toMatchObject({ permission: 'write', role_name: 'maintain' });
    const tom = await api(gh, 'GET', '/repos/acme/widgets/collaborators/tom/permission');
    expect(tom.json).toMatchObject({ permission: 'read', role_name: 'triage' });
    expect((await api(gh, 'GET', '/repos/acme/widgets/collaborators/stranger/permission')).status).toBe(404);
  });

  it('serves the repository and creates pull requests', async () => {
    const repo = await api(gh, 'GET', '/repos/acme/widgets');
    expect(repo.json).toMatchObject({ full_name: 'acme/widgets', default_branch: 'main', name: 'widgets' });
    const pr = await api(gh, 'POST', '/repos/acme/widgets/pulls', {
      title: 'Fix',
      head: 'ai/fix-7',
      base: 'main',
      body: 'b',
    });
    expect(pr.status).toBe(201);
    expect(pr.json).toMatchObject({
      number: 8,
      html_url: 'https://github.com/acme/widgets/pull/8',
      head: { ref: 'ai/fix-7' },
    });
    expect(gh.state.pulls).toMatchObject([{ number: 8, title: 'Fix', head: 'ai/fix-7', base: 'main', body: 'b' }]);
    const dup = await api(gh, 'POST', '/repos/acme/widgets/pulls', { title: 'Fix', head: 'ai/fix-7', base: 'main' });
    expect(dup.status).toBe(422);
  });

  it('failNext with afterApplying applies the write and still answers the error, `times` times', async () => {
    gh.failNext({ method: 'POST', pathRegex: /\/issues\/7\/comments$/ }, { status: 502, afterApplying: true }, 2);
    const a = await api(gh, 'POST', '/repos/acme/widgets/issues/7/comments', { body: 'one' });
    const b = await api(gh, 'POST', '/repos/acme/widgets/issues/7/comments', { body: 'two' });
    const c = await api(gh, 'POST', '/repos/acme/widgets/issues/7/comments', { body: 'three' });
    expect([a.status, b.status, c.status]).toEqual([502, 502, 201]);
    expect(gh.commentsOn(7).map((x) => x.body)).toEqual(['one', 'two', 'three']);
    expect(gh.requests.map((r) => [r.status, r.injected])).toEqual([
      [502, true],
      [502, true],
      [201, false],
    ]);
  });

  it('failNext without afterApplying does not apply, and custom headers/bodies are sent', async () => {
    gh.failNext(
      { method: 'post', pathRegex: /comments$/ },
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'retry-after': '1' },
        body: { message: 'API rate limit exceeded' },
      },
    );
    const res = await api(gh, 'POST', '/repos/acme/widgets/issues/7/comments', { body: 'x' });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.json.message).toBe('API rate limit exceeded');
    expect(gh.commentsOn(7)).toHaveLength(0);
  });

  it('failNext with stallMs stalls; a client timeout still leaves an applied write in place', async () => {
    gh.failNext({ method: 'POST', pathRegex: /comments$/ }, { status: 201, afterApplying: true, stallMs: 5_000 });
    const started = Date.now();
    await expect(
      api(gh, 'POST', '/repos/acme/widgets/issues/7/comments', { body: 'ghost' }, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(gh.commentsOn(7).map((c) => c.body)).toEqual(['ghost']);
    expect(gh.requests[0]!.status).toBe(0);

    // stallMs without status: the normal answer, late.
    gh.failNext({ method: 'GET', pathRegex: /issues\/7$/ }, { stallMs: 150 });
    const t0 = Date.now();
    const slow = await api(gh, 'GET', '/repos/acme/widgets/issues/7');
    expect(slow.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('close() ends stalled requests and keep-alive sockets promptly', async () => {
    gh.failNext({ method: '*', pathRegex: /./ }, { status: 500, stallMs: 60_000 });
    const pending = api(gh, 'GET', '/repos/acme/widgets/issues/7').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await gh.close();
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('fake GitHub latency', () => {
  it('delays every response by latencyMs', async () => {
    const gh = await startFakeGitHub({ latencyMs: 100 });
    try {
      gh.addIssue({ number: 1 });
      const t0 = Date.now();
      expect((await api(gh, 'GET', '/repos/acme/widgets/issues/1')).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(95);
    } finally {
      await gh.close();
    }
  });
});

// ---------------------------------------------------------------------------- fake CLIs

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'fake-cli-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function runCli(
  name: string,
  args: string[],
  input: string,
  env: Record<string, string> = {},
  cwd = scratch,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(FIXTURES_BIN, name), args, {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.on('error', () => {}); // EPIPE when the CLI exits without reading
    child.stdin.end(input);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const TRUST = { GEMINI_CLI_TRUST_WORKSPACE: 'true' };
const PROMPT = 'Why does render([]) crash?';

async function sha12(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

describe('fake claude', () => {
  const args = ['-p', '--output-format', 'json', '--model', 'claude-x', '--disallowedTools', 'Bash', 'Edit', 'Write'];

  it('prints one result object in ok mode', async () => {
    const r = await runCli('claude', [...args, '--permission-mode', 'acceptEdits'], PROMPT);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      type: 'result',
      subtype: 'success',
      is_error: false,
      num_turns: 1,
      result: `claude answer for prompt ${await sha12(PROMPT)}`,
      session_id: expect.any(String),
      total_cost_usd: expect.any(Number),
      usage: {
        input_tokens: expect.any(Number),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: expect.any(Number),
      },
    });
    expect(out.duration_ms).toEqual(expect.any(Number));
    expect(out.duration_api_ms).toEqual(expect.any(Number));
    expect(Object.keys(out.modelUsage)).toEqual(['claude-x']);
  });

  it('uses FAKE_ANSWER', async () => {
    const r = await runCli('claude', args, PROMPT, { FAKE_ANSWER: 'Line 1\n\n```ts\ncode\n```' });
    expect(JSON.parse(r.stdout).result).toBe('Line 1\n\n```ts\ncode\n```');
  });

  it('prints the API error shape and exits 1 in fail mode', async () => {
    const r = await runCli('claude', args, PROMPT, { FAKE_MODE: 'fail' });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ type: 'result', is_error: true, api_error_status: 401 });
    expect(out.result).toMatch(/^API Error: 401 /);
  });

  it('prints non-JSON in garbage mode and exits 0', async () => {
    const r = await runCli('claude', args, PROMPT, { FAKE_MODE: 'garbage' });
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it('rejects unknown flags and a missing -p like the real CLI', async () => {
    const unknown = await runCli('claude', ['-p', '--output-format', 'json', '--frobnicate'], PROMPT);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("error: unknown option '--frobnicate'");
    expect(unknown.stdout).toBe('');
    const badChoice = await runCli('claude', ['-p', '--permission-mode', 'yolo'], PROMPT);
    expect(badChoice.code).toBe(1);
    expect(badChoice.stderr).toContain('Allowed choices are');
    const noPrint = await runCli('claude', ['--output-format', 'json'], PROMPT);
    expect(noPrint.code).toBe(1);
    const noValue = await runCli('claude', ['-p', '--model'], PROMPT);
    expect(noValue.code).toBe(1);
    expect(noValue.stderr).toContain('argument missing');
  });

  it('prints plain text without --output-format', async () => {
    const r = await runCli('claude', ['-p'], PROMPT, { FAKE_ANSWER: 'plain' });
    expect(r.stdout).toBe('plain\n');
  });

  it('sleeps FAKE_DELAY_MS before answering', async () => {
    const t0 = Date.now();
    const r = await runCli('claude', args, PROMPT, { FAKE_DELAY_MS: '300' });
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
  });

  it('exits 3 at once without reading stdin in exit-early mode', async () => {
    const r = await runCli('claude', args, 'x'.repeat(1 << 20), { FAKE_MODE: 'exit-early' });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
  });
});

describe('fake codex', () => {
  const args = ['exec', '--json', '--skip-git-repo-check', '-s', 'read-only', '-m', 'gpt-test'];

  it('prints JSONL events in ok mode', async () => {
    const r = await runCli('codex', args, PROMPT);
    expect(r.code).toBe(0);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual([
      'thread.started',
      'turn.started',
      'item.completed',
      'item.completed',
      'turn.completed',
    ]);
    expect(events[0].thread_id).toEqual(expect.any(String));
    expect(events[2].item).toMatchObject({ id: 'item_0', type: 'reasoning' });
    expect(events[3].item).toEqual({
      id: 'item_1',
      type: 'agent_message',
      text: `codex answer for prompt ${await sha12(PROMPT)}`,
    });
    expect(events[4].usage).toEqual({
      input_tokens: expect.any(Number),
      cached_input_tokens: 0,
      output_tokens: expect.any(Number),
    });
  });

  it('accepts workspace-write', async () => {
    const r = await runCli('codex', ['exec', '--json', '--skip-git-repo-check', '-s', 'workspace-write'], PROMPT);
    expect(r.code).toBe(0);
  });

  it('prints error and turn.failed and exits 1 in fail mode', async () => {
    const r = await runCli('codex', args, PROMPT, { FAKE_MODE: 'fail', FAKE_ERROR: 'quota exceeded' });
    expect(r.code).toBe(1);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.slice(-2).map((e) => e.type)).toEqual(['error', 'turn.failed']);
    expect(events.at(-1).error.message).toContain('quota exceeded');
  });

  it('prints non-JSON lines in garbage mode', async () => {
    const r = await runCli('codex', args, PROMPT, { FAKE_MODE: 'garbage' });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').some((l) => l && !l.startsWith('{'))).toBe(true);
  });

  it('rejects unknown flags, bad sandbox values, and runs outside git without --skip-git-repo-check', async () => {
    const unknown = await runCli('codex', ['exec', '--json', '--skip-git-repo-check', '--bogus'], PROMPT);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unexpected argument '--bogus' found");
    const sandbox = await runCli('codex', ['exec', '--json', '--skip-git-repo-check', '-s', 'everything'], PROMPT);
    expect(sandbox.code).toBe(2);
    expect(sandbox.stderr).toContain('possible values: read-only, workspace-write, danger-full-access');
    const noGit = await runCli('codex', ['exec', '--json', '-s', 'read-only'], PROMPT);
    expect(noGit.code).toBe(1);
    expect(noGit.stderr).toContain('--skip-git-repo-check');
    const noExec = await runCli('codex', ['--json'], PROMPT);
    expect(noExec.code).not.toBe(0);
  });
});

describe('fake gemini', () => {
  const args = ['-o', 'json', '-m', 'gemini-test', '--approval-mode', 'auto_edit'];

  it('prints response and stats in ok mode', async () => {
    const r = await runCli('gemini', args, PROMPT, TRUST);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.response).toBe(`gemini answer for prompt ${await sha12(PROMPT)}`);
    expect(out.stats.models['gemini-test']).toEqual({
      api: { totalRequests: 1, totalErrors: 0, totalLatencyMs: expect.any(Number) },
      tokens: {
        input: expect.any(Number),
        prompt: expect.any(Number),
        candidates: expect.any(Number),
        total: expect.any(Number),
        cached: 0,
        thoughts: 0,
        tool: 0,
      },
      roles: {},
    });
    expect(out.session_id).toEqual(expect.any(String));
    expect(out.stats).toHaveProperty('tools');
    expect(out.stats).toHaveProperty('files');
  });

  it('exits 55 in an untrusted workspace', async () => {
    const r = await runCli('gemini', args, PROMPT);
    expect(r.code).toBe(55);
    expect(r.stderr).toContain('GEMINI_CLI_TRUST_WORKSPACE=true');
    expect(r.stdout).toBe('');
  });

  it('fails with exit 1 and a JSON error on stderr in fail mode', async () => {
    const r = await runCli('gemini', args, PROMPT, { ...TRUST, FAKE_MODE: 'fail' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Loaded cached credentials\.\n\{/);
    expect(JSON.parse(r.stderr.slice(r.stderr.indexOf('{'))).error).toMatchObject({ type: 'Error', code: 401 });
  });

  it('prints garbage in garbage mode and rejects unknown flags', async () => {
    const g = await runCli('gemini', args, PROMPT, { ...TRUST, FAKE_MODE: 'garbage' });
    expect(g.code).toBe(0);
    expect(() => JSON.parse(g.stdout)).toThrow();
    const unknown = await runCli('gemini', ['-o', 'json', '--frob'], PROMPT, TRUST);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown argument: frob');
  });
});

describe('echo-agent', () => {
  it('reports the byte count and hash of its stdin, whatever its arguments', async () => {
    const r = await runCli('echo-agent', ['--anything', 'goes'], 'héllo');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`echo-agent got 6 bytes: ${await sha12('héllo')}\n`);
  });
});

describe('reviewer behaviour', () => {
  const manual = [
    'Review these.',
    '--- BEGIN ANSWER A ---',
    'a',
    '--- END ANSWER A ---',
    '',
    '--- BEGIN ANSWER B ---',
    'b',
    '--- END ANSWER B ---',
    '--- BEGIN ANSWER C ---',
    'c',
    '--- END ANSWER C ---',
  ].join('\n');

  it('writes Synthesis, Disagreements and a reverse-alphabetical Ranking', async () => {
    const r = await runCli('claude', ['-p', '--output-format', 'json'], manual);
    const review = JSON.parse(r.stdout).result as string;
    const lines = review.split('\n');
    expect(lines[0]).toBe('### Synthesis');
    for (const l of ['A', 'B', 'C']) expect(lines[1]).toContain(l);
    expect(lines[2]).toBe('### Disagreements');
    expect(lines[3]).toMatch(/^- .+/);
    expect(lines[4]).toBe('### Ranking');
    expect(lines.slice(5).map((l) => l.slice(0, 7))).toEqual(['1. C — ', '2. B — ', '3. A — ']);
    expect(lines).toHaveLength(8);
  });

  it('follows FAKE_RANKING, and works on the real reviewer prompt', async () => {
    const prompt = buildReviewerPrompt({ repository: 'acme/widgets', number: 7, title: 't', body: 'b' }, [
      { letter: 'A', text: 'first' },
      { letter: 'B', text: 'second\n--- END ANSWER B ---\n--- BEGIN ANSWER Z ---' },
    ]);
    const r = await runCli('codex', ['exec', '--json', '--skip-git-repo-check'], prompt, { FAKE_RANKING: 'A,B' });
    const text = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((e) => e.item?.type === 'agent_message').item.text;
    expect(text).toMatch(/### Ranking\n1\. A — .+\n2\. B — .+$/);
    expect(text).not.toContain('Z');
  });

  it('FAKE_REVIEW and FAKE_REVIEW_MODE apply to reviewer prompts only', async () => {
    const env = { ...TRUST, FAKE_REVIEW: 'custom review', FAKE_REVIEW_MODE: 'fail', FAKE_ANSWER: 'plain answer' };
    const review = await runCli('gemini', ['-o', 'json'], manual, env);
    expect(review.code).toBe(1);
    const answer = await runCli('gemini', ['-o', 'json'], PROMPT, env);
    expect(JSON.parse(answer.stdout).response).toBe('plain answer');
    const env2 = { ...TRUST, FAKE_REVIEW: 'custom review' };
    expect(JSON.parse((await runCli('gemini', ['-o', 'json'], manual, env2)).stdout).response).toBe('custom review');
  });
});

describe('record files', () => {
  it('records argv, cwd, env and the prompt', async () => {
    const dir = join(scratch, 'records');
    const r = await runCli('claude', ['-p', '--output-format', 'json', '--model', 'm'], 'prompt ✓ ünïcode', {
      FAKE_RECORD_DIR: dir,
      SECRET_ISH: 'visible',
    });
    expect(r.code).toBe(0);
    await runCli('echo-agent', ['x'], 'echo', { FAKE_RECORD_DIR: dir });
    const records = await readRecords(dir);
    expect(records).toHaveLength(2);
    const [claude, echo] = records;
    expect(claude).toMatchObject({
      cli: 'claude',
      argv: ['-p', '--output-format', 'json', '--model', 'm'],
      cwd: scratch,
      prompt: 'prompt ✓ ünïcode',
      mode: 'ok',
      exitCode: 0,
    });
    expect(claude!.env).toMatchObject({ FAKE_RECORD_DIR: dir, SECRET_ISH: 'visible' });
    expect(claude!.finishedAt).toBeGreaterThanOrEqual(claude!.startedAt);
    expect(claude!.file).toBe(`claude-${claude!.pid}.json`);
    expect(echo).toMatchObject({ cli: 'echo-agent', argv: ['x'], prompt: 'echo' });
    expect(await readRecords(join(scratch, 'missing'))).toEqual([]);
  });

  it('hang: ignores SIGTERM, keeps a grandchild in its group, and dies with the group', async () => {
    const dir = join(scratch, 'hang');
    const child = spawn(join(FIXTURES_BIN, 'claude'), ['-p', '--output-format', 'json'], {
      env: { PATH: process.env.PATH ?? '', FAKE_MODE: 'hang', FAKE_RECORD_DIR: dir },
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.stdin!.end('hang please');
    const exited = new Promise((r) => child.once('exit', r));
    let records = await readRecords(dir);
    for (let i = 0; i < 100 && records.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      records = await readRecords(dir);
    }
    const rec = records[0]!;
    expect(rec).toMatchObject({ mode: 'hang', finishedAt: null, prompt: 'hang please' });
    expect(rec.grandchildPid).toEqual(expect.any(Number));
    process.kill(child.pid!, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(isAlive(child.pid!)).toBe(true);
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
    for (let i = 0; i < 40 && isAlive(rec.grandchildPid!); i++) await new Promise((r) => setTimeout(r, 50));
    expect(isAlive(rec.grandchildPid!)).toBe(false);
  });
});

// ---------------------------------------------------------------------------- harness

describe('harness', () => {
  it('makeIssueEvent builds a labeled issues payload', () => {
    const e = makeIssueEvent({ number: 12, title: 'T', body: 'B', sender: 'alice' });
    expect(e).toMatchObject({
      action: 'labeled',
      label: { name: 'ai-review' },
      issue: {
        number: 12,
        title: 'T',
        body: 'B',
        html_url: 'https://github.com/acme/widgets/issues/12',
        user: { login: 'octocat' },
      },
      repository: { full_name: 'acme/widgets', name: 'widgets', owner: { login: 'acme' }, default_branch: 'main' },
      sender: { login: 'alice', type: 'User' },
    });
    expect(e.issue.labels.map((l) => l.name)).toEqual(['ai-review']);
    expect(makeIssueEvent({ sender: 'renovate[bot]' }).sender.type).toBe('Bot');
  });

  it('actionYmlDefaults reports an invalid action.yml clearly', async () => {
    const bad = join(scratch, 'bad-action.yml');
    await writeFile(bad, 'inputs:\n  token:\n    description: Needs `issues: write`. More\n');
    expect(() => actionYmlDefaults(bad)).toThrow(/not valid YAML/);
    expect(actionYmlDefaults(join(scratch, 'none.yml'))).toEqual({});
  });

  it('parseFileCommands reads heredoc and legacy forms', () => {
    const text = 'a<<ghadelimiter_1\nline1\nline2\nghadelimiter_1\nb=plain\nempty<<ghadelimiter_2\n\nghadelimiter_2\n';
    expect(parseFileCommands(text)).toEqual({ a: 'line1\nline2', b: 'plain', empty: '' });
    expect(() => parseFileCommands('x<<D\nno end\n')).toThrow(/delimiter/);
  });

  describe('runAction with a stand-in action script', () => {
    let gh: FakeGitHub;
    let entry: string;
    let actionYml: string;
    beforeAll(async () => {
      actionYml = join(scratch, 'action.yml');
      await writeFile(
        actionYml,
        'name: stand-in\ninputs:\n  github-token:\n    default: ${{ github.token }}\n  config:\n    default: .github/ai-orchestra.yml\n' +
          "  dry-run:\n    default: 'false'\n  allowed-bots:\n    default: ''\n  level:\n    default: high\n  no-default:\n    description: x\n",
      );
      entry = join(scratch, 'stand-in-action.mjs');
      // A miniature action: reads the runner environment, calls the API, runs a fake CLI, writes outputs.
      await writeFile(
        entry,
        `
import { appendFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
const env = process.env;
if (env.STAND_IN === 'hang') { setInterval(() => {}, 1000); process.on('SIGTERM', () => {}); }
else if (env.STAND_IN === 'cancel') {
  process.on('SIGINT', () => { console.log('cancelled'); process.exit(130); });
  setInterval(() => {}, 1000);
} else {
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  const [owner, repo] = env.GITHUB_REPOSITORY.split('/');
  const answer = execFileSync('echo-agent', [], { input: event.issue.title, env: { PATH: env.PATH, FAKE_RECORD_DIR: env.FAKE_RECORD_DIR } }).toString().trim();
  const res = await fetch(env.GITHUB_API_URL + '/repos/' + owner + '/' + repo + '/issues/' + event.issue.number + '/comments', {
    method: 'POST', headers: { authorization: 'token ' + env['INPUT_GITHUB-TOKEN'], 'content-type': 'application/json' },
    body: JSON.stringify({ body: answer + ' config=' + env.INPUT_CONFIG + ' dry=' + env['INPUT_DRY-RUN'] + ' x=' + env.INPUT_MAX_PARALLEL }),
  });
  const d = 'ghadelimiter_' + randomUUID();
  appendFileSync(env.GITHUB_OUTPUT, 'status<<' + d + '\\n' + res.status + '\\nmulti\\n' + d + '\\n');
  appendFileSync(env.GITHUB_STEP_SUMMARY, '# Summary\\n');
  console.error('cwd=' + process.cwd());
  console.log(readFileSync('.github/ai-orchestra.yml', 'utf8').trim());
}
`,
      );
      gh = await startFakeGitHub();
    });
    afterAll(async () => {
      await gh.close();
    });

    it('runs it with the runner environment and collects outputs, summary and records', async () => {
      const event = makeIssueEvent({ title: 'Hello title' });
      seedIssueFromEvent(gh, event);
      const records = join(scratch, 'run-records');
      const run = await runAction({
        entry,
        actionYml,
        event,
        github: gh,
        configYaml: 'agents: {}\n',
        inputs: { 'max parallel': '2' },
        env: { FAKE_RECORD_DIR: records },
      });
      try {
        expect(run.exitCode).toBe(0);
        expect(run.outputs).toEqual({ status: '201\nmulti' });
        expect(run.summary).toBe('# Summary\n');
        expect(run.stdout.trim()).toBe('agents: {}');
        expect(run.stderr).toContain(`cwd=${run.workspace}`);
        expect(run.env).toMatchObject({
          'INPUT_GITHUB-TOKEN': FAKE_TOKEN,
          INPUT_CONFIG: '.github/ai-orchestra.yml',
          'INPUT_DRY-RUN': 'false',
          'INPUT_WORKING-DIRECTORY': '',
          INPUT_MAX_PARALLEL: '2',
          'INPUT_ALLOWED-BOTS': '',
          INPUT_LEVEL: 'high',
          GITHUB_EVENT_NAME: 'issues',
          GITHUB_REPOSITORY: 'acme/widgets',
          GITHUB_REPOSITORY_OWNER: 'acme',
          GITHUB_ACTOR: 'maintainer',
          GITHUB_API_URL: gh.url,
          GITHUB_ACTIONS: 'true',
          RUNNER_TEMP: run.runnerTemp,
          HOME: run.home,
        });
        expect(run.env.PATH!.split(':')[0]).toBe(FIXTURES_BIN);
        expect(run.env).not.toHaveProperty('INPUT_NO-DEFAULT');
        expect(run.env.GITHUB_SHA).toMatch(/^[0-9a-f]{40}$/);
        const [comment] = gh.commentsOn(7);
        expect(comment!.body).toBe(
          `echo-agent got 11 bytes: ${await sha12('Hello title')} config=.github/ai-orchestra.yml dry=false x=2`,
        );
        expect((await readRecords(records)).map((r) => r.prompt)).toEqual(['Hello title']);
        expect(run.leftoverProcesses).toBe(false);
      } finally {
        await run.cleanup();
      }
      expect(existsSync(run.root)).toBe(false);
    });

    it('kills the process group after timeoutMs and rejects with the output', async () => {
      const t0 = Date.now();
      await expect(
        runAction({ entry, actionYml, event: makeIssueEvent(), github: gh, env: { STAND_IN: 'hang' }, timeoutMs: 500 }),
      ).rejects.toThrow(/did not finish within 500 ms/);
      expect(Date.now() - t0).toBeLessThan(5_000);
    });

    it('sends signalAfterMs to the action process', async () => {
      const run = await runAction({
        entry,
        actionYml: false,
        event: makeIssueEvent(),
        github: gh,
        env: { STAND_IN: 'cancel' },
        signalAfterMs: { signal: 'SIGINT', ms: 300 },
        timeoutMs: 10_000,
      });
      await run.cleanup();
      expect(run.exitCode).toBe(130);
      expect(run.stdout).toContain('cancelled');
      expect(run.durationMs).toBeGreaterThanOrEqual(290);
    });
  });

  it('runAction refuses to start when the entry does not exist', async () => {
    const gh = await startFakeGitHub();
    try {
      await expect(
        runAction({ entry: join(scratch, 'missing.js'), event: makeIssueEvent(), github: gh }),
      ).rejects.toThrow(/npm run bundle/);
      expect(await readdir(scratch)).not.toContain('missing.js');
    } finally {
      await gh.close();
    }
  });
});
