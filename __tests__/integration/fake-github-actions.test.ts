// The fake GitHub's Actions and Checks routes answer as GitHub does: a run's jobs with their steps, a job's log as a
// 302 to a signed plain-text download, a check suite's check runs. The suite's auditor holds each answer to GitHub's
// REST description (a violation fails the test).

import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { jobLogLines, listCheckRuns, listWorkflowJobs } from '../../src/github/actions.js';
import { FAKE_TOKEN } from './harness.js';

const SHA = 'a'.repeat(40);
const LOG = '2026-01-01T00:00:01.0000000Z ##[group]Run npm test\n2026-01-01T00:00:02.0000000Z FAIL test/list.test.js\n';

async function get(gh: FakeGitHub, path: string, redirect: 'manual' | 'follow' = 'manual'): Promise<Response> {
  return fetch(path.startsWith('http') ? path : `${gh.url}${path}`, {
    headers: { authorization: `token ${FAKE_TOKEN}`, accept: 'application/vnd.github+json' },
    redirect,
  });
}

describe('fake GitHub: Actions and Checks', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await startFakeGitHub();
  });
  afterEach(() => gh.close());

  it("lists a run's jobs with their steps and conclusions, paginated", async () => {
    const run = gh.addWorkflowRun({
      id: 555,
      head_sha: SHA,
      head_branch: 'ai-orchestra/issue-42',
      jobs: [
        {
          name: 'lint',
          conclusion: 'success',
          steps: [
            {
              name: 'Lint',
              conclusion: 'success',
              started_at: '2026-01-01T00:00:00Z',
              completed_at: '2026-01-01T00:00:01Z',
            },
          ],
          log: '',
        },
        {
          name: 'test',
          conclusion: 'failure',
          steps: [
            {
              name: 'Run npm test',
              conclusion: 'failure',
              started_at: '2026-01-01T00:00:01Z',
              completed_at: '2026-01-01T00:00:03Z',
            },
            { name: 'Upload', conclusion: 'skipped' },
          ],
          log: LOG,
        },
      ],
    });
    const res = await get(gh, '/repos/acme/widgets/actions/runs/555/jobs?filter=latest&per_page=1&page=2');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.total_count).toBe(2);
    expect(body.jobs).toHaveLength(1);
    expect(body.jobs[0]).toMatchObject({
      id: run.jobs[1]!.id,
      run_id: 555,
      name: 'test',
      conclusion: 'failure',
      head_sha: SHA,
      head_branch: 'ai-orchestra/issue-42',
    });
    expect(body.jobs[0].steps).toEqual([
      {
        name: 'Run npm test',
        status: 'completed',
        conclusion: 'failure',
        number: 1,
        started_at: '2026-01-01T00:00:01Z',
        completed_at: '2026-01-01T00:00:03Z',
      },
      { name: 'Upload', status: 'completed', conclusion: 'skipped', number: 2, started_at: null, completed_at: null },
    ]);
    expect(res.headers.get('link')).toMatch(/rel="prev"/);
    expect((await get(gh, '/repos/acme/widgets/actions/runs/556/jobs')).status).toBe(404);
  });

  it('answers a job log with 302 to a signed plain-text download that needs no token', async () => {
    const run = gh.addWorkflowRun({
      head_sha: SHA,
      head_branch: 'b',
      jobs: [{ name: 'test', conclusion: 'failure', steps: [], log: LOG }],
    });
    const jobId = run.jobs[0]!.id;
    const redirect = await get(gh, `/repos/acme/widgets/actions/jobs/${jobId}/logs`);
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${gh.url}/_fake-downloads/job-logs/${jobId}\\?sig=`));
    const download = await fetch(location);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await download.text()).toBe(LOG);
    // The signature is checked; following the redirect (as fetch does by default) gives the text too.
    expect((await fetch(location.replace(/sig=.*/, 'sig=forged'))).status).toBe(403);
    expect(await (await get(gh, `/repos/acme/widgets/actions/jobs/${jobId}/logs`, 'follow')).text()).toBe(LOG);
    expect((await get(gh, '/repos/acme/widgets/actions/jobs/1/logs')).status).toBe(404);
  });

  it("lists a check suite's check runs with their output and app", async () => {
    gh.addRepo({});
    gh.addCheckSuite(777, SHA, [
      {
        name: 'build',
        conclusion: 'failure',
        output: { title: '1 test failed', summary: 'list.test.js', text: 'expected [] to equal ""' },
      },
      {
        name: 'style',
        conclusion: 'success',
        output: { title: null, summary: null, text: null },
        app: { slug: 'acme-style', name: 'Acme Style' },
      },
    ]);
    const res = await get(gh, '/repos/acme/widgets/check-suites/777/check-runs?filter=latest');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.total_count).toBe(2);
    expect(body.check_runs[0]).toMatchObject({
      name: 'build',
      conclusion: 'failure',
      head_sha: SHA,
      check_suite: { id: 777 },
      output: { title: '1 test failed', summary: 'list.test.js', text: 'expected [] to equal ""' },
      app: { slug: 'acme-ci' },
    });
    expect(body.check_runs[1].app.slug).toBe('acme-style');
    expect((await get(gh, '/repos/acme/widgets/check-suites/778/check-runs')).status).toBe(404);
  });

  it("the action's reads: jobs with steps, a log's lines through the redirect (bounded), a suite's check runs", async () => {
    const octokit = getOctokit(FAKE_TOKEN, { baseUrl: gh.url });
    const repo = { owner: 'acme', repo: 'widgets' };
    const long = Array.from({ length: 5_000 }, (_, i) => `2026-01-01T00:00:01.0000000Z line ${i}`).join('\n');
    const run = gh.addWorkflowRun({
      head_sha: SHA,
      head_branch: 'b',
      jobs: [
        {
          name: 'test',
          conclusion: 'failure',
          steps: [
            {
              name: 'Run npm test',
              conclusion: 'failure',
              started_at: '2026-01-01T00:00:01Z',
              completed_at: '2026-01-01T00:00:03Z',
            },
          ],
          log: long,
        },
      ],
    });
    expect(await listWorkflowJobs(octokit, repo, run.id)).toEqual([
      {
        id: run.jobs[0]!.id,
        name: 'test',
        conclusion: 'failure',
        url: `https://github.com/acme/widgets/actions/runs/${run.id}/job/${run.jobs[0]!.id}`,
        steps: [
          {
            name: 'Run npm test',
            number: 1,
            conclusion: 'failure',
            startedAt: '2026-01-01T00:00:01Z',
            completedAt: '2026-01-01T00:00:03Z',
          },
        ],
      },
    ]);
    const all: string[] = [];
    for await (const line of jobLogLines(octokit, repo, run.jobs[0]!.id)) all.push(line);
    expect(all).toEqual(long.split('\n'));
    // The download stops at the byte limit (whole chunks read), far short of the log's end.
    const some: string[] = [];
    for await (const line of jobLogLines(octokit, repo, run.jobs[0]!.id, 1_000)) some.push(line);
    expect(some.length).toBeLessThan(all.length);
    expect(some).toEqual(all.slice(0, some.length));
    expect(gh.requestsTo('GET', /^\/_fake-downloads\//).every((r) => r.headers.authorization === undefined)).toBe(true);
    await expect(async () => {
      for await (const _ of jobLogLines(octokit, repo, 1)) break;
    }).rejects.toThrow(/Could not read the log of job 1/);

    gh.addCheckSuite(9, SHA, [
      { name: 'build', conclusion: 'failure', output: { title: 'T', summary: null, text: 'X' } },
    ]);
    expect(await listCheckRuns(octokit, repo, 9)).toMatchObject([
      { name: 'build', conclusion: 'failure', app: 'acme-ci', title: 'T', text: 'X' },
    ]);
  });
});
