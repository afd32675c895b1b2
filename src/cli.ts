#!/usr/bin/env node
// The local runner: `ai-orchestra-action run --event payload.json [--dry-run]`, the same pipelines with a local or GitHub sink.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeMissing, findMissingPrograms } from './agents/preflight.js';
import { secretsGivenToAgents } from './agents/runner.js';
import { loadConfig } from './config/load.js';
import { keepLocally } from './dataset/file-sink.js';
import { loadRunContext, routeEvent } from './event.js';
import { gitHubAccess } from './github/access.js';
import { gitHubClients } from './github/client.js';
import { DEFAULT_CONFIG_PATH, readTuning } from './inputs.js';
import { systemClock } from './kernel/clock.js';
import { execute, runDirectory } from './kernel/execute.js';
import { terminalLogger } from './kernel/logger.js';
import { agentsOf, routeLookups } from './kernel/prepare.js';
import { pipelineNamed } from './pipelines/index.js';
import { redactorFor } from './security/redact.js';
import { GitHubReporter } from './sinks/github.js';
import { LocalReporter } from './sinks/local.js';
import { validateDatasetCommand } from './validate-dataset.js';
import { dashboardCommand } from './dashboard/command.js';
import { datasetCollectCommand } from './records/dataset-collect.js';

const USAGE = `Usage: ai-orchestra-action run --event <payload.json> [--config <file>] [--dry-run] [--working-directory <dir>] [--out <dir>]
       ai-orchestra-action validate-dataset <file.jsonl> --format <openai-chat|trl-sft|dpo>   (see validate-dataset --help)
       ai-orchestra-action dashboard --records <dir>... [--out <dir>]   (see dashboard --help)
       ai-orchestra-action dataset collect --records <dir>... [--out <dir>]   (see dataset collect --help)

  --event              an issues.labeled webhook payload (JSON)
  --config             config file (default: ${DEFAULT_CONFIG_PATH} if present, else built-in defaults)
  --dry-run            post nothing: comments are printed and written to --out; no token needed
  --working-directory  where the agents run (default: the current folder)
  --out                folder for comments, logs and result.json (default: .ai-orchestra/)

Without --dry-run, GITHUB_TOKEN must be set; comments are posted to the issue in the payload.
persona-data writes its datasets to the config's output-dir below the current folder (no artifact upload locally).
relay-pipeline's agents edit a copy of --working-directory (a git checkout), which stays as it was; their change
is committed on the local branch ai-orchestra/issue-<n> and written to <out>/<run>/changes.patch; without
--dry-run the branch is also pushed to origin and a pull request opened.`;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'validate-dataset') return validateDatasetCommand(argv.slice(1));
  if (argv[0] === 'dashboard') return dashboardCommand(argv.slice(1));
  if (argv[0] === 'dataset' && argv[1] === 'collect') return datasetCollectCommand(argv.slice(2));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      event: { type: 'string' },
      config: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'working-directory': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals[0] !== 'run' || !values.event) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const dryRun = values['dry-run'] ?? false;
  const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN ?? '';
  if (!dryRun && !token) {
    console.error('GITHUB_TOKEN is not set. Set it to post to GitHub, or add --dry-run to write the comments locally.');
    return 2;
  }
  const ctx = loadRunContext({ ...process.env, GITHUB_WORKSPACE: process.cwd() }, { eventPath: resolve(values.event) });
  const config = loadConfig(resolve(values.config ?? DEFAULT_CONFIG_PATH), { required: values.config !== undefined });
  const log = terminalLogger();
  const clients = token ? gitHubClients(token, readTuning(process.env), log) : undefined;
  const route = await routeEvent(ctx, config, clients && routeLookups(clients, ctx));
  if (route.kind === 'skip') {
    console.log(`Nothing to do: ${route.reason}.`);
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

  const redactor = redactorFor(token, process.env, secretsGivenToAgents(Object.values(config.agents), process.env));
  const dir = runDirectory(resolve(values.out ?? '.ai-orchestra'), ctx, route.issue.number);
  const marker = { runId: ctx.runId, pipeline: route.pipeline };
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const onGitHub = !dryRun && clients !== undefined;
  const access = clients && gitHubAccess(clients.octokit, repo, { serverUrl: ctx.serverUrl, token }, redactor, log);
  const sink = onGitHub ? new GitHubReporter(clients.octokit, { ...repo, number: route.issue.number }, marker, redactor, { log }) : new LocalReporter(join(dir, 'comments'), marker, redactor, (text) => console.log(text));
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
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
      workingDirectory: resolve(values['working-directory'] ?? '.'),
      env: process.env,
      signal: controller.signal,
      github: onGitHub ? access : undefined,
      // --dry-run posts nothing but may read what it works on (a pull request's diff) when there is a token.
      githubReads: access,
      artifacts: { publish: keepLocally },
      configFile: resolve(values.config ?? DEFAULT_CONFIG_PATH),
    },
    route,
  );
  const extra = localReport.map((line) => `\n${line}`).join('');
  console.log(`\n${route.pipeline} ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}${extra}\nresult: ${resultFile}`);
  return outcome.status === 'success' ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
