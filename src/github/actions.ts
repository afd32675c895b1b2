// Reads what CI said: a workflow run's jobs and steps, a job's log (a redirect to a signed download), a check
// suite's check runs. Log text is untrusted: whatever the job ran printed it.
import type { CheckRunOutput, WorkflowJob } from '../kernel/definition.js';
import type { Octokit } from './client.js';
import { describe } from './comments.js';

type Repo = { owner: string; repo: string };

/** A log download stops after this many bytes (a job's log can be hundreds of MB; the failure is in the steps read). */
export const JOB_LOG_MAX_BYTES = 64 * 1024 * 1024;

export async function listWorkflowJobs(octokit: Octokit, repo: Repo, runId: number): Promise<WorkflowJob[]> {
  const jobs = await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, {
    ...repo,
    run_id: runId,
    filter: 'latest',
    per_page: 100,
  });
  return jobs.map((job) => ({
    id: job.id,
    name: job.name,
    conclusion: job.conclusion,
    ...(job.html_url ? { url: job.html_url } : {}),
    steps: (job.steps ?? []).map((s) => ({
      name: s.name,
      number: s.number,
      conclusion: s.conclusion,
      ...(s.started_at ? { startedAt: s.started_at } : {}),
      ...(s.completed_at ? { completedAt: s.completed_at } : {}),
    })),
  }));
}

/** How long a job log's download may take, start to end. */
const LOG_DOWNLOAD_TIMEOUT_MS = 60_000;

/**
 * GitHub answers the log route with 302 and a short-lived signed URL: asked without following, then downloaded without
 * our token (the signature is the credential; the token must not travel to the storage host).
 */
export async function* jobLogLines(
  octokit: Octokit,
  repo: Repo,
  jobId: number,
  maxBytes = JOB_LOG_MAX_BYTES,
): AsyncGenerator<string> {
  let location: string | undefined;
  try {
    const answer = await octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
      ...repo,
      job_id: jobId,
      request: { redirect: 'manual' },
    });
    location = (answer.headers as Record<string, string | undefined>).location;
  } catch (error) {
    throw new Error(`Could not read the log of job ${jobId}: ${describe(error)}`);
  }
  if (!location) throw new Error(`GitHub gave no download location for the log of job ${jobId}`);
  // Bounded in time as every GitHub request is: a stalled storage host must not hold the runner.
  const download = await fetch(location, { redirect: 'follow', signal: AbortSignal.timeout(LOG_DOWNLOAD_TIMEOUT_MS) });
  if (!download.ok || !download.body)
    throw new Error(`Could not download the log of job ${jobId}: HTTP ${download.status}`);
  const decoder = new TextDecoder();
  let pending = '';
  let read = 0;
  const reader = download.body.getReader();
  try {
    while (read < maxBytes) {
      const { value, done } = await reader.read();
      if (done) break;
      read += value.byteLength;
      pending += decoder.decode(value, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      yield* lines;
    }
    if (read < maxBytes && pending) yield pending + decoder.decode();
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export async function listCheckRuns(octokit: Octokit, repo: Repo, checkSuiteId: number): Promise<CheckRunOutput[]> {
  const runs = await octokit.paginate(octokit.rest.checks.listForSuite, {
    ...repo,
    check_suite_id: checkSuiteId,
    filter: 'latest',
    per_page: 100,
  });
  return runs.map((run) => ({
    id: run.id,
    name: run.name,
    conclusion: run.conclusion,
    ...(run.app?.slug ? { app: run.app.slug } : {}),
    ...(run.html_url ? { url: run.html_url } : {}),
    ...(run.output.title ? { title: run.output.title } : {}),
    ...(run.output.summary ? { summary: run.output.summary } : {}),
    ...(run.output.text ? { text: run.output.text } : {}),
  }));
}
