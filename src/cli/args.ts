// Reads the local runner's command line: usage, did-you-mean for unknown options and commands, --version.
import { parseArgs } from 'node:util';
import { closestKey } from '../config/load.js';
import { DEFAULT_CONFIG_PATH } from '../inputs.js';

export const RUN_USAGE = `Usage: ai-orchestra-action run (--event <payload.json> | --label <pipeline label> --title <text> [--body <text> | --body-file <file>] [--repo <owner/name>]) [options]
       ai-orchestra-action validate-dataset <file.jsonl> --format <openai-chat|trl-sft|dpo>   (see validate-dataset --help)
       ai-orchestra-action dashboard --records <dir>... [--out <dir>]   (see dashboard --help)
       ai-orchestra-action dataset collect --records <dir>... [--out <dir>]   (see dataset collect --help)
       ai-orchestra-action --version

The issue, either from a webhook payload or from flags:
  --event              an issues.labeled (or issue_comment, workflow_dispatch) webhook payload (JSON)
  --label              the label that starts a pipeline: ai-review, relay-pipeline or persona-data
  --title, --body      the issue's title and body (--body-file reads the body from a file)
  --repo               owner/name of the repository the issue belongs to (default: local/repository)
  --issue              the issue's number (default: 1)

Options:
  --config             config file (default: ${DEFAULT_CONFIG_PATH} if present, else built-in defaults)
  --dry-run            post nothing: comments are printed and written to --out; no token needed
  --working-directory  where the agents run (default: the current folder)
  --out                folder for comments, logs and result.json (default: .ai-orchestra/)
  --version            print the version and exit
  -h, --help           print this help

Without --dry-run, GITHUB_TOKEN must be set; comments are posted to the issue in the payload.
persona-data writes its datasets to the config's output-dir below the current folder (no artifact upload locally).
relay-pipeline's agents edit a copy of --working-directory (a git checkout), which stays as it was; their change
is committed on the local branch ai-orchestra/issue-<n> and written to <out>/<run>/changes.patch; without
--dry-run the branch is also pushed to origin and a pull request opened.
Exit status: 0 success, 1 the pipeline failed, 2 a usage or set-up error, 3 no AI CLI installed, 130 interrupted (Ctrl-C).`;

const RUN_OPTIONS = {
  event: { type: 'string' },
  label: { type: 'string' },
  title: { type: 'string' },
  body: { type: 'string' },
  'body-file': { type: 'string' },
  repo: { type: 'string' },
  issue: { type: 'string' },
  config: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  'working-directory': { type: 'string' },
  out: { type: 'string' },
  version: { type: 'boolean', short: 'v', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const COMMANDS = ['run', 'validate-dataset', 'dashboard', 'dataset'];

export interface RunArgs {
  event?: string;
  flags: { label?: string; title?: string; body?: string; bodyFile?: string; repo?: string; issue?: string };
  config?: string;
  dryRun: boolean;
  workingDirectory?: string;
  out?: string;
}

export type ParsedCommandLine =
  | { kind: 'run'; args: RunArgs }
  | { kind: 'validate-dataset'; argv: string[] }
  | { kind: 'dashboard'; argv: string[] }
  | { kind: 'dataset-collect'; argv: string[] }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string };

/** Node's parseArgs message, turned into one line that names the option and the closest known one. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
  if (unknown) {
    const name = unknown.replace(/^-+/, '');
    const hint = closestKey(name, Object.keys(RUN_OPTIONS));
    return `unknown option ${unknown}${hint ? ` (did you mean --${hint}?)` : ''}`;
  }
  const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message)?.[1];
  if (missing) return `option ${missing} needs a value`;
  return message.split('\n')[0]!;
}

export function parseCommandLine(argv: string[]): ParsedCommandLine {
  if (argv[0] === 'validate-dataset') return { kind: 'validate-dataset', argv: argv.slice(1) };
  if (argv[0] === 'dashboard') return { kind: 'dashboard', argv: argv.slice(1) };
  if (argv[0] === 'dataset' && argv[1] === 'collect') return { kind: 'dataset-collect', argv: argv.slice(2) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: RUN_OPTIONS });
  } catch (error) {
    return { kind: 'usage-error', message: describeParseError(error) };
  }
  const { values, positionals } = parsed;
  if (values.version) return { kind: 'version' };
  if (values.help) return { kind: 'help' };
  const [command, ...extra] = positionals;
  if (command === undefined) return { kind: 'usage-error', message: 'no command given' };
  if (command !== 'run') {
    const hint = closestKey(command, COMMANDS);
    return { kind: 'usage-error', message: `unknown command "${command}"${hint ? ` (did you mean "${hint}"?)` : ''}` };
  }
  if (extra.length > 0) return { kind: 'usage-error', message: `unexpected argument "${extra[0]}"` };
  const flags = {
    label: values.label,
    title: values.title,
    body: values.body,
    bodyFile: values['body-file'],
    repo: values.repo,
    issue: values.issue,
  };
  const fromFlags = Object.values(flags).some((v) => v !== undefined);
  if (values.event && fromFlags)
    return { kind: 'usage-error', message: 'give either --event or --label/--title/--body, not both' };
  if (!values.event && !fromFlags)
    return { kind: 'usage-error', message: 'no issue given: use --event <payload.json>, or --label and --title' };
  if (flags.body !== undefined && flags.bodyFile !== undefined)
    return { kind: 'usage-error', message: 'give either --body or --body-file, not both' };
  return {
    kind: 'run',
    args: {
      event: values.event,
      flags,
      config: values.config,
      dryRun: values['dry-run'] ?? false,
      workingDirectory: values['working-directory'],
      out: values.out,
    },
  };
}
