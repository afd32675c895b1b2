// Tests how many listings of the issue's comments the claim and the marked-comment store make, against the fake GitHub.
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../__fixtures__/fake-github/server.js';
import { CommentStore, listIssueComments } from '../../../src/github/comments.js';
import { renderMarker } from '../../../src/report/comment-body.js';
import type { Redactor } from '../../../src/security/redact.js';
import { GitHubReporter } from '../../../src/sinks/github.js';

const RUN = { runId: '1001', pipeline: 'ai-review' };
const ISSUE = { owner: 'acme', repo: 'widgets', number: 7 };
const noRedaction = { redact: (text: string) => text } as unknown as Redactor;

describe('listing the issue’s comments', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await startFakeGitHub();
    gh.addIssue({ number: 7 });
  });
  afterEach(() => gh.close());

  const octokit = () => getOctokit('ghs_test', { baseUrl: gh.url });
  const listings = () => gh.requestsTo('GET', /\/issues\/7\/comments$/).length;

  it('the claim lists twice: before posting its status comment and after (the race check), not a third time to upsert', async () => {
    const reporter = new GitHubReporter(octokit(), ISSUE, RUN, noRedaction);
    expect(await reporter.claim({ staleAfterMs: 60_000, now: new Date() })).toEqual({ claimed: true });
    expect(listings()).toBe(2);
    await reporter.upsertComment('status', 'running');
    await reporter.upsertComment('agent:claude', 'an answer');
    expect(listings()).toBe(2);
    expect(gh.commentsOn(7)).toHaveLength(2);
  });

  it('finds this run’s comments from an earlier attempt in the listing the claim made, and updates them', async () => {
    gh.addComment({ number: 7, body: `${renderMarker({ ...RUN, key: 'agent:claude' })}\nold answer` });
    const store = new CommentStore(octokit(), ISSUE, RUN);
    expect((await store.listMarked()).map((c) => c.key)).toEqual(['agent:claude']);
    await store.upsert('agent:claude', `${renderMarker({ ...RUN, key: 'agent:claude' })}\nnew answer`);
    expect(listings()).toBe(1);
    expect(gh.commentsOn(7).map((c) => c.body.split('\n')[1])).toEqual(['new answer']);
    expect(gh.requestsTo('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(1);
  });

  it('a listing started early (while the permission is checked) serves the claim’s first read', async () => {
    const firstListing = listIssueComments(octokit(), ISSUE);
    await firstListing;
    const reporter = new GitHubReporter(octokit(), ISSUE, RUN, noRedaction, { firstListing });
    expect(await reporter.claim({ staleAfterMs: 60_000, now: new Date() })).toEqual({ claimed: true });
    expect(listings()).toBe(2);
  });

  it('lists again when the early listing failed', async () => {
    const firstListing = Promise.reject(new Error('ECONNRESET'));
    const reporter = new GitHubReporter(octokit(), ISSUE, RUN, noRedaction, { firstListing });
    expect(await reporter.claim({ staleAfterMs: 60_000, now: new Date() })).toEqual({ claimed: true });
    expect(listings()).toBe(2);
  });
});
