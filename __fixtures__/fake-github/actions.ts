// The fake GitHub's Actions and Checks side: a workflow run's jobs with their steps, a job's log (GitHub answers 302
// with a Location to a signed plain-text download, served here on the same server outside the REST API), and a check
// suite's check runs. Only erasable TypeScript syntax, as in server.ts.

export type JobConclusion =
  | 'success'
  | 'failure'
  | 'neutral'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required';

export interface FakeJobStep {
  name: string;
  conclusion: JobConclusion | null;
  /** ISO times; a skipped step has none. */
  started_at?: string;
  completed_at?: string;
}

export interface FakeJobSeed {
  name: string;
  conclusion: JobConclusion;
  steps: FakeJobStep[];
  /** The job's whole log, as the download serves it (lines prefixed with their timestamps, as GitHub writes them). */
  log: string;
}

export interface FakeJob extends FakeJobSeed {
  id: number;
  run_id: number;
}

export interface FakeWorkflowRun {
  owner: string;
  repo: string;
  id: number;
  name: string;
  head_sha: string;
  head_branch: string;
  run_attempt: number;
  jobs: FakeJob[];
}

export interface WorkflowRunSeed {
  owner?: string;
  repo?: string;
  /** Default: a new id. */
  id?: number;
  name?: string;
  head_sha: string;
  head_branch: string;
  jobs: FakeJobSeed[];
}

export interface FakeCheckRunSeed {
  name: string;
  conclusion: JobConclusion;
  output: { title: string | null; summary: string | null; text: string | null };
  /** The app that made it: slug and name (default: a CI service other than GitHub Actions). */
  app?: { slug: string; name: string };
}

export interface ActionsSide {
  runs: FakeWorkflowRun[];
  /** Check runs by check suite id. */
  checkSuites: Record<string, (FakeCheckRunSeed & { id: number; head_sha: string })[]>;
}

