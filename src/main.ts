// The action's front end: read inputs and event, route it, authorize, and hand the pipeline's definition to the kernel.

import { resolve } from 'node:path';
import * as core from '@actions/core';
import { secretsGivenToAgents } from './agents/runner.js';
import { loadConfig } from './config/load.js';
import { routeEvent } from './event.js';
import { gitHubClients } from './github/client.js';
import { listIssueComments } from './github/comments.js';
import { checkTriggerPermission } from './github/permissions.js';
import { readInputs } from './inputs.js';
import type { Begun } from './kernel/early-reads.js';
import { actionLogger } from './kernel/logger.js';
import { routeLookups } from './kernel/lookups.js';
import { lastResultFile, setOutputs } from './kernel/outputs.js';
import { ActionsProgress } from './log/progress.js';
import { pipelineNamed } from './pipelines/index.js';
import { emptyIssueReason } from './preflight/issue-text.js';
import { killAllRunning, sweepAllLeftovers } from './process/run-process.js';
import { DEFAULT_RECORDS_BRANCH } from './records/github-store.js';
import { recordId } from './records/record.js';
import { runContextFor } from './run-context.js';
import { logUntrusted } from './security/log.js';
import { loadMarkdownParser } from './security/markdown-tree.js';
import { redactorFor } from './security/redact.js';

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

/** `begun`: what the entry point already read and sent (kernel/early-reads.ts); without it, run reads everything. */
export async function run(begun?: Begun): Promise<void> {
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
    const inputs = begun?.inputs ?? readInputs();
    const ctx = begun?.ctx ?? runContextFor(inputs);
    if (inputs.mode === 'dashboard') {
      const { octokit } = gitHubClients(inputs.githubToken, inputs.tuning);
      const at = { owner: ctx.owner, repo: ctx.repo, branch: inputs.recordsBranch ?? DEFAULT_RECORDS_BRANCH };
      // The dashboard's own code (its page, charts and number formats) loads only in this mode.
      const { buildDashboardFromBranch } = await import('./dashboard/action-job.js');
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
    const config = await loadConfig(resolve(ctx.workspace, inputs.configPath), { required: inputs.configRequired });
    const early = begun?.early;
    const clients =
      early?.clients ?? (inputs.githubToken ? gitHubClients(inputs.githubToken, inputs.tuning) : undefined);
    const route = await routeEvent(ctx, config, clients && routeLookups(clients, ctx));
    // plan's matrix is empty whenever it is not going ahead, so the unit and finalize jobs are skipped.
    if (inputs.mode === 'plan') core.setOutput('matrix', '[]');
    if (route.kind === 'skip') {
      log.info(`Nothing to do: ${route.reason}.`);
      return setOutputs('none', 'skipped');
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
      keepRecord = async () =>
        (await import('./records/keep.js')).keepRecordIfConfigured({
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
        ? (early?.listing(route.issue.number) ??
          listIssueComments(clients.octokit, { ...repo, number: route.issue.number }))
        : undefined;
    firstListing?.catch(() => undefined);
    const checking =
      clients &&
      (early?.permission(route.sender) ??
        checkTriggerPermission(clients.octokit, repo, route.sender, inputs.allowedBots));
    checking?.catch(() => undefined);
    // The Markdown parser and the pipeline's own code load while the permission (and the listing) are on their way:
    // once both requests are on the wire, or compiling them would hold the requests back.
    await clients?.onWire();
    const pipelineCode = definition.load?.();
    pipelineCode?.catch(() => undefined);
    const runMode = import('./kernel/run-mode.js');
    runMode.catch(() => undefined);
    await loadMarkdownParser();
    const empty = emptyIssueReason(route.issue, config.settings.allowEmptyIssue ?? false);
    if (empty) {
      core.notice(`Not running ${route.pipeline}: ${empty}.`);
      return setOutputs(route.pipeline, 'skipped');
    }
    if (checking) {
      const verdict = await checking;
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
    const authorized = { inputs, ctx, config, route, definition, redactor, clients, firstListing, signal, log };
    if (inputs.mode !== 'run') {
      if (!clients) throw new Error(`mode ${inputs.mode} needs the github-token input.`);
      const { runMatrixJob } = await import('./kernel/matrix/jobs.js');
      return await runMatrixJob({ ...authorized, clients });
    }
    await (await runMode).runClaimed({ ...authorized, progress });
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
