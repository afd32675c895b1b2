// Decides, per agent, whether its CLI is already on PATH, is to be installed from npm, or cannot be installed.
import { locateProgram } from '../agents/preflight.js';
import { adapterFor } from '../agents/registry.js';
import type { AgentSpec } from '../agents/types.js';

/** One npm package to install: `version` is what the config asked for (exact or a dist-tag). */
export interface CliPackage {
  name: string;
  version: string;
  /** The program it must provide in node_modules/.bin. */
  binary: string;
}

export type CliPlan =
  | { agent: string; kind: 'on-path'; program: string; path: string; pinned?: string }
  | { agent: string; kind: 'install'; program: string; pkg: CliPackage; pinned: boolean }
  | { agent: string; kind: 'not-installable'; program: string; reason: string };

export function planCliInstalls(agents: AgentSpec[], pathVar: string): CliPlan[] {
  return agents.map((agent): CliPlan => {
    const adapter = adapterFor(agent);
    const program = agent.command?.[0] ?? adapter.binary;
    const path = locateProgram(program, pathVar);
    if (path !== undefined)
      return { agent: agent.name, kind: 'on-path', program, path, ...(agent.version ? { pinned: agent.version } : {}) };
    if (agent.command !== undefined) {
      return {
        agent: agent.name,
        kind: 'not-installable',
        program,
        reason: 'command agents are never installed; install the program in an earlier step',
      };
    }
    if (!adapter.npm)
      return {
        agent: agent.name,
        kind: 'not-installable',
        program,
        reason: `the ${adapter.id} CLI has no npm package to install; ${adapter.installHint}`,
      };
    const pkg = {
      name: adapter.npm.name,
      version: agent.version ?? adapter.npm.defaultVersion,
      binary: adapter.binary,
    };
    return { agent: agent.name, kind: 'install', program, pkg, pinned: agent.version !== undefined };
  });
}

/** One line per agent for the log: what was found, what will be installed, what cannot be. */
export function describePlan(plan: CliPlan[]): string {
  return plan
    .map((entry) => {
      switch (entry.kind) {
        case 'on-path':
          return `  ${entry.agent}: \`${entry.program}\` is on PATH (${entry.path}); not installed${entry.pinned ? ` (its version is not checked against the pinned ${entry.pinned})` : ''}`;
        case 'install':
          return `  ${entry.agent}: \`${entry.program}\` is missing; installing ${entry.pkg.name}@${entry.pkg.version} (${entry.pinned ? `agents.${entry.agent}.version` : 'default version'})`;
        case 'not-installable':
          return `  ${entry.agent}: \`${entry.program}\` is missing and is not installed: ${entry.reason}`;
      }
    })
    .join('\n');
}
