// Finds the agent programs that are not installed, before anything is spawned, with how to install them.
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { adapterFor } from './registry.js';
import type { AgentSpec } from './types.js';

export interface MissingProgram {
  agent: string;
  program: string;
  installHint: string;
}

/** The executable file `program` resolves to on `pathVar`, or undefined when there is none. */
export function locateProgram(program: string, pathVar: string): string | undefined {
  const candidates =
    isAbsolute(program) || program.includes('/')
      ? [program]
      : pathVar
          .split(delimiter)
          .filter(Boolean)
          .map((d) => join(d, program));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function findMissingPrograms(agents: AgentSpec[], pathVar: string): MissingProgram[] {
  return agents.flatMap((agent) => {
    const adapter = adapterFor(agent);
    const program = agent.command?.[0] ?? adapter.binary;
    return locateProgram(program, pathVar) !== undefined
      ? []
      : [{ agent: agent.name, program, installHint: adapter.installHint }];
  });
}

export function describeMissing(missing: MissingProgram[]): string {
  return missing.map((m) => `  - ${m.agent}: \`${m.program}\` is not on PATH. Install: ${m.installHint}`).join('\n');
}
