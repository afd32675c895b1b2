// A scripted SystemCommands for the isolation tests: records every call and answers from a table.
import type { CommandResult, Privilege, SystemCommands } from '../../../src/isolation/system.js';
import type { RunAs } from '../../../src/process/types.js';

export interface Call {
  as: 'self' | 'root' | 'user';
  argv: string[];
  runAs?: RunAs;
}

type Answer = Partial<CommandResult> | ((argv: string[]) => Partial<CommandResult>);

/** Answers by the first rule whose prefix matches the argv; unmatched commands succeed with no output. */
export function fakeSystem(privilege: Privilege, rules: [string[], Answer][] = []): SystemCommands & { calls: Call[] } {
  const calls: Call[] = [];
  const answer = (argv: string[]): CommandResult => {
    const rule = rules.find(([prefix]) => prefix.every((word, i) => argv[i] === word));
    const partial = rule ? (typeof rule[1] === 'function' ? rule[1](argv) : rule[1]) : {};
    return { exitCode: 0, stdout: '', stderr: '', ...partial };
  };
  return {
    privilege,
    calls,
    asSelf: async (argv) => (calls.push({ as: 'self', argv }), answer(argv)),
    asRoot: async (argv) => (calls.push({ as: 'root', argv }), answer(argv)),
    asUser: async (runAs, argv) => (calls.push({ as: 'user', argv, runAs }), answer(argv)),
  };
}

export function quietLog(): {
  info: (m: string) => void;
  warning: (m: string) => void;
  infos: string[];
  warnings: string[];
} {
  const infos: string[] = [];
  const warnings: string[] = [];
  return { info: (m) => infos.push(m), warning: (m) => warnings.push(m), infos, warnings };
}
