// The one place that reads the action's inputs; everything else receives this typed object.
import * as core from '@actions/core';

export const DEFAULT_CONFIG_PATH = '.github/ai-orchestra.yml';

/** run: everything in one job; plan, unit, finalize: the three jobs of a matrix workflow; dashboard: build the site. */
export type Mode = 'run' | 'plan' | 'unit' | 'finalize' | 'dashboard';
export const MODES: readonly Mode[] = ['run', 'plan', 'unit', 'finalize', 'dashboard'];

export interface Inputs {
  mode: Mode;
  /** mode unit: the matrix entry this job runs (a name or JSON), validated against the config later. */
  unit?: string;
  githubToken: string;
  configPath: string;
  /** False when the config path is the default: then a missing file means the built-in defaults. */
  configRequired: boolean;
  dryRun: boolean;
  workingDirectory?: string;
  allowedBots: string[];
  /** Install missing agent CLIs from npm before the run. */
  install: boolean;
  /** Unprivileged user the agents run as (created when missing); undefined: as ourselves. */
  agentUser?: string;
  /** Remove the runner user's sudo rights for the rest of the job. */
  dropSudo: boolean;
  /** The data branch run records are kept on; undefined: records are not kept (mode dashboard: the default branch name). */
  recordsBranch?: string;
  /** mode dashboard: the folder the site is written to. */
  dashboardDir: string;
}

function optional(name: string): string | undefined {
  const value = core.getInput(name).trim();
  return value === '' ? undefined : value;
}

export function readInputs(): Inputs {
  const configPath = optional('config') ?? DEFAULT_CONFIG_PATH;
  const dryRun = optional('dry-run') === undefined ? false : core.getBooleanInput('dry-run');
  const githubToken = core.getInput('github-token');
  if (githubToken) core.setSecret(githubToken);
  if (!githubToken && !dryRun) {
    throw new Error('The github-token input is empty. Leave it at its default (${{ github.token }}) or pass a token with issues: write.');
  }
  const mode = (optional('mode') ?? 'run').toLowerCase();
  if (!MODES.includes(mode as Mode)) throw new Error(`The input mode is "${mode}"; it must be one of ${MODES.join(', ')}.`);
  if (mode !== 'run' && dryRun) {
    throw new Error(`dry-run works with mode: run only; in mode ${mode} the jobs share their work through the issue's comments and the run's artifacts.`);
  }
  return {
    mode: mode as Mode,
    unit: optional('unit'),
    githubToken,
    configPath,
    configRequired: configPath !== DEFAULT_CONFIG_PATH,
    dryRun,
    workingDirectory: optional('working-directory'),
    agentUser: optional('agent-user'),
    dropSudo: optional('drop-sudo') === undefined ? false : core.getBooleanInput('drop-sudo'),
    install: optional('install') === undefined ? false : core.getBooleanInput('install'),
    recordsBranch: optional('records-branch'),
    dashboardDir: optional('dashboard-dir') ?? '_site',
    allowedBots: (optional('allowed-bots') ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
