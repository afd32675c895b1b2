// The action's front end: read inputs and event, route it, authorize, and hand the pipeline's definition to the kernel.

import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { secretsGivenToAgents } from './agents/runner.js';
import { loadConfig } from './config/load.js';
import { buildDashboardFromBranch } from './dashboard/action-job.js';
import { loadRunContext, routeEvent } from './event.js';
import { gitHubAccess } from './github/access.js';
import { uploadWorkflowArtifact } from './github/artifact.js';
import { DEFAULT_WRITE_INTERVAL_MS, gitHubClients } from './github/client.js';
import { listIssueComments } from './github/comments.js';
import { checkTriggerPermission } from './github/permissions.js';
import { readInputs } from './inputs.js';
import { afterClaim, claimIssueInTurn } from './kernel/claim-gate.js';
import { systemClock } from './kernel/clock.js';
import type { ArtifactPublisher } from './kernel/definition.js';
import { execute, runDirectory } from './kernel/execute.js';
import { actionLogger } from './kernel/logger.js';
import { runMatrixJob } from './kernel/matrix/jobs.js';
import { lastResultFile, reportExecution, setOutputs } from './kernel/outputs.js';
import {
  accessOf,
  agentsOf,
  gitHubSink,
  installClis,
  isolateAgents,
  prepareWorkspaceOf,
  routeLookups,
  staleAfterMsOf,
} from './kernel/prepare.js';
import { ActionsProgress } from './log/progress.js';
import { pipelineNamed } from './pipelines/index.js';
import { emptyIssueReason } from './preflight/issue-text.js';
import { killAllRunning, sweepAllLeftovers } from './process/run-process.js';
import { DEFAULT_RECORDS_BRANCH, RECORDS_DIR, readFolder } from './records/github-store.js';
import { keepRecordIfConfigured } from './records/keep.js';
import { recordId } from './records/record.js';
import { logUntrusted } from './security/log.js';
import { redactorFor } from './security/redact.js';
import { actionsCacheAvailable, actionsCacheSessionBackend } from './sessions/actions-cache.js';
import { folderSessionBackend } from './sessions/store.js';
import { LocalReporter } from './sinks/local.js';
import { pacingFor } from './sinks/pacing.js';

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

