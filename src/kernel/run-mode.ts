// Run mode once the trigger is authorized: choose the agents, prepare the workspace, isolate the agents, claim the issue,
// install the CLIs, execute the pipeline and report. Imported while the permission is checked (see main.ts).
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import type { Config } from '../config/schema.js';
import type { Route, RunContext } from '../event.js';
import { gitHubAccess } from '../github/access.js';
import { uploadWorkflowArtifact } from '../github/artifact.js';
import { DEFAULT_WRITE_INTERVAL_MS, type GitHubClients } from '../github/client.js';
import type { ApiComment } from '../github/comments.js';
import type { Inputs } from '../inputs.js';
import type { ActionsProgress } from '../log/progress.js';
import { DEFAULT_RECORDS_BRANCH, RECORDS_DIR, readFolder } from '../records/github-store.js';
import { logUntrusted } from '../security/log.js';
import type { Redactor } from '../security/redact.js';
import { actionsCacheAvailable, actionsCacheSessionBackend } from '../sessions/actions-cache.js';
import { folderSessionBackend } from '../sessions/store.js';
import { LocalReporter } from '../sinks/local.js';
import { pacingFor } from '../sinks/pacing.js';
import { afterClaim, claimIssueInTurn } from './claim-gate.js';
import { systemClock } from './clock.js';
import type { AnyPipelineDefinition, ArtifactPublisher, Logger } from './definition.js';
import { execute, runDirectory } from './execute.js';
import { reportExecution, setOutputs } from './outputs.js';
import {
  accessOf,
  agentsOf,
  gitHubSink,
  installClis,
  isolateAgents,
  prepareWorkspaceOf,
  staleAfterMsOf,
} from './prepare.js';

/** A run past its trigger's permission check: what main.ts hands to run mode or to a matrix job. */
export interface AuthorizedRun {
  inputs: Inputs;
  ctx: RunContext;
  config: Config;
  route: Extract<Route, { kind: 'run' }>;
  definition: AnyPipelineDefinition;
  redactor: Redactor;
  clients: GitHubClients | undefined;
  /** The claim's first listing of the comments, already on its way (absent in a dry run). */
  firstListing: Promise<ApiComment[]> | undefined;
  signal: AbortSignal;
  log: Logger;
}

export async function runClaimed({
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
  progress,
}: AuthorizedRun & { progress: ActionsProgress }): Promise<void> {
  const repo = { owner: ctx.owner, repo: ctx.repo };
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
}
