#!/usr/bin/env node
// The local runner: `ai-orchestra-action run --event payload.json [--dry-run]`, the same pipelines with a local or GitHub sink.
import { join, resolve } from 'node:path';
import { secretsGivenToAgents } from './agents/runner.js';
import { describeMissing, findMissingPrograms } from './agents/preflight.js';
import { parseCommandLine, RUN_USAGE, type RunArgs } from './cli/args.js';
import { checkLabel, FlagError, payloadFromFlags, writePayloadFile } from './cli/event-from-flags.js';
import { ConfigError, loadConfig } from './config/load.js';
import { pipelineAgentNames } from './config/pipeline-agents.js';
import { keepLocally } from './dataset/file-sink.js';
import { loadRunContext, routeEvent } from './event.js';
import { createOctokit } from './github/client.js';
import { fetchIssue } from './github/issues.js';
import { GitHubReporter } from './github/reporter.js';
import { DEFAULT_CONFIG_PATH } from './inputs.js';
import { executePersonas, executeReview, runDirectory } from './orchestrate.js';
import { executeRelay } from './orchestrate-relay.js';
import { terminalLog, useLogger } from './log/logger.js';
import { TerminalProgress } from './log/progress.js';
import { checkWorkingDirectory, FolderError, prepareOutFolder } from './preflight/folders.js';
import { checkGitHubAccess, GitHubAccessError } from './preflight/github-access.js';
import { emptyIssueReason } from './preflight/issue-text.js';
import { killAllRunning } from './process/run-process.js';
import { LocalReporter } from './report/local-reporter.js';
import { starterToMention } from './report/status-comment.js';
import { redactorFor } from './security/redact.js';
import { validateDatasetCommand } from './validate-dataset.js';

/** What `--version` prints: the package's version, set by the bundle. */
declare const AI_ORCHESTRA_VERSION: string | undefined;
const VERSION = typeof AI_ORCHESTRA_VERSION === 'string' ? AI_ORCHESTRA_VERSION : 'development';

/** Errors a user fixes on the command line or in their set-up: one line, exit 2, no stack. */
const SETUP_ERRORS = [FlagError, FolderError, GitHubAccessError, ConfigError];

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  switch (parsed.kind) {
    case 'validate-dataset':
      return validateDatasetCommand(parsed.argv);
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
  useLogger(terminalLog());
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
  const config = loadConfig(resolve(values.config ?? DEFAULT_CONFIG_PATH), { required: values.config !== undefined });
  let eventPath = values.event && resolve(values.event);
  if (!eventPath) {
    checkLabel(values.flags.label ?? '', config);
    eventPath = writePayloadFile(payloadFromFlags(values.flags, process.env.USER || 'local-user'));
  }
  const ctx = loadRunContext({ ...process.env, GITHUB_WORKSPACE: process.cwd() }, { eventPath });
  const route = await routeEvent(ctx, config, token ? (number) => fetchIssue(createOctokit(token, { requestTimeoutMs: 30_000, maxRateLimitRetries: 3 }), { owner: ctx.owner, repo: ctx.repo }, number) : undefined);
  if (route.kind === 'skip') {
    console.log(`Nothing to do: ${route.reason}.`);
    return 0;
  }
  const empty = emptyIssueReason(route.issue, config.settings.allowEmptyIssue);
  if (empty) {
    console.log(`Nothing to do: ${empty}.`);
    return 0;
  }
  const agents = pipelineAgentNames(config, route.pipeline).map((name) => config.agents[name]!);
  const missing = findMissingPrograms(agents, process.env.PATH ?? '');
  if (missing.length === agents.length) {
    console.error(`None of the AI CLIs this run needs is installed:\n${describeMissing(missing)}`);
    return 3;
  }
  if (missing.length > 0) console.error(`Warning: these agents will fail:\n${describeMissing(missing)}`);
  const out = prepareOutFolder(values.out ?? '.ai-orchestra');
  if (!dryRun) await checkGitHubAccess(createOctokit(token, { requestTimeoutMs: 10_000, maxRateLimitRetries: 0, unthrottled: true }), { owner: ctx.owner, repo: ctx.repo }, process.env.GITHUB_API_URL ?? 'https://api.github.com');

  const redactor = redactorFor(token, process.env, secretsGivenToAgents(Object.values(config.agents), process.env));
  const dir = runDirectory(out, ctx, route.issue.number);
  const marker = { runId: ctx.runId, pipeline: route.pipeline };
  const reporter = dryRun
    ? new LocalReporter(join(dir, 'comments'), marker, redactor, (text) => console.log(text))
    : new GitHubReporter(createOctokit(token, { requestTimeoutMs: 30_000, maxRateLimitRetries: 3 }), { owner: ctx.owner, repo: ctx.repo, number: route.issue.number }, marker, redactor);
  // A payload's sender is a GitHub login; a local user name from --label runs is not, and is never mentioned.
  const startedBy = values.event ? starterToMention(route.sender) : undefined;
  const controller = new AbortController();
  const interruption = interruptOnCtrlC(controller);
  const progress = new TerminalProgress((line) => process.stderr.write(`${line}\n`), { tty: process.stderr.isTTY === true });
  /** The closing table, then the outcome line: "interrupted" after Ctrl-C (the pipelines call an abort "cancelled"). */
  const finish = (pipeline: string, outcome: { status: string; error?: string }, details: string): number => {
    console.error(`\n${progress.close()}`);
    if (interruption.interrupted) {
      console.log(`\n${pipeline} interrupted${details}`);
      console.error('Interrupted: every agent was stopped; what finished is in the result file.');
      return 130;
    }
    console.log(`\n${pipeline} ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}${details}`);
    return outcome.status === 'success' ? 0 : 1;
  };
  if (route.pipeline === 'relay-pipeline') {
    // Locally the relay's agents edit a copy of --working-directory; it pushes and opens a pull request only without --dry-run.
    const relay = await executeRelay({
      ctx,
      config,
      issue: route.issue,
      reporter,
      redactor,
      workingDirectory,
      progress,
      dir,
      env: process.env,
      signal: controller.signal,
      warn: (m) => console.error(`Warning: ${m}`),
      configFile: resolve(values.config ?? DEFAULT_CONFIG_PATH),
      github: dryRun ? undefined : { octokit: createOctokit(token, { requestTimeoutMs: 30_000, maxRateLimitRetries: 3 }), token },
      startedBy,
    });
    const where = relay.prUrl ? `\npull request: ${relay.prUrl}` : relay.branch ? `\nbranch: ${relay.branch}` : '';
    return finish('relay-pipeline', relay.outcome, `${where}\nresult: ${relay.resultFile}`);
  }
  if (route.pipeline === 'persona-data') {
    const { outcome, resultFile, datasetDir } = await executePersonas({
      ctx,
      config,
      issue: route.issue,
      reporter,
      redactor,
      workingDirectory,
      progress,
      dir,
      env: process.env,
      signal: controller.signal,
      warn: (m) => console.error(`Warning: ${m}`),
      workspace: process.cwd(),
      upload: keepLocally,
      startedBy,
    });
    return finish('persona-data', outcome, `\ndatasets: ${datasetDir}\nresult: ${resultFile}`);
  }
  const { outcome, resultFile } = await executeReview({
    ctx,
    config,
    issue: route.issue,
    reporter,
    redactor,
    workingDirectory,
    progress,
    startedBy,
    dir,
    env: process.env,
    signal: controller.signal,
    warn: (m) => console.error(`Warning: ${m}`),
  });
  return finish('ai-review', outcome, `\nresult: ${resultFile}`);
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
