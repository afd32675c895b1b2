// Validates `pipelines.relay-pipeline` (its stages, verdict words, commands, loop targets) with file:line errors.
import type { AgentSpec } from '../../agents/types.js';
import type { ConfigReader as Validator } from '../../kernel/definition.js';
import {
  DEFAULT_RUN_TIMEOUT_SEC,
  DEFAULT_STAGE_INSTRUCTIONS,
  type RelayPipelineConfig,
  type RelayStageConfig,
} from './config.js';

type Path = (string | number)[];
type Plain = Record<string, unknown>;

export const RELAY_KEYS = [
  'label',
  'command',
  'max-rounds',
  'create-pr',
  'allow-protected-paths',
  'ci-fix',
  'max-ci-rounds',
  'stages',
];
const STAGE_KEYS = ['name', 'agent', 'instructions', 'write', 'pass', 'run', 'run-timeout', 'on-fail'];
const STAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** What parseVerdict can read back as a word. */
const VERDICT_WORD = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** Shell syntax that a whitespace-split `run` string would pass to the program as literal arguments. */
const SHELL_SYNTAX = /[|&;<>()$`"'\\\n]/;
/** A relay that loops more often than this is burning credits, not converging. */
const MAX_ROUNDS_LIMIT = 10;

function boolean(v: Validator, value: unknown, path: Path): boolean {
  if (typeof value !== 'boolean') v.fail(path, 'must be true or false');
  return value;
}

function wholeNumber(v: Validator, value: unknown, path: Path, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max)
    v.fail(path, `must be a whole number from 0 to ${max}`);
  return value;
}

/**
 * `run` as an argv list, or a string split on whitespace. Neither goes through a shell, so a string with shell
 * syntax (pipes, `&&`, quotes, variables) is refused rather than passed on as surprising literal arguments.
 */
function command(v: Validator, value: unknown, path: Path): string[] {
  if (typeof value === 'string') {
    if (SHELL_SYNTAX.test(value)) {
      v.fail(
        path,
        'is run without a shell and split on spaces, so quotes, pipes, "&&", redirections and $VARIABLES do not work; put the commands in a script and run that, or give an argv list',
      );
    }
    const argv = value.trim().split(/\s+/).filter(Boolean);
    if (argv.length === 0) v.fail(path, 'must not be empty');
    return argv;
  }
  return v.stringList(value, path, { nonEmpty: true });
}

function stage(v: Validator, raw: unknown, path: Path): RelayStageConfig {
  v.object(raw, path);
  v.keys(raw, path, STAGE_KEYS);
  if (raw.name === undefined) v.fail(path, 'needs a "name"');
  if (raw.agent === undefined) v.fail(path, 'needs an "agent"');
  const name = v.string(raw.name, [...path, 'name']);
  if (!STAGE_NAME.test(name)) v.fail([...path, 'name'], 'stage names use letters, digits, ".", "_" and "-"');
  const instructions =
    raw.instructions !== undefined
      ? v.string(raw.instructions, [...path, 'instructions'])
      : DEFAULT_STAGE_INSTRUCTIONS[name];
  if (instructions === undefined) {
    v.fail(
      path,
      `needs "instructions" (only the stages named ${Object.keys(DEFAULT_STAGE_INSTRUCTIONS).join(', ')} have default instructions)`,
    );
  }
  const pass = raw.pass !== undefined ? v.stringList(raw.pass, [...path, 'pass'], { nonEmpty: true }) : ['PASS'];
  pass.forEach((word, i) => {
    if (!VERDICT_WORD.test(word))
      v.fail(
        [...path, 'pass', i],
        `"${word}" is not a verdict word (letters, digits, "_" and "-", starting with a letter)`,
      );
  });
  return {
    name,
    agent: v.string(raw.agent, [...path, 'agent']),
    instructions,
    write: raw.write !== undefined ? boolean(v, raw.write, [...path, 'write']) : false,
    pass: pass.map((word) => word.toUpperCase()),
    ...(raw.run !== undefined ? { run: command(v, raw.run, [...path, 'run']) } : {}),
    runTimeoutSec:
      raw['run-timeout'] !== undefined
        ? v.positive(raw['run-timeout'], [...path, 'run-timeout'], { integer: false })
        : DEFAULT_RUN_TIMEOUT_SEC,
    ...(raw['on-fail'] !== undefined ? { onFail: v.string(raw['on-fail'], [...path, 'on-fail']) } : {}),
  };
}

/** Reads the relay's keys over the defaults in `relay` (label and command are read by the caller). */
export function readRelay(v: Validator, raw: Plain, path: Path, relay: RelayPipelineConfig): void {
  v.keys(raw, path, RELAY_KEYS);
  if (raw['max-rounds'] !== undefined)
    relay.maxRounds = wholeNumber(v, raw['max-rounds'], [...path, 'max-rounds'], MAX_ROUNDS_LIMIT);
  if (raw['create-pr'] !== undefined) relay.createPr = boolean(v, raw['create-pr'], [...path, 'create-pr']);
  if (raw['allow-protected-paths'] !== undefined)
    relay.allowProtectedPaths = v.stringList(raw['allow-protected-paths'], [...path, 'allow-protected-paths'], {
      nonEmpty: false,
    });
  if (raw['ci-fix'] !== undefined) relay.ciFix = boolean(v, raw['ci-fix'], [...path, 'ci-fix']);
  if (raw['max-ci-rounds'] !== undefined)
    relay.maxCiRounds = wholeNumber(v, raw['max-ci-rounds'], [...path, 'max-ci-rounds'], MAX_ROUNDS_LIMIT);
  if (raw.stages !== undefined) {
    if (!Array.isArray(raw.stages) || raw.stages.length === 0)
      v.fail([...path, 'stages'], 'must be a non-empty list of stages');
    relay.stages = raw.stages.map((s: unknown, i: number) => stage(v, s, [...path, 'stages', i]));
  }
}

/** Stage names are unique, agents exist, and `on-fail` sends work back to this stage or an earlier one. */
export function checkRelayReferences(
  v: Validator,
  relay: RelayPipelineConfig,
  agents: Readonly<Record<string, AgentSpec>>,
  pipelinePath: Path,
): void {
  const { stages } = relay;
  const path = [...pipelinePath, 'stages'];
  const seen = new Map<string, number>();
  stages.forEach((s, i) => {
    if (seen.has(s.name)) v.fail([...path, i, 'name'], `a stage named "${s.name}" already exists`);
    seen.set(s.name, i);
    if (!agents[s.agent])
      v.fail([...path, i, 'agent'], `unknown agent "${s.agent}"; defined: ${Object.keys(agents).join(', ')}`);
  });
  stages.forEach((s, i) => {
    if (s.onFail === undefined) return;
    const target = seen.get(s.onFail);
    if (target === undefined)
      v.fail([...path, i, 'on-fail'], `unknown stage "${s.onFail}"; stages: ${stages.map((t) => t.name).join(', ')}`);
    if (target > i)
      v.fail(
        [...path, i, 'on-fail'],
        `"${s.onFail}" comes after "${s.name}"; work can only be sent back to this stage or an earlier one`,
      );
  });
}
