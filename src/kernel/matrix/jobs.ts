// The jobs of a matrix workflow for any definition with matrix units: plan (status comment, the matrix), unit (one
// agent or persona), finalize (collect the units' results and run the pipeline on them).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { withFallbacks } from '../../config/pipeline-agents.js';
import { downloadWorkflowArtifact, listWorkflowArtifacts, uploadWorkflowArtifact } from '../../github/artifact.js';
import { DEFAULT_WRITE_INTERVAL_MS, type GitHubClients } from '../../github/client.js';
import { parseStatusState } from '../../report/status-comment.js';
import { renderSummary } from '../../report/summary.js';
import type { GitHubReporter } from '../../sinks/github.js';
import { pacingFor } from '../../sinks/pacing.js';
import { systemClock } from '../clock.js';
import type { MatrixUnit } from '../definition.js';
import { agentRunnerFor, execute, requestFor, runDirectory } from '../execute.js';
import { reportExecution, setOutputs } from '../outputs.js';
import { gitHubSink, installClis, isolateAgents, staleAfterMsOf } from '../prepare.js';
import type { AuthorizedRun } from '../run-mode.js';
import { renderSharedStatus } from './status.js';
import {
  matrixOutput,
  mergeUnitResults,
  parseUnitInput,
  parseUnitResult,
  pickUnitArtifacts,
  planUnits,
  type UnitResult,
  unitArtifactName,
} from './units.js';

export interface MatrixJob extends AuthorizedRun {
  clients: GitHubClients;
}

interface Planned extends MatrixJob {
  units: MatrixUnit[];
  reporter: GitHubReporter;
  dir: string;
}

export async function runMatrixJob(job: MatrixJob): Promise<void> {
  const { route, ctx, definition } = job;
  const plan = planUnits(job.config, route.pipeline);
  if (plan.kind === 'none' || !definition.matrix) {
    setOutputs(route.pipeline, 'failure');
    return core.setFailed(`${plan.kind === 'none' ? plan.reason : `${route.pipeline} has no matrix form`}.`);
  }
  const reporter = gitHubSink(job.clients, {
    ctx,
    number: route.issue.number,
    pipeline: route.pipeline,
    redactor: job.redactor,
    firstListing: job.firstListing,
    signal: job.signal,
  });
  const dir = runDirectory(join(ctx.runnerTemp, 'ai-orchestra'), ctx, route.issue.number);
  const units: MatrixUnit[] = definition.matrix.units(job.config.pipelines[definition.name]);
  const planned: Planned = { ...job, units, reporter, dir };
  if (job.inputs.mode === 'plan') return planJob(planned);
  if (job.inputs.mode === 'unit') return unitJob(planned, parseUnitInput(job.inputs.unit, plan));
  return finalizeJob(planned);
}

/** Claims the issue as run mode does, posts the status comment with every row pending, and outputs the units. */
async function planJob(job: Planned): Promise<void> {
  const { ctx, route, reporter, definition } = job;
  const now = new Date();
  const claim = await reporter.claim({ staleAfterMs: staleAfterMsOf(definition, job.config), now, runUrl: ctx.runUrl });
  if (!claim.claimed) {
    job.log.warning(`Not running ${route.pipeline} on #${route.issue.number}: ${claim.reason}.`);
    return setOutputs(route.pipeline, 'skipped');
  }
  const entries = definition.status.rows(job.config.pipelines[definition.name]);
  await Promise.all([
    reporter.upsertComment(
      'status',
      renderSharedStatus({ pipeline: route.pipeline, entries, overall: 'running', startedAt: now, runUrl: ctx.runUrl }),
    ),
    reporter.acknowledge(),
  ]);
  const names = job.units.map((u) => u.unit);
  job.log.info(
    `Planned ${route.pipeline} on ${route.issue.repository}#${route.issue.number} (${route.trigger}, by ${route.sender.login}) as ${names.length} units: ${names.join(', ')}.`,
  );
  core.setOutput('matrix', matrixOutput(names));
  setOutputs(route.pipeline, 'success');
}

/** Isolation and CLIs for the agents this job starts, as run mode prepares them. */
async function prepareAgents(job: Planned, agents: string[]) {
  const { identity, workingDirectory } = await isolateAgents(job.definition, {
    config: job.config,
    ctx: job.ctx,
    setup: job.inputs,
    dir: job.dir,
    log: job.log,
  });
  const installs = await installClis(
    withFallbacks(job.config, agents).map((a) => job.config.agents[a]!),
    { setup: job.inputs, dir: job.dir, env: process.env, signal: job.signal, log: job.log },
  );
  return { identity, installs, workingDirectory };
}

