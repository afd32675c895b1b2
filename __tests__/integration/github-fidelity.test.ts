// The fake GitHub's auditor catches what GitHub's REST description does not allow: each kind of wrong request
// and a wrong response, sent here on purpose, is recorded naming the route and the schema error, and the check
// every test runs after itself (assertNoViolations) fails on it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertNoViolations } from '../../__fixtures__/fake-github/rest-audit.js';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { UNDOCUMENTED_STATUSES } from '../../__fixtures__/fake-github/simplifications.js';
import { checkResponse, findOperation } from '../../__fixtures__/github-description/rest.js';
import { FAKE_TOKEN } from './harness.js';

async function call(gh: FakeGitHub, method: string, path: string, body?: unknown): Promise<number> {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: {
      authorization: `token ${FAKE_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('the fake GitHub against GitHub’s REST description', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await startFakeGitHub();
    gh.addIssue({ number: 7, title: 'Crash' });
    gh.addComment({ number: 7, body: 'first' });
  });
  afterEach(async () => {
    await gh.close();
  });

  it('conforming requests and the fake’s answers pass', async () => {
    expect(await call(gh, 'GET', '/repos/acme/widgets/issues/7/comments?per_page=100&page=1')).toBe(200);
    expect(await call(gh, 'POST', '/repos/acme/widgets/issues/7/labels', { labels: ['ai-review'] })).toBe(200);
    expect(await call(gh, 'GET', '/repos/acme/widgets')).toBe(200);
    expect(gh.takeViolations()).toEqual([]);
  });

  it('a request body off the operation’s schema: GitHub’s 422, and a violation naming the route and the error', async () => {
    expect(await call(gh, 'POST', '/repos/acme/widgets/issues/7/comments', { text: 'the field is body' })).toBe(422);
    expect(gh.commentsOn(7)).toHaveLength(1);
    expect(gh.takeViolations()).toEqual([
      {
        kind: 'request',
        message:
          "POST /repos/acme/widgets/issues/7/comments (issues/create-comment): request body must have required property 'body'",
      },
    ]);
  });

  it('an unknown query parameter, a path parameter of the wrong type, an undocumented method', async () => {
    await call(gh, 'GET', '/repos/acme/widgets/issues/7/comments?perpage=100');
    await call(gh, 'GET', '/repos/acme/widgets/issues/seven');
    await call(gh, 'PUT', '/repos/acme/widgets/issues/7/comments');
    const messages = gh.takeViolations().map((v) => v.message);
    expect(messages[0]).toMatch(
      /^GET \/repos\/acme\/widgets\/issues\/7\/comments \(issues\/list-comments\): unknown query parameter perpage \(documented: since, per_page, page\)$/,
    );
    expect(messages[1]).toMatch(
      /^GET \/repos\/acme\/widgets\/issues\/seven \(issues\/get\): path parameter issue_number must be integer$/,
    );
    expect(messages[2]).toMatch(
      /^PUT \/repos\/acme\/widgets\/issues\/7\/comments: no such operation .*\(the path exists for GET, POST\)$/,
    );
  });

  it('a response off the documented schema: a comment whose created_at is not a date-time', async () => {
    gh.state.comments[0]!.created_at = 'yesterday';
    expect(await call(gh, 'GET', `/repos/acme/widgets/issues/comments/${gh.state.comments[0]!.id}`)).toBe(200);
    expect(gh.takeViolations()).toEqual([
      {
        kind: 'response',
        message:
          'GET /repos/{owner}/{repo}/issues/comments/{comment_id} (issues/get-comment) → 200: response/created_at must match format "date-time"',
      },
    ]);
  });

  it('a status the operation does not document, unless simplifications.ts lists it', () => {
    const op = findOperation('POST', '/repos/acme/widgets/issues/7/reactions')!.operation;
    const allowed = new Set(UNDOCUMENTED_STATUSES.map((s) => s.status));
    expect(checkResponse(op, 418, { message: 'teapot' }, allowed)).toEqual([
      expect.stringMatching(
        /^POST \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}\/reactions \(reactions\/create-for-issue\) → 418: status 418 is not documented \(documented: 200, 201, 422\)$/,
      ),
    ]);
    expect(
      checkResponse(
        op,
        401,
        { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' },
        allowed,
      ),
    ).toEqual([]);
    expect(checkResponse(op, 401, { message: 401 }, allowed)).toEqual([
      expect.stringMatching(/response\/message must be string \(GitHub's basic-error\)$/),
    ]);
  });

  it('the check after each test fails on a violation, naming it', async () => {
    await call(gh, 'GET', '/repos/acme/widgets/issues/7/comments?perpage=1');
    expect(assertNoViolations).toThrow(
      /The fake GitHub saw 1 exchange\(s\) that GitHub's REST description does not allow:\n- request: GET .*unknown query parameter perpage/,
    );
    expect(assertNoViolations).not.toThrow();
  });
});
