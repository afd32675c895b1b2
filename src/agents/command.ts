// Adapter for any user-configured program: argv from the agent's `command`, prompt on stdin, answer on stdout.
import type { ProcessResult } from '../process/types.js';
import { failureMessage, outputTail, truncatedOutputError } from './output-parsing.js';
import type { AccessMode, AgentAdapter, AgentSpec, Invocation, ParsedOutput } from './types.js';

function buildInvocation(agent: AgentSpec, _mode: AccessMode): Invocation {
  // We cannot enforce read-only on an arbitrary program; the prompt tells it what it may do.
  const command = agent.command ?? [];
  const [program] = command;
  if (program === undefined || program.trim() === '') {
    throw new Error(`agent "${agent.name}" has no command to run (set \`command\` to an argv array, or \`cli\`)`);
  }
  return { argv: [...command, ...agent.args], env: {} };
}

function parseOutput(result: ProcessResult, agent: AgentSpec): ParsedOutput {
  const truncated = truncatedOutputError(agent, result);
  if (truncated) return { ok: false, error: truncated };

  if (result.exitCode !== 0) return { ok: false, error: failureMessage(agent, result, outputTail(result)) };
  const answer = result.stdout.text.trim();
  if (answer === '')
    return { ok: false, error: `${agent.name}: no answer on stdout (exit code 0); ${outputTail(result)}` };
  return { ok: true, answer, usage: {} };
}

export const commandAdapter: AgentAdapter = {
  id: 'command',
  // Command agents name their own program; argv[0] of the invocation is what gets looked up.
  binary: '',
  installHint: "install the program named first in the agent's `command` on the runner's PATH",
  envPrefixes: [],
  buildInvocation,
  parseOutput,
};
