// Installs the missing agent CLIs from npm into a tool directory of our own (restored from the Actions cache when it can).
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CliInstall } from '../agents/runner.js';
import { type NpmContext, NpmError, npmInstall, resolveDistTag } from './npm.js';
import type { CliPackage, CliPlan } from './plan.js';
// Type only: tool-cache.js loads @actions/cache, which prepare.ts imports lazily.
import type { ToolCache } from './tool-cache.js';

/** Written last into an install directory: its presence means the install finished (also after a cache restore). */
const MARKER = '.ai-orchestra-install.json';
const EXACT_VERSION = /^\d+\.\d+\.\d+([-+].*)?$/;

export interface InstallDeps {
  /** Packages go to <toolRoot>/<name>/<version>, e.g. $RUNNER_TOOL_CACHE/ai-orchestra/@openai/codex/0.171.0. */
  toolRoot: string;
  npm: NpmContext;
  cache: ToolCache;
  info: (line: string) => void;
  warn: (message: string) => void;
}

interface Marker {
  name: string;
  version: string;
  resolved?: string;
  installedAt: string;
}

type PackageOutcome = { binDir: string } | { error: string };

/** Cache key of one installed package: the os and arch matter, since packages ship native binaries. */
export function cacheKey(
  name: string,
  version: string,
  platform: string = process.platform,
  arch: string = process.arch,
): string {
  return `ai-orchestra-cli-${platform}-${arch}-${name}@${version}`;
}

/** Installs every package the plan asks for (each once, in parallel); returns, per agent, its bin directory or why it has none. */
export async function installPlannedClis(plan: CliPlan[], deps: InstallDeps): Promise<Map<string, CliInstall>> {
  const byPackage = new Map<string, { pkg: CliPackage; agents: string[] }>();
  for (const entry of plan) {
    if (entry.kind !== 'install') continue;
    const id = `${entry.pkg.name}@${entry.pkg.version}`;
    const group = byPackage.get(id) ?? { pkg: entry.pkg, agents: [] };
    group.agents.push(entry.agent);
    byPackage.set(id, group);
  }
  if (byPackage.size === 0) return new Map();
  if (!deps.cache.available)
    deps.info('The Actions cache service is not available here, so installed CLIs are not cached between runs.');
  const results = await Promise.all(
    [...byPackage.values()].map(async ({ pkg, agents }) => ({
      agents,
      outcome: await installPackage(pkg, agents, deps),
    })),
  );
  return new Map(
    results.flatMap(({ agents, outcome }) => agents.map((agent): [string, CliInstall] => [agent, outcome])),
  );
}

/** A package at an exact version, where it goes and how the log names it. */
interface Target {
  name: string;
  version: string;
  binary: string;
  dir: string;
  binDir: string;
  /** "@x/y@1.2.3 (dist-tag next) for a, b" */
  label: string;
  started: number;
}

async function installPackage(pkg: CliPackage, agents: string[], deps: InstallDeps): Promise<PackageOutcome> {
  const started = performance.now();
  try {
    await mkdir(deps.toolRoot, { recursive: true });
    const version = EXACT_VERSION.test(pkg.version)
      ? pkg.version
      : await resolveDistTag(pkg.name, pkg.version, deps.toolRoot, deps.npm);
    const dir = join(deps.toolRoot, pkg.name, version);
    const tagNote = version === pkg.version ? '' : ` (dist-tag ${pkg.version})`;
    const target: Target = {
      ...pkg,
      version,
      dir,
      binDir: join(dir, 'node_modules', '.bin'),
      label: `${pkg.name}@${version}${tagNote} for ${agents.join(', ')}`,
      started,
    };
    deps.info((await reuseInstalled(target, deps)) ?? (await installFresh(target, deps)));
    return { binDir: target.binDir };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `could not install \`${pkg.binary}\` (${pkg.name}@${pkg.version}) from npm after ${seconds(started)}: ${reason}`;
    deps.warn(`For ${agents.join(', ')}: ${message}`);
    return { error: message };
  }
}

/** The complete install of `target` in its directory, if there is one (left by an earlier run or just restored). */
async function completeInstall(target: Target): Promise<Marker | undefined> {
  const marker = await readMarker(target.dir);
  const complete =
    marker?.name === target.name && marker.version === target.version && existsSync(join(target.binDir, target.binary));
  return complete ? marker : undefined;
}

/** An install already in the tool directory or in the Actions cache: the log line, or undefined when there is none. */
async function reuseInstalled(target: Target, deps: InstallDeps): Promise<string | undefined> {
  const existing = await completeInstall(target);
  if (existing)
    return `Using ${target.label}, installed earlier in ${target.dir} (from ${existing.resolved ?? 'npm'}).`;
  if (!deps.cache.available) return undefined;
  const key = cacheKey(target.name, target.version);
  // A restore may bring another key's files (the service matches by prefix): only a complete install of ours counts.
  const restored = (await restoreFromCache(target.dir, key, deps)) ? await completeInstall(target) : undefined;
  if (!restored) return undefined;
  return `Restored ${target.label} from the Actions cache (key ${key}) in ${seconds(target.started)}; first installed from ${restored.resolved ?? 'npm'}.`;
}

/** npm install into an emptied directory, the marker written last, then saved to the cache: the log line. */
async function installFresh(target: Target, deps: InstallDeps): Promise<string> {
  await rm(target.dir, { recursive: true, force: true });
  await mkdir(target.dir, { recursive: true });
  const { resolved } = await npmInstall(target.name, target.version, target.dir, deps.npm);
  if (!existsSync(join(target.binDir, target.binary))) {
    throw new NpmError(
      `${target.name}@${target.version} installed, but it provides no \`${target.binary}\` program in node_modules/.bin`,
    );
  }
  const marker: Marker = {
    name: target.name,
    version: target.version,
    ...(resolved ? { resolved } : {}),
    installedAt: new Date().toISOString(),
  };
  await writeFile(join(target.dir, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  const installedIn = seconds(target.started);
  const cacheNote = deps.cache.available
    ? await saveToCache(target.dir, cacheKey(target.name, target.version), deps.cache)
    : 'not cached';
  return `Installed ${target.label} from ${resolved ?? 'npm'} in ${installedIn} into ${target.dir} (cache: ${cacheNote}).`;
}

async function restoreFromCache(dir: string, key: string, deps: InstallDeps): Promise<boolean> {
  try {
    return await deps.cache.restore(dir, key);
  } catch (error) {
    deps.warn(
      `Could not restore ${key} from the Actions cache (installing instead): ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
}

async function saveToCache(dir: string, key: string, cache: ToolCache): Promise<string> {
  try {
    await cache.save(dir, key);
    return `miss, saved as ${key}`;
  } catch (error) {
    // Another job saving the same key at the same time is the usual reason; the next run restores theirs.
    return `miss, not saved: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function readMarker(dir: string): Promise<Marker | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, MARKER), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
