// The jobs of a matrix workflow: plan (status comment, the matrix), unit (one agent or persona), finalize (review or datasets).
import * as core from '@actions/core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AgentSpec } from '../agents/types.js';
import { withFallbacks } from '../config/pipeline-agents.js';
import { reviewJudges, type Config } from '../config/schema.js';
import type { RunContext, Route } from '../event.js';
import { downloadWorkflowArtifact, listWorkflowArtifacts, uploadWorkflowArtifact } from '../github/artifact.js';
import { createOctokit, DEFAULT_WRITE_INTERVAL_MS, type Octokit } from '../github/client.js';
import type { ApiComment } from '../github/comments.js';
import { GitHubReporter } from '../github/reporter.js';
import type { Inputs } from '../inputs.js';
import { prepareAgentClis } from '../install/prepare.js';
import { accessModeFor, prepareIsolation } from '../isolation/prepare.js';
import { agentRunnerFor, executePersonas, executeReview, runDirectory, type Execution } from '../orchestrate.js';
import { runPersonaUnit, runReviewUnit } from '../pipelines/matrix-unit.js';
import { personaStatusEntries } from '../pipelines/personas.js';
import { pacingFor, reviewStatusEntries } from '../pipelines/review.js';
import { renderSummary } from '../report/summary.js';
import { parseStatusState } from '../report/status-comment.js';
import type { Redactor } from '../security/redact.js';
import { renderSharedStatus } from './status.js';
import { matrixOutput, mergeUnitResults, parseUnitInput, parseUnitResult, pickUnitArtifacts, planUnits, unitArtifactName, type MatrixPipeline, type UnitResult } from './units.js';

export interface MatrixJob {
  inputs: Inputs;
  ctx: RunContext;
  config: Config;
  route: Extract<Route, { kind: 'run' }>;
  redactor: Redactor;
  octokit: Octokit;
  firstListing?: Promise<ApiComment[]>;
  signal: AbortSignal;
  setOutputs: (pipeline: string, status: string, resultFile?: string) => void;
  staleAfterMs: number;
}

interface Planned extends MatrixJob {
  pipeline: MatrixPipeline;
  units: string[];
  reporter: GitHubReporter;
  dir: string;
}

export async function runMatrixJob(job: MatrixJob): Promise<void> {
  const { route, ctx } = job;
  const plan = planUnits(job.config, route.pipeline);
  if (plan.kind === 'none') {
    job.setOutputs(route.pipeline, 'failure');
    return core.setFailed(`${plan.reason}.`);
  }
  const reporter = new GitHubReporter(job.octokit, { owner: ctx.owner, repo: ctx.repo, number: route.issue.number }, { runId: ctx.runId, pipeline: route.pipeline }, job.redactor, {
    firstListing: job.firstListing,
    urgent: { octokit: createOctokit(job.inputs.githubToken, { requestTimeoutMs: 3_000, maxRateLimitRetries: 0, unthrottled: true }), after: job.signal },
  });
  const dir = runDirectory(join(ctx.runnerTemp, 'ai-orchestra'), ctx, route.issue.number);
  const planned: Planned = { ...job, pipeline: plan.pipeline, units: plan.units, reporter, dir };
  if (job.inputs.mode === 'plan') return planJob(planned);
  if (job.inputs.mode === 'unit') return unitJob(planned, parseUnitInput(job.inputs.unit, plan));
  return finalizeJob(planned);
}

/** Claims the issue as run mode does, posts the status comment with every row pending, and outputs the units. */
async function planJob(job: Planned): Promise<void> {
  const { ctx, route, reporter } = job;
  const now = new Date();
  const claim = await reporter.claim({ staleAfterMs: job.staleAfterMs, now, runUrl: ctx.runUrl });
  if (!claim.claimed) {
    core.warning(`Not running ${route.pipeline} on #${route.issue.number}: ${claim.reason}.`);
    return job.setOutputs(route.pipeline, 'skipped');
  }
  const entries = job.pipeline === 'ai-review' ? reviewStatusEntries(job.config.pipelines['ai-review']) : personaStatusEntries(job.config.pipelines['persona-data']);
  await Promise.all([reporter.upsertComment('status', renderSharedStatus({ pipeline: route.pipeline, entries, overall: 'running', startedAt: now, runUrl: ctx.runUrl })), reporter.acknowledge()]);
  core.info(`Planned ${route.pipeline} on ${route.issue.repository}#${route.issue.number} (${route.trigger}, by ${route.sender.login}) as ${job.units.length} units: ${job.units.join(', ')}.`);
  core.setOutput('matrix', matrixOutput(job.units));
  job.setOutputs(route.pipeline, 'success');
}

