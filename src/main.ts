// The action: read inputs and event, pick the pipeline, run it against GitHub (or a dry-run folder), report.
import * as core from '@actions/core';
import { join, resolve } from 'node:path';
import { secretsGivenToAgents } from './agents/runner.js';
import { loadConfig } from './config/load.js';
import { pipelineAgentNames, staleAfterMs } from './config/pipeline-agents.js';
import { loadRunContext, routeEvent } from './event.js';
import { uploadWorkflowArtifact } from './github/artifact.js';
import { createOctokit, DEFAULT_WRITE_INTERVAL_MS } from './github/client.js';
import { fetchIssue } from './github/issues.js';
import { listIssueComments } from './github/comments.js';
import { checkTriggerPermission } from './github/permissions.js';
import { GitHubReporter } from './github/reporter.js';
import { readInputs } from './inputs.js';
import { prepareAgentClis } from './install/prepare.js';
import { accessModeFor, prepareIsolation } from './isolation/prepare.js';
import { pacingFor } from './pipelines/review.js';
import { killAllRunning, sweepAllLeftovers } from './process/run-process.js';
import { executePersonas, executeReview, runDirectory, type PersonaExecution } from './orchestrate.js';
import { executeRelay, openRelayCheckout, type RelayExecution } from './orchestrate-relay.js';
import { LocalReporter } from './report/local-reporter.js';
import type { IssueReporter } from './report/reporter.js';
import { runMatrixJob } from './matrix/jobs.js';
import { logUntrusted } from './security/log.js';
import { redactorFor, type Redactor } from './security/redact.js';
import { sanitizeOutput } from './security/sanitize-output.js';
import { buildDashboardFromBranch } from './dashboard/action-job.js';
import { DEFAULT_RECORDS_BRANCH } from './records/github-store.js';
import { keepRecordIfConfigured } from './records/keep.js';
import { recordId } from './records/record.js';
import { reviewAgentsByLeaderboard } from './records/leaderboard-choice.js';

/** The result file this job wrote (run, finalize), for the record kept on the data branch. */
let writtenResultFile = '';

function setOutputs(pipeline: string, status: string, resultFile = ''): void {
  writtenResultFile = resultFile;
  core.setOutput('pipeline', pipeline);
  core.setOutput('status', status);
  core.setOutput('result-file', resultFile);
}


/**
 * On SIGINT/SIGTERM (a cancelled workflow) abort the run so agents stop and the status comment is finalized.
 * Agents live in their own process groups and would outlive us, so a second signal, or a run still going
 * 4.5 s after the first, kills them outright and exits (we promise to be gone within 5 s).
 */
