// Builds the issues.labeled payload a local run needs from --label, --title, --body/--body-file and --repo.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closestKey } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { RunArgs } from './args.js';

export class FlagError extends Error {}

const REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** owner/name as GitHub allows it: neither part may be `.` or `..` (they would walk the API's URL paths). */
export function isRepositoryName(repo: string): boolean {
  return REPO_NAME.test(repo) && repo.split('/').every((part) => part !== '.' && part !== '..');
}

/**
 * GITHUB_REPOSITORY would override the repository the local run was given (--repo or the --event payload's):
 * the run would read and post somewhere else than asked. Differing, they stop the run.
 */
export function checkRepositoryAgrees(fromEnv: string | undefined, given: unknown): void {
  if (!fromEnv || typeof given !== 'string' || !given) return;
  if (fromEnv.toLowerCase() !== given.toLowerCase())
    throw new FlagError(
      `GITHUB_REPOSITORY is ${fromEnv} but the run is about ${given}; unset GITHUB_REPOSITORY or make them agree.`,
    );
}

/** The labels that start a pipeline under this config, and a hint when `label` is not one of them. */
export function checkLabel(label: string, config: Config): void {
  const labels = Object.values(config.pipelines).map((p) => p.label);
  if (labels.includes(label)) return;
  const hint = closestKey(label, labels);
  throw new FlagError(
    `--label "${label}" starts no pipeline${hint ? ` (did you mean "${hint}"?)` : ''}; labels: ${labels.join(', ')}`,
  );
}

export function payloadFromFlags(flags: RunArgs['flags'], sender: string): Record<string, unknown> {
  if (!flags.label)
    throw new FlagError('--label is missing: the label names the pipeline (ai-review, relay-pipeline or persona-data)');
  if (flags.title === undefined) throw new FlagError('--title is missing: the issue needs a title');
  const repo = flags.repo ?? 'local/repository';
  if (!isRepositoryName(repo)) throw new FlagError(`--repo "${repo}" is not of the form owner/name`);
  const number = Number(flags.issue ?? '1');
  if (!Number.isInteger(number) || number <= 0)
    throw new FlagError(`--issue "${flags.issue}" is not a positive issue number`);
  let body = flags.body ?? '';
  if (flags.bodyFile !== undefined) {
    try {
      body = readFileSync(flags.bodyFile, 'utf8');
    } catch (error) {
      throw new FlagError(
        `--body-file ${flags.bodyFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message)}`,
      );
    }
  }
  const [owner, name] = repo.split('/') as [string, string];
  const html = `https://github.com/${repo}`;
  return {
    action: 'labeled',
    label: { name: flags.label },
    issue: {
      number,
      title: flags.title,
      body,
      html_url: `${html}/issues/${number}`,
      state: 'open',
      user: { login: sender, type: 'User' },
      labels: [{ name: flags.label }],
    },
    repository: { full_name: repo, name, owner: { login: owner }, html_url: html, default_branch: 'main' },
    sender: { login: sender, type: 'User' },
  };
}

/** Writes the payload to a file of its own, for the same reader a real event goes through. */
export function writePayloadFile(payload: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ai-orchestra-event-')), 'event.json');
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
  return file;
}