/** Isolation and CLIs for the agents this job starts, as run mode prepares them. */
async function prepareAgents(job: Planned, agents: AgentSpec[]): Promise<Pick<Parameters<typeof agentRunnerFor>[0], 'identity' | 'installs' | 'workingDirectory'>> {
  const workingDirectory = resolve(job.ctx.workspace, job.inputs.workingDirectory ?? '.');
  const identity = await prepareIsolation({
    agentUser: job.inputs.agentUser,
    dropSudo: job.inputs.dropSudo,
    workingDirectory,
    access: accessModeFor(job.route.pipeline),
    runnerTemp: job.ctx.runnerTemp,
    logDir: join(job.dir, 'logs', 'isolation'),
    log: { info: core.info, warning: core.warning },
  });
  const installs = await prepareAgentClis({
    agents,
    install: job.inputs.install,
    env: process.env,
    logDir: join(job.dir, 'logs', 'install'),
    signal: job.signal,
    info: core.info,
    warn: core.warning,
  });
  return { identity, installs, workingDirectory };
}

/** Runs one unit, posts its answer and its status row, and uploads its result for finalize. */
async function unitJob(job: Planned, unit: string): Promise<void> {
  const { config, route, redactor } = job;
  const persona = job.pipeline === 'persona-data' ? config.pipelines['persona-data'].personas.find((p) => p.name === unit) : undefined;
  const agent = persona?.agent ?? unit;
  core.info(`Running ${route.pipeline} unit ${unit}${persona ? ` (agent ${agent})` : ''} on ${route.issue.repository}#${route.issue.number}.`);
  const prepared = await prepareAgents(job, withFallbacks(config, [agent]).map((name) => config.agents[name]!));
  const runner = agentRunnerFor({ ...job, ...prepared, env: process.env });
  const deps = { runner, reporter: job.reporter, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), random: Math.random, warn: core.warning };
  const outcome = persona
    ? await runPersonaUnit({ issue: route.issue, persona }, deps)
    : await runReviewUnit({ issue: route.issue, agents: config.pipelines['ai-review'].agents, agent, runUrl: job.ctx.runUrl, commentMode: config.settings.commentMode }, deps);
  const result: UnitResult = redactor.redactDeep({ version: 1, pipeline: job.pipeline, issue: route.issue.number, unit, agent, run: outcome.run, ...(outcome.commentUrl ? { commentUrl: outcome.commentUrl } : {}) });
  const folder = join(job.dir, 'unit');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'unit.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  const name = unitArtifactName(job.pipeline, route.issue.number, unit, job.ctx.runAttempt);
  const upload = await uploadWorkflowArtifact({ name, files: [file], rootDirectory: folder, env: process.env, runUrl: job.ctx.runUrl, log: core.info });
  const { run } = outcome;
  await core.summary
    .addRaw(redactor.redact(renderSummary({ pipeline: `${route.pipeline} (unit ${unit})`, target: `${route.issue.repository}#${route.issue.number}`, status: run.status, error: run.error, runs: [run], comments: new Map() })))
    .write();
  const failed = upload.status !== 'uploaded' || outcome.postError !== undefined;
  job.setOutputs(route.pipeline, run.status === 'success' && !failed ? 'success' : 'failure', file);
  // The agent's own failure is finalize's to report, as in run mode; a result that finalize cannot get fails the job.
  if (upload.status !== 'uploaded') {
    core.setFailed(`The result of unit ${unit} was not uploaded (${upload.status === 'failed' ? upload.error : upload.reason}); finalize will report the unit as missing.`);
  } else if (outcome.postError) {
    core.setFailed(redactor.redact(`Unit ${unit}: ${outcome.postError}`));
  }
}

