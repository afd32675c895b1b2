#!/usr/bin/env node
// The local runner: `ai-orchestra-action run --event payload.json [--dry-run]`, the same pipelines with a local or GitHub sink.
import { join, resolve } from 'node:path';
import { describeMissing, findMissingPrograms } from './agents/preflight.js';
import { secretsGivenToAgents } from './agents/runner.js';
import { parseCommandLine, RUN_USAGE, type RunArgs } from './cli/args.js';
import {
  checkLabel,
  checkRepositoryAgrees,
  FlagError,
  payloadFromFlags,
  writePayloadFile,
} from './cli/event-from-flags.js';
import { ConfigError, loadConfig } from './config/load.js';
import { dashboardCommand } from './dashboard/command.js';
import { keepLocally } from './dataset/file-sink.js';
import { loadRunContext, routeEvent } from './event.js';
import { gitHubAccess } from './github/access.js';
import { apiBaseUrl, createOctokit, gitHubClients } from './github/client.js';
import { DEFAULT_CONFIG_PATH, readTuning } from './inputs.js';
import { systemClock } from './kernel/clock.js';
import { execute, runDirectory } from './kernel/execute.js';
import { terminalLogger } from './kernel/logger.js';
import { routeLookups } from './kernel/lookups.js';
import { agentsOf } from './kernel/prepare.js';
import { TerminalProgress } from './log/progress.js';
import { pipelineNamed } from './pipelines/index.js';
import { checkWorkingDirectory, FolderError, prepareOutFolder } from './preflight/folders.js';
import { checkGitHubAccess, GitHubAccessError } from './preflight/github-access.js';
import { emptyIssueReason } from './preflight/issue-text.js';
import { killAllRunning } from './process/run-process.js';
import { datasetCollectCommand } from './records/dataset-collect.js';
import { loadMarkdownParser } from './security/markdown-tree.js';
import { redactorFor } from './security/redact.js';
import { folderSessionBackend } from './sessions/store.js';
import { GitHubReporter } from './sinks/github.js';
import { LocalReporter } from './sinks/local.js';
import { validateDatasetCommand } from './validate-dataset.js';

/** What `--version` prints: the package's version, set by the bundle. */
declare const AI_ORCHESTRA_VERSION: string | undefined;
const VERSION = typeof AI_ORCHESTRA_VERSION === 'string' ? AI_ORCHESTRA_VERSION : 'development';

/** Errors a user fixes on the command line or in their set-up: one line, exit 2, no stack. */
const SETUP_ERRORS = [FlagError, FolderError, GitHubAccessError, ConfigError];

