// Runs the npm on PATH to install one package into a directory of its own, and reads back what npm resolved.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildAgentEnv } from '../process/env.js';
import { runProcess } from '../process/run-process.js';
import type { ProcessResult } from '../process/types.js';
import { withoutUrlCredentials } from '../security/url-credentials.js';

const INSTALL_TIMEOUT_MS = 10 * 60_000;
const VIEW_TIMEOUT_MS = 2 * 60_000;
const TAIL_LINES = 10;
/** Lines of npm's error output that say nothing about this failure (blank 404 lines, generic advice, its debug log on the runner). */
const NPM_NOISE =
  /^npm (error|ERR!)( 404)?\s*$|Note that you can also install from a|tarball, folder, http url, or git url|A complete log of this run can be found in/;

export interface NpmContext {
  /** The action's environment: npm gets PATH, HOME, proxies, certificates, npm_config_* and NODE_AUTH_TOKEN from it. */
  parentEnv: NodeJS.ProcessEnv;
  /** Where npm's full stdout/stderr go. */
  logDir: string;
  signal?: AbortSignal;
}

export class NpmError extends Error {
  override name = 'NpmError';
}

/**
 * npm's environment: what it needs to find node, the registry and its credentials (user .npmrc, setup-node's
 * NPM_CONFIG_USERCONFIG and NODE_AUTH_TOKEN), but not the workflow's tokens or the agents' API keys, which
 * install scripts have no business reading.
 */
export function npmEnv(parentEnv: NodeJS.ProcessEnv): Record<string, string> {
  return buildAgentEnv({
    parentEnv,
    prefixes: ['npm_config_', 'NPM_CONFIG_'],
    passEnv: ['NODE_AUTH_TOKEN'],
    adapterEnv: { npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    configEnv: {},
  });
}

let sequence = 0;

async function npm(
  args: string[],
  cwd: string,
  ctx: NpmContext,
  timeoutMs: number,
  label: string,
): Promise<ProcessResult> {
  const result = await runProcess({
    argv: ['npm', ...args],
    env: npmEnv(ctx.parentEnv),
    cwd,
    stdin: '',
    timeoutMs,
    killGraceMs: 2_000,
    outputDir: ctx.logDir,
    label: `npm-${String(++sequence).padStart(2, '0')}-${label.replace(/[^A-Za-z0-9.-]+/g, '_')}`,
    signal: ctx.signal,
  });
  if (result.spawnError) {
    const hint =
      result.spawnError.code === 'ENOENT'
        ? ' (install: true needs Node.js and npm on the runner, e.g. actions/setup-node)'
        : '';
    throw new NpmError(`could not run npm: ${result.spawnError.message}${hint}`);
  }
  if (result.aborted) throw new NpmError('cancelled with the workflow');
  if (result.timedOut) throw new NpmError(`npm ${args[0]} did not finish within ${timeoutMs / 1000} s and was killed`);
  if (result.exitCode !== 0) {
    const lines = result.stderr.text
      .trimEnd()
      .split('\n')
      .filter((line) => !NPM_NOISE.test(line));
    const tail = lines.slice(-TAIL_LINES).join('\n');
    throw new NpmError(`npm ${args[0]} exited with code ${result.exitCode}${tail ? `:\n${tail}` : ''}`);
  }
  return result;
}

/** The exact version a dist-tag points to now, so the install directory and the cache key name a version. */
export async function resolveDistTag(name: string, tag: string, cwd: string, ctx: NpmContext): Promise<string> {
  const result = await npm(['view', `${name}@${tag}`, 'version', '--json'], cwd, ctx, VIEW_TIMEOUT_MS, `view-${name}`);
  const text = result.stdout.text.trim();
  let version: unknown;
  try {
    version = text === '' ? undefined : JSON.parse(text);
  } catch {
    version = undefined;
  }
  // A tag names one version; a list would mean npm read it as a range.
  if (typeof version !== 'string' || version === '')
    throw new NpmError(`the registry has no dist-tag "${tag}" for ${name}`);
  return version;
}

/** `npm install --prefix dir name@version`; returns the tarball URL npm took it from, when the lockfile says. */
export async function npmInstall(
  name: string,
  version: string,
  dir: string,
  ctx: NpmContext,
): Promise<{ resolved?: string }> {
  await npm(
    ['install', '--prefix', dir, '--no-audit', '--no-fund', '--save-exact', `${name}@${version}`],
    dir,
    ctx,
    INSTALL_TIMEOUT_MS,
    `install-${name}`,
  );
  try {
    const lock = JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8')) as {
      packages?: Record<string, { resolved?: unknown }>;
    };
    const resolved = lock.packages?.[`node_modules/${name}`]?.resolved;
    return typeof resolved === 'string' ? { resolved: withoutUrlCredentials(resolved) } : {};
  } catch {
    return {};
  }
}