/** The units' results from their artifacts; a unit without a readable one is missing, with why. */
async function collectResults(job: Planned): Promise<{ found: Map<string, UnitResult>; problems: Map<string, string> }> {
  const found = new Map<string, UnitResult>();
  const problems = new Map<string, string>();
  const number = job.route.issue.number;
  let listed: Awaited<ReturnType<typeof listWorkflowArtifacts>>;
  try {
    listed = await listWorkflowArtifacts(process.env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    core.warning(`Could not list the run's artifacts: ${message}`);
    for (const unit of job.units) problems.set(unit, 'no result: the artifacts could not be listed');
    return { found, problems };
  }
  const picked = pickUnitArtifacts(listed, job.pipeline, number, job.units);
  await Promise.all(
    [...picked].map(async ([unit, artifact]) => {
      const path = join(job.dir, 'units', unit);
      try {
        await downloadWorkflowArtifact(artifact, path);
        found.set(unit, parseUnitResult(readFileSync(join(path, 'unit.json'), 'utf8'), { pipeline: job.pipeline, issue: number, unit }));
      } catch (error) {
        core.warning(`The artifact ${artifact.name} of unit ${unit} could not be used: ${error instanceof Error ? error.message : String(error)}`);
        problems.set(unit, 'no result: its artifact could not be read');
      }
    }),
  );
  for (const unit of job.units.filter((u) => !found.has(u) && !problems.has(u))) {
    core.warning(`Unit ${unit} left no result (no artifact ${unitArtifactName(job.pipeline, number, unit, job.ctx.runAttempt)}): its job failed, was cancelled or never ran.`);
  }
  return { found, problems };
}

/** Collects the units' results, then reviews (ai-review) or writes the datasets (persona-data) as run mode does. */
async function finalizeJob(job: Planned): Promise<void> {
  const { config, route, ctx } = job;
  const status = await job.reporter.readComment('status').catch(() => undefined);
  const runStartedAt = status ? parseStatusState(status)?.startedAt : undefined;
  const { found, problems } = await collectResults(job);
  const personas = config.pipelines['persona-data'];
  const review = config.pipelines['ai-review'];
  const units =
    job.pipeline === 'persona-data'
      ? personas.personas.map((p) => ({ unit: p.name, agent: p.agent, role: `persona-${p.name}` }))
      : review.agents.map((agent) => ({ unit: agent, agent, role: 'answer' }));
  const merged = mergeUnitResults(units, found, problems, new Date());
  // By unit: an ai-review unit is its agent, a persona-data unit its persona, as the rows they label are keyed.
  const notes = merged.missing;
  const judges = job.pipeline === 'ai-review' ? reviewJudges(review) : personas.formats.includes('dpo') ? [personas.reviewer] : [];
  core.info(`Finalizing ${route.pipeline} on ${route.issue.repository}#${route.issue.number}: ${found.size} of ${job.units.length} units left a result${merged.missing.size > 0 ? ` (missing: ${[...merged.missing.keys()].join(', ')})` : ''}.`);
  const prepared = await prepareAgents(job, withFallbacks(config, judges).map((name) => config.agents[name]!));
  const common = {
    ctx,
    config,
    issue: route.issue,
    reporter: job.reporter,
    redactor: job.redactor,
    dir: job.dir,
    env: process.env,
    signal: job.signal,
    warn: core.warning,
    ...prepared,
    collected: { runs: merged.runs, notes },
    runStartedAt,
  };
  if (job.pipeline === 'persona-data') {
    const execution = await executePersonas({
      ...common,
      workspace: ctx.workspace,
      upload: (name, files, rootDirectory) => uploadWorkflowArtifact({ name, files, rootDirectory, env: process.env, runUrl: ctx.runUrl, log: core.info }),
    });
    core.setOutput('dataset-dir', execution.datasetDir);
    core.setOutput('dataset-file', execution.datasetFile ?? '');
    return report(job, execution);
  }
  const pacing = pacingFor(Number(process.env.AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS || DEFAULT_WRITE_INTERVAL_MS));
  return report(job, await executeReview({ ...common, pacing }));
}

async function report(job: Planned, execution: Execution): Promise<void> {
  const { outcome } = execution;
  job.setOutputs(job.route.pipeline, outcome.status === 'success' ? 'success' : 'failure', execution.resultFile);
  await core.summary.addRaw(execution.summary).write();
  if (outcome.status !== 'success') core.setFailed(job.redactor.redact(outcome.error ?? `${job.route.pipeline} ended with status ${outcome.status}`));
}