async function main(argv: string[]): Promise<number> {
  await loadMarkdownParser();
  const parsed = parseCommandLine(argv);
  switch (parsed.kind) {
    case 'validate-dataset':
      return validateDatasetCommand(parsed.argv);
    case 'dashboard':
      return dashboardCommand(parsed.argv);
    case 'dataset-collect':
      return datasetCollectCommand(parsed.argv);
    case 'help':
      console.log(RUN_USAGE);
      return 0;
    case 'version':
      console.log(`ai-orchestra-action ${VERSION}`);
      return 0;
    case 'usage-error':
      console.error(`ai-orchestra-action: ${parsed.message}\nRun "ai-orchestra-action --help" for the options.`);
      return 2;
  }
  try {
    return await runLocally(parsed.args);
  } catch (error) {
    if (SETUP_ERRORS.some((kind) => error instanceof kind)) {
      console.error(`ai-orchestra-action: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}

async function runLocally(values: RunArgs): Promise<number> {
  const dryRun = values.dryRun;
  const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN ?? '';
  if (!dryRun && !token) {
    console.error('GITHUB_TOKEN is not set. Set it to post to GitHub, or add --dry-run to write the comments locally.');
    return 2;
  }
  const workingDirectory = checkWorkingDirectory(values.workingDirectory ?? '.');
  const configFile = resolve(values.config ?? DEFAULT_CONFIG_PATH);
  const config = await loadConfig(configFile, { required: values.config !== undefined });
  let eventPath = values.event && resolve(values.event);
  if (!eventPath) {
    checkLabel(values.flags.label ?? '', config);
    eventPath = writePayloadFile(payloadFromFlags(values.flags, process.env.USER || 'local-user'));
  }
  const ctx = loadRunContext({ ...process.env, GITHUB_WORKSPACE: process.cwd() }, { eventPath });
  checkRepositoryAgrees(
    process.env.GITHUB_REPOSITORY,
    (ctx.payload.repository as { full_name?: unknown } | undefined)?.full_name,
  );
  // Agent starts and ends go to the kernel logger's hooks, which draw them on stderr with a heartbeat on a TTY.
  const progress = new TerminalProgress((line) => process.stderr.write(`${line}\n`), {
    tty: process.stderr.isTTY === true,
  });
  const log = terminalLogger(undefined, {
    agentStarted: (event) => progress.started(event),
    agentFinished: (event) => progress.finished(event.run),
  });
  const clients = token ? gitHubClients(token, readTuning(process.env), log) : undefined;
  const route = await routeEvent(ctx, config, clients && routeLookups(clients, ctx));
  if (route.kind === 'skip') {
    console.log(`Nothing to do: ${route.reason}.`);
    return 0;
  }
  const empty = emptyIssueReason(route.issue, config.settings.allowEmptyIssue ?? false);
  if (empty) {
    console.log(`Nothing to do: ${empty}.`);
    return 0;
  }
  const definition = pipelineNamed(route.pipeline);
  const agents = agentsOf(definition, config);
  const missing = findMissingPrograms(agents, process.env.PATH ?? '');
  if (missing.length === agents.length) {
    console.error(`None of the AI CLIs this run needs is installed:\n${describeMissing(missing)}`);
    return 3;
  }
  if (missing.length > 0) console.error(`Warning: these agents will fail:\n${describeMissing(missing)}`);
  const out = prepareOutFolder(values.out ?? '.ai-orchestra');
  if (!dryRun)
    await checkGitHubAccess(
      createOctokit(token, { requestTimeoutMs: 10_000, maxRateLimitRetries: 0, unthrottled: true }),
      { owner: ctx.owner, repo: ctx.repo },
      apiBaseUrl(),
    );

  const redactor = redactorFor(token, process.env, secretsGivenToAgents(Object.values(config.agents), process.env));
  const dir = runDirectory(out, ctx, route.issue.number);
  const marker = { runId: ctx.runId, pipeline: route.pipeline };
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const onGitHub = !dryRun && clients !== undefined;
  const access = clients && gitHubAccess(clients.octokit, repo, { serverUrl: ctx.serverUrl, token }, redactor, log);
  const sink = onGitHub
    ? new GitHubReporter(clients.octokit, { ...repo, number: route.issue.number }, marker, redactor, { log })
    : new LocalReporter(join(dir, 'comments'), marker, redactor, (text) => console.log(text));
  const controller = new AbortController();
  const interruption = interruptOnCtrlC(controller);
  // Locally the relay's agents edit a copy of --working-directory; it pushes and opens a pull request only without --dry-run.
  const { outcome, resultFile, localReport } = await execute(
    definition,
    {
      ctx,
      config,
      log,
      clock: systemClock,
      redactor,
      sink,
      dir,
      root: process.cwd(),
      workingDirectory,
      env: process.env,
      signal: controller.signal,
      github: onGitHub ? access : undefined,
      // --dry-run posts nothing but may read what it works on (a pull request's diff) when there is a token.
      githubReads: access,
      artifacts: { publish: keepLocally },
      configFile,
      sessionBackend: folderSessionBackend(join(out, 'sessions')),
      mentionStarter: false,
    },
    route,
  );
  const details = `${localReport.map((line) => `\n${line}`).join('')}\nresult: ${resultFile}`;
  console.error(`\n${progress.close()}`);
  if (interruption.interrupted) {
    // The kernel calls an abort "cancelled"; after Ctrl-C the person is told "interrupted" and gets exit 130.
    console.log(`\n${route.pipeline} interrupted${details}`);
    console.error('Interrupted: every agent was stopped; what finished is in the result file.');
    return 130;
  }
  console.log(`\n${route.pipeline} ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}${details}`);
  return outcome.status === 'success' ? 0 : 1;
}

/** Ctrl-C stops every agent and ends the run as "interrupted" (exit 130); a second Ctrl-C kills them at once. */
function interruptOnCtrlC(controller: AbortController): { interrupted: boolean } {
  const state = { interrupted: false };
  process.on('SIGINT', () => {
    if (state.interrupted) {
      killAllRunning('SIGKILL');
      process.exit(130);
    }
    state.interrupted = true;
    process.stderr.write('\nInterrupted: stopping every agent (Ctrl-C again to kill them at once)...\n');
    controller.abort();
  });
  return state;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
