// Before agents run: install their missing CLIs (`install: true`), or warn which are missing and how to get them.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeMissing, findMissingPrograms } from '../agents/preflight.js';
import { adapterFor } from '../agents/registry.js';
import type { CliInstall } from '../agents/runner.js';
import type { AgentSpec } from '../agents/types.js';
import { installPlannedClis } from './install.js';
import { describePlan, planCliInstalls } from './plan.js';
import type { ToolCache } from './tool-cache.js';

export interface PrepareOptions {
  /** Every agent the pipeline may start (answerers and reviewer). */
  agents: AgentSpec[];
  install: boolean;
  env: NodeJS.ProcessEnv;
  /** Where npm's output goes. */
  logDir: string;
  signal?: AbortSignal;
  info: (line: string) => void;
  warn: (message: string) => void;
  /** Default: the job's Actions cache (loaded only when something is to be installed). */
  cache?: ToolCache;
}

/** Per agent whose CLI was installed, its bin directory (or why the install failed); empty when nothing was installed. */
export async function prepareAgentClis(opts: PrepareOptions): Promise<Map<string, CliInstall>> {
  const pathVar = opts.env.PATH ?? '';
  if (!opts.install) {
    const missing = findMissingPrograms(opts.agents, pathVar);
    if (missing.length > 0) {
      const installable = missing.filter(
        (m) => adapterFor(opts.agents.find((a) => a.name === m.agent)!).npm !== undefined,
      );
      const hint =
        installable.length > 0
          ? `\nOr set the action input \`install: true\` to install ${installable.map((m) => `\`${m.program}\``).join(', ')} from npm.`
          : '';
      opts.warn(`Some agent programs are missing; those agents will fail:\n${describeMissing(missing)}${hint}`);
    }
    return new Map();
  }
  const plan = planCliInstalls(opts.agents, pathVar);
  opts.info(`Agent CLIs (install: true):\n${describePlan(plan)}`);
  const uninstallable = plan.filter((entry) => entry.kind === 'not-installable');
  if (uninstallable.length > 0)
    opts.warn(
      `Some agent programs are missing and cannot be installed; those agents will fail: ${uninstallable.map((e) => e.agent).join(', ')}.`,
    );
  if (!plan.some((entry) => entry.kind === 'install')) return new Map();
  // @actions/cache brings the Azure storage SDK; load it only when there is something to install.
  const cache = opts.cache ?? (await import('./tool-cache.js')).actionsToolCache();
  return installPlannedClis(plan, {
    toolRoot: join(opts.env.RUNNER_TOOL_CACHE || opts.env.RUNNER_TEMP || tmpdir(), 'ai-orchestra'),
    npm: { parentEnv: opts.env, logDir: opts.logDir, signal: opts.signal },
    cache,
    info: opts.info,
    warn: opts.warn,
  });
}