/** Runs one unit, posts its answer and its status row, and uploads its result for finalize. */
async function unitJob(job: Planned, name: string): Promise<void> {
  const { route, redactor, definition } = job;
  const unit = job.units.find((u) => u.unit === name)!;
  const { agent } = unit;
  job.log.info(
    `Running ${route.pipeline} unit ${name}${agent !== name ? ` (agent ${agent})` : ''} on ${route.issue.repository}#${route.issue.number}.`,
  );
  const prepared = await prepareAgents(job, [agent]);
  const runner = agentRunnerFor({ ...job, ...prepared, env: process.env });
  const request = requestFor(definition, job, route, new Date());
  const outcome = await definition.matrix!.runUnit(unit, request, {
    runner,
    sink: job.reporter,
    clock: systemClock,
    random: Math.random,
    log: job.log,
  });
  const result: UnitResult = redactor.redactDeep({
    version: 1,
    pipeline: route.pipeline,
    issue: route.issue.number,
    unit: name,
    agent,
    run: outcome.run,
    ...(outcome.commentUrl ? { commentUrl: outcome.commentUrl } : {}),
  });
  const folder = join(job.dir, 'unit');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'unit.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  const artifact = unitArtifactName(route.pipeline, route.issue.number, name, job.ctx.runAttempt);
  const upload = await uploadWorkflowArtifact({
    name: artifact,
    files: [file],
    rootDirectory: folder,
    env: process.env,
    runUrl: job.ctx.runUrl,
    log: job.log.info,
  });
  const { run } = outcome;
  await core.summary
    .addRaw(
      redactor.redact(
        renderSummary({
          pipeline: `${route.pipeline} (unit ${name})`,
          target: `${route.issue.repository}#${route.issue.number}`,
          status: run.status,
          error: run.error,
          runs: [run],
          comments: new Map(),
        }),
      ),
    )
    .write();
  const failed = upload.status !== 'uploaded' || outcome.postError !== undefined;
  setOutputs(route.pipeline, run.status === 'success' && !failed ? 'success' : 'failure', file);
  // The agent's own failure is finalize's to report, as in run mode; a result that finalize cannot get fails the job.
  if (upload.status !== 'uploaded') {
    core.setFailed(
      `The result of unit ${name} was not uploaded (${upload.status === 'failed' ? upload.error : upload.reason}); finalize will report the unit as missing.`,
    );
  } else if (outcome.postError) {
    core.setFailed(redactor.redact(`Unit ${name}: ${outcome.postError}`));
  }
}

/** The units' results from their artifacts; a unit without a readable one is missing, with why. */
async function collectResults(
  job: Planned,
): Promise<{ found: Map<string, UnitResult>; problems: Map<string, string> }> {
  const found = new Map<string, UnitResult>();
  const problems = new Map<string, string>();
  const number = job.route.issue.number;
  const pipeline = job.route.pipeline;
  const names = job.units.map((u) => u.unit);
  let listed: Awaited<ReturnType<typeof listWorkflowArtifacts>>;
  try {
    listed = await listWorkflowArtifacts(process.env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    job.log.warning(`Could not list the run's artifacts: ${message}`);
    for (const unit of names) problems.set(unit, 'no result: the artifacts could not be listed');
    return { found, problems };
  }
  const picked = pickUnitArtifacts(listed, pipeline, number, names);
  await Promise.all(
    [...picked].map(async ([unit, artifact]) => {
      const path = join(job.dir, 'units', unit);
      try {
        await downloadWorkflowArtifact(artifact, path);
        found.set(
          unit,
          parseUnitResult(readFileSync(join(path, 'unit.json'), 'utf8'), { pipeline, issue: number, unit }),
        );
      } catch (error) {
        job.log.warning(
          `The artifact ${artifact.name} of unit ${unit} could not be used: ${error instanceof Error ? error.message : String(error)}`,
        );
        problems.set(unit, 'no result: its artifact could not be read');
      }
    }),
  );
  for (const unit of names.filter((u) => !found.has(u) && !problems.has(u))) {
    job.log.warning(
      `Unit ${unit} left no result (no artifact ${unitArtifactName(pipeline, number, unit, job.ctx.runAttempt)}): its job failed, was cancelled or never ran.`,
    );
  }
  return { found, problems };
}

/** Collects the units' results, then runs the pipeline on them (the review, the datasets) as run mode does. */
async function finalizeJob(job: Planned): Promise<void> {
  const { config, route, ctx, definition } = job;
  const status = await job.reporter.readComment('status').catch(() => undefined);
  const runStartedAt = status ? parseStatusState(status)?.startedAt : undefined;
  const { found, problems } = await collectResults(job);
  const merged = mergeUnitResults(job.units, found, problems, new Date());
  job.log.info(
    `Finalizing ${route.pipeline} on ${route.issue.repository}#${route.issue.number}: ${found.size} of ${job.units.length} units left a result${merged.missing.size > 0 ? ` (missing: ${[...merged.missing.keys()].join(', ')})` : ''}.`,
  );
  const prepared = await prepareAgents(job, definition.matrix!.finalizeAgents(config.pipelines[definition.name]));
  const execution = await execute(
    definition,
    {
      ctx,
      config,
      log: job.log,
      clock: systemClock,
      redactor: job.redactor,
      sink: job.reporter,
      dir: job.dir,
      root: ctx.workspace,
      ...prepared,
      env: process.env,
      signal: job.signal,
      artifacts: {
        publish: (name, files, rootDirectory) =>
          uploadWorkflowArtifact({ name, files, rootDirectory, env: process.env, runUrl: ctx.runUrl, log: core.info }),
      },
      pacing: pacingFor(job.inputs.tuning.minWriteIntervalMs ?? DEFAULT_WRITE_INTERVAL_MS),
    },
    route,
    // By unit: an ai-review unit is its agent, a persona-data unit its persona, as the rows they label are keyed.
    { startedAt: runStartedAt, collected: { runs: merged.runs, notes: merged.missing } },
  );
  await reportExecution(definition, execution, job.redactor);
}