export function newActionsSide(): ActionsSide {
  return { runs: [], checkSuites: {} };
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (p: string[], ctx: { query: Record<string, string>; body: unknown }) => Reply;

export interface ActionsRouteContext {
  route(method: string, template: string, handler: Handler): void;
  base(): string;
  side: ActionsSide;
  repoOr404(owner: string, repo: string): { owner: string; repo: string };
  userJson(user: { login: string; type: 'User' | 'Bot' }): Record<string, unknown>;
  nodeId(prefix: string, id: number): string;
  notFound(): Error;
  page<T>(all: T[], query: Record<string, string>, url: string): { body: T[]; headers: Record<string, string> };
}

/** Where the fake serves log downloads: not an API route, as GitHub's are on another host. */
export const DOWNLOAD_PREFIX = '/_fake-downloads/job-logs/';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function registerActionsRoutes(ctx: ActionsRouteContext): {
  /** The plain-text answer of a download URL the logs route handed out; undefined for any other path. */
  download(pathname: string, query: Record<string, string>): Reply | undefined;
} {
  const { route, side } = ctx;
  const findRun = (o: string, r: string, id: string): FakeWorkflowRun => {
    const run = side.runs.find((x) => String(x.id) === id && same(x.owner, o) && same(x.repo, r));
    if (!run) throw ctx.notFound();
    return run;
  };
  const findJob = (o: string, r: string, id: string): { run: FakeWorkflowRun; job: FakeJob } => {
    for (const run of side.runs) {
      const job = run.jobs.find((j) => String(j.id) === id);
      if (job && same(run.owner, o) && same(run.repo, r)) return { run, job };
    }
    throw ctx.notFound();
  };
  const signature = (jobId: number): string => Buffer.from(`fake-signature:${jobId}`).toString('base64url');

  const jobJson = (run: FakeWorkflowRun, job: FakeJob): Record<string, unknown> => {
    const api = `${ctx.base()}/repos/${run.owner}/${run.repo}`;
    const times = job.steps
      .flatMap((s) => [s.started_at, s.completed_at])
      .filter((t): t is string => t !== undefined)
      .sort();
    const started = times[0] ?? '2026-01-01T00:00:00Z';
    return {
      id: job.id,
      run_id: run.id,
      run_url: `${api}/actions/runs/${run.id}`,
      run_attempt: run.run_attempt,
      node_id: ctx.nodeId('CR', job.id),
      head_sha: run.head_sha,
      url: `${api}/actions/jobs/${job.id}`,
      html_url: `https://github.com/${run.owner}/${run.repo}/actions/runs/${run.id}/job/${job.id}`,
      status: 'completed',
      conclusion: job.conclusion,
      created_at: started,
      started_at: started,
      completed_at: times[times.length - 1] ?? started,
      name: job.name,
      steps: job.steps.map((s, i) => ({
        name: s.name,
        status: 'completed',
        conclusion: s.conclusion,
        number: i + 1,
        started_at: s.started_at ?? null,
        completed_at: s.completed_at ?? null,
      })),
      check_run_url: `${api}/check-runs/${job.id}`,
      labels: ['ubuntu-latest'],
      runner_id: 1,
      runner_name: 'GitHub Actions 1',
      runner_group_id: 1,
      runner_group_name: 'GitHub Actions',
      workflow_name: run.name,
      head_branch: run.head_branch,
    };
  };

  route('GET', '/repos/:o/:r/actions/runs/:id/jobs', ([o, r, id], { query }) => {
    ctx.repoOr404(o!, r!);
    const run = findRun(o!, r!, id!);
    const { body, headers } = ctx.page(
      run.jobs,
      query,
      `${ctx.base()}/repos/${run.owner}/${run.repo}/actions/runs/${run.id}/jobs`,
    );
    return { status: 200, body: { total_count: run.jobs.length, jobs: body.map((j) => jobJson(run, j)) }, headers };
  });

  // GitHub answers with a redirect to a short-lived signed URL on another host; the fake's is on itself.
  route('GET', '/repos/:o/:r/actions/jobs/:id/logs', ([o, r, id]) => {
    ctx.repoOr404(o!, r!);
    const { job } = findJob(o!, r!, id!);
    return { status: 302, headers: { location: `${ctx.base()}${DOWNLOAD_PREFIX}${job.id}?sig=${signature(job.id)}` } };
  });

  const checkRunJson = (
    o: string,
    r: string,
    suiteId: string,
    c: FakeCheckRunSeed & { id: number; head_sha: string },
  ): Record<string, unknown> => {
    const api = `${ctx.base()}/repos/${o}/${r}`;
    const app = c.app ?? { slug: 'acme-ci', name: 'Acme CI' };
    const owner = { login: 'acme-ci-vendor', type: 'User' as const };
    return {
      id: c.id,
      node_id: ctx.nodeId('CR', c.id),
      head_sha: c.head_sha,
      name: c.name,
      url: `${api}/check-runs/${c.id}`,
      html_url: `https://github.com/${o}/${r}/runs/${c.id}`,
      details_url: `https://ci.example.com/${app.slug}/${c.id}`,
      status: 'completed',
      conclusion: c.conclusion,
      started_at: '2026-01-01T00:00:00Z',
      completed_at: '2026-01-01T00:05:00Z',
      external_id: String(c.id),
      check_suite: { id: Number(suiteId) },
      output: { ...c.output, annotations_count: 0, annotations_url: `${api}/check-runs/${c.id}/annotations` },
      app: {
        id: 90_000 + (app.slug.length % 100),
        slug: app.slug,
        node_id: ctx.nodeId('A', 90_000),
        owner: ctx.userJson(owner),
        name: app.name,
        description: null,
        external_url: 'https://ci.example.com',
        html_url: `https://github.com/apps/${app.slug}`,
        created_at: '2020-01-01T00:00:00Z',
        updated_at: '2020-01-01T00:00:00Z',
        permissions: { checks: 'write', metadata: 'read' },
        events: ['check_suite', 'push'],
      },
      pull_requests: [],
    };
  };

  route('GET', '/repos/:o/:r/check-suites/:id/check-runs', ([o, r, id], { query }) => {
    const repo = ctx.repoOr404(o!, r!);
    const runs = side.checkSuites[id!];
    if (!runs) throw ctx.notFound();
    const { body, headers } = ctx.page(
      runs,
      query,
      `${ctx.base()}/repos/${repo.owner}/${repo.repo}/check-suites/${id}/check-runs`,
    );
    return {
      status: 200,
      body: { total_count: runs.length, check_runs: body.map((c) => checkRunJson(repo.owner, repo.repo, id!, c)) },
      headers,
    };
  });

  return {
    download(pathname, query) {
      if (!pathname.startsWith(DOWNLOAD_PREFIX)) return undefined;
      const id = pathname.slice(DOWNLOAD_PREFIX.length);
      const job = side.runs.flatMap((run) => run.jobs).find((j) => String(j.id) === id);
      if (!job || query.sig !== signature(job.id)) {
        return {
          status: 403,
          body: 'AuthenticationFailed: the signature is not valid',
          headers: { 'content-type': 'text/plain' },
        };
      }
      return { status: 200, body: job.log, headers: { 'content-type': 'text/plain; charset=utf-8' } };
    },
  };
}