export async function run(): Promise<void> {
  const controller = new AbortController();
  const stopListening = cancelOnSignals(controller);
  // Each agent's start and end (its output tail folded in a group) go to the Actions log through the logger's hooks.
  const progress = new ActionsProgress(
    { info: core.info, startGroup: core.startGroup, endGroup: core.endGroup },
    logUntrusted,
  );
  const log = actionLogger({
    agentStarted: (event) => progress.started(event),
    agentFinished: (event) => progress.finished(event.run),
  });
  const signal = controller.signal;
  let keepRecord: (() => Promise<void>) | undefined;
  try {
    const inputs = readInputs();
    const override = inputs.eventOverride;
    const ctx = override
      ? loadRunContext({ ...process.env, GITHUB_EVENT_NAME: override.eventName }, { eventPath: override.eventPath })
      : loadRunContext(process.env);
    if (inputs.mode === 'dashboard') {
      const { octokit } = gitHubClients(inputs.githubToken, inputs.tuning);
      const at = { owner: ctx.owner, repo: ctx.repo, branch: inputs.recordsBranch ?? DEFAULT_RECORDS_BRANCH };
      const built = await buildDashboardFromBranch({
        octokit,
        at,
        outDir: resolve(ctx.workspace, inputs.dashboardDir),
        now: new Date(),
      });
      log.info(
        `Dashboard: ${built.records} records from ${at.branch} → ${built.file}${built.skipped ? ` (${built.skipped} unreadable lines skipped)` : ''}.`,
      );
      return core.setOutput('dashboard-file', built.file);
    }
    const config = loadConfig(resolve(ctx.workspace, inputs.configPath), { required: inputs.configRequired });
    const clients = inputs.githubToken ? gitHubClients(inputs.githubToken, inputs.tuning) : undefined;
    const route = await routeEvent(ctx, config, clients && routeLookups(clients, ctx));
    // plan's matrix is empty whenever it is not going ahead, so the unit and finalize jobs are skipped.
    if (inputs.mode === 'plan') core.setOutput('matrix', '[]');
    if (route.kind === 'skip') {
      log.info(`Nothing to do: ${route.reason}.`);
      return setOutputs('none', 'skipped');
    }
    const empty = emptyIssueReason(route.issue, config.settings.allowEmptyIssue ?? false);
    if (empty) {
      core.notice(`Not running ${route.pipeline}: ${empty}.`);
      return setOutputs(route.pipeline, 'skipped');
    }
    const definition = pipelineNamed(route.pipeline);
    const redactor = redactorFor(
      inputs.githubToken,
      process.env,
      secretsGivenToAgents(Object.values(config.agents), process.env),
    );
    for (const value of redactor.knownValues) core.setSecret(value);
    const repo = { owner: ctx.owner, repo: ctx.repo };
    if (clients && !inputs.dryRun && (inputs.mode === 'run' || inputs.mode === 'finalize')) {
      const id = recordId(route.issue.repository, ctx.runId, ctx.runAttempt, route.issue.number);
      keepRecord = () =>
        keepRecordIfConfigured({
          octokit: clients.octokit,
          ...repo,
          branch: inputs.recordsBranch,
          resultFile: lastResultFile(),
          id,
          redactor,
          info: core.info,
          warn: core.warning,
        });
    }
    // The claim's first read, read-only: listed while the permission is checked rather than after (one round trip less).
    const firstListing =
      clients && !inputs.dryRun
        ? listIssueComments(clients.octokit, { ...repo, number: route.issue.number })
        : undefined;
    firstListing?.catch(() => undefined);
    if (clients) {
      const verdict = await checkTriggerPermission(clients.octokit, repo, route.sender, inputs.allowedBots);
      if (!verdict.allowed) {
        // Still refused, but a look-up that failed is not a quiet "no": the step fails, so the job is not green.
        if (verdict.lookupFailed) {
          core.setFailed(
            `Not running ${route.pipeline} on #${route.issue.number}: ${verdict.reason}. Nothing was posted; re-run the job once GitHub answers.`,
          );
          return setOutputs(route.pipeline, 'failure');
        }
        log.warning(`Not running ${route.pipeline} on #${route.issue.number}: ${verdict.reason}.`);
        return setOutputs(route.pipeline, 'skipped');
      }
      log.info(`Permission: ${verdict.reason}.`);
    }
    if (inputs.mode !== 'run') {
      if (!clients) throw new Error(`mode ${inputs.mode} needs the github-token input.`);
      return await runMatrixJob({
        inputs,
        ctx,
        config,
        route,
        definition,
        redactor,
        clients,
        firstListing,
        signal,
        log,
      });
    }
    if (definition.chooseAgents && clients) {
      const at = { ...repo, branch: inputs.recordsBranch ?? DEFAULT_RECORDS_BRANCH };
      const lines = async (): Promise<string[]> =>
        (await readFolder(clients.octokit, at, RECORDS_DIR)).flatMap((f) => f.text.split('\n'));
      const part = config.pipelines[definition.name];
      config.pipelines[definition.name] = await definition.chooseAgents(part, {
        recordsBranch: at.branch,
        readRecordLines: lines,
        runId: ctx.runId,
        warn: log.warning,
      });
    }
    const dir = runDirectory(join(ctx.runnerTemp, 'ai-orchestra'), ctx, route.issue.number);
    const configFile = resolve(ctx.workspace, inputs.configPath);
    // A pipeline's own workspace (the relay: a copy of the checkout without .git) comes first: agent-user gets access to it alone.
    const prepared = await prepareWorkspaceOf(definition, {
      config,
      workingDirectory: resolve(ctx.workspace, inputs.workingDirectory ?? '.'),
      dir,
      signal,
      configFile,
    });
    const { identity, workingDirectory } = await isolateAgents(definition, {
      config,
      ctx,
      setup: inputs,
      dir,
      log,
      agentDirectory: prepared && !(prepared instanceof Error) ? prepared.agentDirectory : undefined,
    });
    const onGitHub = clients !== undefined && !inputs.dryRun;
    const access =
      clients && gitHubAccess(clients.octokit, repo, { serverUrl: ctx.serverUrl, token: inputs.githubToken }, redactor);
    const github = onGitHub
      ? gitHubSink(clients, {
          ctx,
          number: route.issue.number,
          pipeline: route.pipeline,
          redactor,
          firstListing,
          signal,
        })
      : undefined;
    const sink =
      github ??
      new LocalReporter(join(dir, 'comments'), { runId: ctx.runId, pipeline: route.pipeline }, redactor, (text) =>
        logUntrusted(core.info, text),
      );
    const standDown = (reason: string): void => {
      log.warning(`Not running ${route.pipeline} on #${route.issue.number}: ${reason}.`);
      setOutputs(route.pipeline, 'skipped');
    };
    const artifacts: ArtifactPublisher = {
      publish: (name, files, rootDirectory) =>
        uploadWorkflowArtifact({ name, files, rootDirectory, env: process.env, runUrl: ctx.runUrl, log: core.info }),
    };
    const waitForClaim = inputs.install || accessOf(definition, config) === 'write';
    const staleAfterMs = staleAfterMsOf(definition, config);
    const pollMs = inputs.tuning.turnPollMs;
    const claim = github
      ? await claimIssueInTurn(
          github,
          { staleAfterMs, runUrl: ctx.runUrl },
          { sink, github: access, artifacts, signal },
          waitForClaim,
          // Waiting longer than the other run's lock can last is pointless: by then it is stale.
          definition.waitsForTurn
            ? { pollMs, attempts: Math.ceil(staleAfterMs / pollMs) + 1, log: (m) => log.info(m) }
            : undefined,
        )
      : undefined;
    if (claim && 'standDown' in claim) {
      if (prepared && !(prepared instanceof Error)) await prepared.close();
      return standDown(claim.standDown);
    }
    const gate = claim?.gate;
    const installs = await installClis(agentsOf(definition, config), {
      setup: inputs,
      dir,
      env: process.env,
      signal,
      log,
    });
    log.info(
      `Running ${route.pipeline} on ${route.issue.repository}#${route.issue.number} (${route.trigger}, by ${route.sender.login})${definition.describe?.(config.pipelines[definition.name]) ?? ''}.`,
    );
    const running = execute(
      definition,
      {
        ctx,
        config,
        log,
        clock: systemClock,
        redactor,
        sink: gate?.sink ?? sink,
        dir,
        root: ctx.workspace,
        workingDirectory,
        env: process.env,
        signal: gate?.signal ?? signal,
        identity,
        installs,
        // Present on GitHub only (not in a dry run): its writes wait for the claim.
        github: gate?.github,
        // A dry run posts nothing but may read what it works on.
        githubReads: access,
        artifacts: gate?.artifacts ?? artifacts,
        pacing: onGitHub ? pacingFor(inputs.tuning.minWriteIntervalMs ?? DEFAULT_WRITE_INTERVAL_MS) : undefined,
        prepared,
        configFile,
        // Sessions for follow-up questions: the job's Actions cache where there is one, else a folder of this runner.
        sessionBackend: actionsCacheAvailable(process.env)
          ? actionsCacheSessionBackend(join(ctx.runnerTemp, 'ai-orchestra-session-entries'))
          : folderSessionBackend(join(ctx.runnerTemp, 'ai-orchestra', 'sessions')),
      },
      route,
    );
    const claimed = await afterClaim(gate, running);
    if (!claimed.claimed) return standDown(claimed.reason);
    const execution = claimed.value;
    core.info(progress.summaryLine(route.pipeline, execution.outcome.status));
    await reportExecution(definition, execution, redactor);
  } catch (error) {
    core.setOutput('status', 'failure');
    core.setFailed(error instanceof Error ? error.message : String(error));
  } finally {
    if (keepRecord && lastResultFile()) await keepRecord();
    stopListening();
    // A daemon an agent started with setsid would outlive the job (on a self-hosted runner, into later jobs).
    sweepAllLeftovers();
  }
}