function cancelOnSignals(controller: AbortController): () => void {
  const hardStop = (): never => {
    killAllRunning('SIGKILL');
    process.exit(1);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return hardStop();
    core.warning(`Received ${signal}: the workflow is being cancelled; stopping every agent.`);
    controller.abort();
    setTimeout(hardStop, 4_500).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** The relay's outputs, summary and exit status. */
/** The job summary is Markdown people read on GitHub: it passes the same sanitizer as every comment. */
async function writeJobSummary(markdown: string, redactor: Redactor): Promise<void> {
  await core.summary.addRaw(sanitizeOutput(markdown, redactor)).write();
}

async function reportRelay(execution: RelayExecution, redactor: Redactor): Promise<void> {
  const redact = (text: string): string => redactor.redact(text);
  const { outcome } = execution;
  setOutputs('relay-pipeline', outcome.status === 'success' ? 'success' : 'failure', execution.resultFile);
  core.setOutput('pr-url', execution.prUrl);
  core.setOutput('branch', execution.branch);
  await writeJobSummary(execution.summary, redactor);
  if (outcome.status !== 'success') core.setFailed(redact(outcome.error ?? `relay-pipeline ended with status ${outcome.status}`));
}

async function reportPersonas(execution: PersonaExecution, redactor: Redactor): Promise<void> {
  const redact = (text: string): string => redactor.redact(text);
  const { outcome } = execution;
  setOutputs('persona-data', outcome.status === 'success' ? 'success' : 'failure', execution.resultFile);
  core.setOutput('dataset-dir', execution.datasetDir);
  core.setOutput('dataset-file', execution.datasetFile ?? '');
  await writeJobSummary(execution.summary, redactor);
  if (outcome.status !== 'success') core.setFailed(redact(outcome.error ?? `persona-data ended with status ${outcome.status}`));
}

export async function run(): Promise<void> {
  const controller = new AbortController();
  const stopListening = cancelOnSignals(controller);
  let keepRecord: (() => Promise<void>) | undefined;
  try {
    const inputs = readInputs();
    const ctx = loadRunContext(process.env);
    if (inputs.mode === 'dashboard') {
      const octokit = createOctokit(inputs.githubToken, { requestTimeoutMs: 30_000, maxRateLimitRetries: 3 });
      const at = { owner: ctx.owner, repo: ctx.repo, branch: inputs.recordsBranch ?? DEFAULT_RECORDS_BRANCH };
      const built = await buildDashboardFromBranch({ octokit, at, outDir: resolve(ctx.workspace, inputs.dashboardDir), now: new Date() });
      core.info(`Dashboard: ${built.records} records from ${at.branch} → ${built.file}${built.skipped ? ` (${built.skipped} unreadable lines skipped)` : ''}.`);
      return core.setOutput('dashboard-file', built.file);
    }
    const config = loadConfig(resolve(ctx.workspace, inputs.configPath), { required: inputs.configRequired });
    const route = await routeEvent(ctx, config, (number) =>
      fetchIssue(createOctokit(inputs.githubToken, { requestTimeoutMs: 30_000, maxRateLimitRetries: 3 }), { owner: ctx.owner, repo: ctx.repo }, number),
    );
    // plan's matrix is empty whenever it is not going ahead, so the unit and finalize jobs are skipped.
    if (inputs.mode === 'plan') core.setOutput('matrix', '[]');
    if (route.kind === 'skip') {
      core.info(`Nothing to do: ${route.reason}.`);
      return setOutputs('none', 'skipped');
    }
    const redactor = redactorFor(inputs.githubToken, process.env, secretsGivenToAgents(Object.values(config.agents), process.env));
    for (const value of redactor.knownValues) core.setSecret(value);
    const octokit = inputs.githubToken
      ? createOctokit(inputs.githubToken, {
          requestTimeoutMs: process.env.AI_ORCHESTRA_REQUEST_TIMEOUT_MS ? Number(process.env.AI_ORCHESTRA_REQUEST_TIMEOUT_MS) : 30_000,
          maxRateLimitRetries: 3,
          minWriteIntervalMs: process.env.AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS ? Number(process.env.AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS) : undefined,
          secondaryRateLimitWaitSec: process.env.AI_ORCHESTRA_SECONDARY_RATE_LIMIT_WAIT_S ? Number(process.env.AI_ORCHESTRA_SECONDARY_RATE_LIMIT_WAIT_S) : undefined,
        })
      : undefined;
    const repo = { owner: ctx.owner, repo: ctx.repo };
    if (octokit && !inputs.dryRun && (inputs.mode === 'run' || inputs.mode === 'finalize')) {
      keepRecord = () => keepRecordIfConfigured({ octokit, ...repo, branch: inputs.recordsBranch, resultFile: writtenResultFile, id: recordId(route.issue.repository, ctx.runId, ctx.runAttempt, route.issue.number), redactor, info: core.info, warn: core.warning });
    }
    // The claim's first read, read-only: listed while the permission is checked rather than after (one round trip less).
    const firstListing = octokit && !inputs.dryRun ? listIssueComments(octokit, { ...repo, number: route.issue.number }) : undefined;
    firstListing?.catch(() => undefined);
    if (octokit) {
      const verdict = await checkTriggerPermission(octokit, repo, route.sender, inputs.allowedBots);
      if (!verdict.allowed) {
        core.warning(`Not running ${route.pipeline} on #${route.issue.number}: ${verdict.reason}.`);
        return setOutputs(route.pipeline, 'skipped');
      }
      core.info(`Permission: ${verdict.reason}.`);
    }
    if (inputs.mode !== 'run') {
      if (!octokit) throw new Error(`mode ${inputs.mode} needs the github-token input.`);
      return await runMatrixJob({ inputs, ctx, config, route, redactor, octokit, firstListing, signal: controller.signal, setOutputs, staleAfterMs: staleAfterMs(config, route.pipeline) });
    }
    if (route.pipeline === 'ai-review' && config.pipelines['ai-review'].top && octokit) {
      const at = { ...repo, branch: inputs.recordsBranch ?? DEFAULT_RECORDS_BRANCH };
      config.pipelines['ai-review'] = await reviewAgentsByLeaderboard(config.pipelines['ai-review'], { octokit, at, runId: ctx.runId, warn: core.warning });
    }
    const agentSpecs = pipelineAgentNames(config, route.pipeline).map((name) => config.agents[name]!);

    const dir = runDirectory(join(ctx.runnerTemp, 'ai-orchestra'), ctx, route.issue.number);
    const workingDirectory = resolve(ctx.workspace, inputs.workingDirectory ?? '.');
    // The relay's agents work in a copy of the checkout without its .git; agent-user gets access to that copy only.
    const checkout =
      route.pipeline === 'relay-pipeline'
        ? await openRelayCheckout({ workingDirectory, dir, env: process.env, signal: controller.signal, config, configFile: resolve(ctx.workspace, inputs.configPath) }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))
        : undefined;
    // Before anything is claimed or posted: a run that cannot isolate its agents fails here, with no agent started.
    const identity = await prepareIsolation({
      agentUser: inputs.agentUser,
      dropSudo: inputs.dropSudo,
      workingDirectory: checkout && !(checkout instanceof Error) ? checkout.agentDirectory : workingDirectory,
      access: accessModeFor(route.pipeline),
      runnerTemp: ctx.runnerTemp,
      logDir: join(dir, 'logs', 'isolation'),
      log: { info: core.info, warning: core.warning },
    });
    const runMarker = { runId: ctx.runId, pipeline: route.pipeline };
    const reporter: IssueReporter =
      inputs.dryRun || !octokit
        ? new LocalReporter(join(dir, 'comments'), runMarker, redactor, (text) => logUntrusted(core.info, text))
        : new GitHubReporter(octokit, { ...repo, number: route.issue.number }, runMarker, redactor, {
            firstListing,
            urgent: { octokit: createOctokit(inputs.githubToken, { requestTimeoutMs: 3_000, maxRateLimitRetries: 0, unthrottled: true }), after: controller.signal },
          });
    if (reporter instanceof GitHubReporter) {
      const claim = await reporter.claim({ staleAfterMs: staleAfterMs(config, route.pipeline), now: new Date(), runUrl: ctx.runUrl });
      if (!claim.claimed) {
        if (checkout && !(checkout instanceof Error)) await checkout.close();
        core.warning(`Not running ${route.pipeline} on #${route.issue.number}: ${claim.reason}.`);
        return setOutputs(route.pipeline, 'skipped');
      }
    }
    // After the claim, so a run that is not going ahead installs nothing.
    const installs = await prepareAgentClis({
      agents: agentSpecs,
      install: inputs.install,
      env: process.env,
      logDir: join(dir, 'logs', 'install'),
      signal: controller.signal,
      info: core.info,
      warn: core.warning,
    });
    if (route.pipeline === 'relay-pipeline') {
      const stages = config.pipelines['relay-pipeline'].stages.map((s) => `${s.name} (${s.agent}${s.write ? ', may edit' : ''})`);
      core.info(`Running relay-pipeline on ${route.issue.repository}#${route.issue.number} (${route.trigger}, by ${route.sender.login}): ${stages.join(' → ')}.`);
      const execution = await executeRelay({
        ctx,
        config,
        issue: route.issue,
        reporter,
        redactor,
        workingDirectory,
        dir,
        env: process.env,
        signal: controller.signal,
        warn: core.warning,
        github: octokit && !inputs.dryRun ? { octokit, token: inputs.githubToken } : undefined,
        runnerOptions: { identity, installs },
        commandIdentity: identity ? { runAs: identity.runAs, env: identity.env } : undefined,
        checkout,
      });
      return await reportRelay(execution, redactor);
    }
    if (route.pipeline === 'persona-data') {
      const personas = config.pipelines['persona-data'].personas.map((p) => `${p.name} (${p.agent})`);
      core.info(`Running persona-data on ${route.issue.repository}#${route.issue.number} (${route.trigger}, by ${route.sender.login}) with ${personas.join(', ')}.`);
      const execution = await executePersonas({
        ctx,
        config,
        issue: route.issue,
        reporter,
        redactor,
        workingDirectory,
        dir,
        env: process.env,
        signal: controller.signal,
        warn: core.warning,
        identity,
        installs,
        workspace: ctx.workspace,
        upload: (name, files, rootDirectory) => uploadWorkflowArtifact({ name, files, rootDirectory, env: process.env, runUrl: ctx.runUrl, log: core.info }),
      });
      return await reportPersonas(execution, redactor);
    }
    const review = config.pipelines['ai-review'];
    core.info(`Running ai-review on ${route.issue.repository}#${route.issue.number} (${route.trigger}, by ${route.sender.login}) with ${review.agents.join(', ')}; reviewer ${review.reviewer}.`);
    const { outcome, resultFile, summary } = await executeReview({
      ctx,
      config,
      issue: route.issue,
      reporter,
      redactor,
      workingDirectory,
      dir,
      env: process.env,
      signal: controller.signal,
      warn: core.warning,
      identity,
      installs,
      pacing: reporter instanceof GitHubReporter ? pacingFor(Number(process.env.AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS || DEFAULT_WRITE_INTERVAL_MS)) : undefined,
    });
    setOutputs(route.pipeline, outcome.status === 'success' ? 'success' : 'failure', resultFile);
    await writeJobSummary(summary, redactor);
    if (outcome.status !== 'success') core.setFailed(redactor.redact(outcome.error ?? `ai-review ended with status ${outcome.status}`));
  } catch (error) {
    core.setOutput('status', 'failure');
    core.setFailed(error instanceof Error ? error.message : String(error));
  } finally {
    if (keepRecord && writtenResultFile) await keepRecord();
    stopListening();
    // A daemon an agent started with setsid would outlive the job (on a self-hosted runner, into later jobs).
    sweepAllLeftovers();
  }
}
