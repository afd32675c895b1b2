// Loads .github/ai-orchestra.yml, validates it and merges it over the defaults; errors name file:line and key.
import { existsSync, readFileSync } from 'node:fs';
import { builtInAdapters } from '../agents/registry.js';
import type { AgentSpec } from '../agents/types.js';
import { OVER_ESTIMATE_CHOICES, type OverEstimate } from '../budget/ledger.js';
import type { ModelPrice } from '../budget/prices.js';
import type { ConfigReader, PipelineConfigBase, TargetKind } from '../kernel/definition.js';
import { commandOf, PIPELINES } from '../pipelines/index.js';
import { readPlainYaml, UNSUPPORTED } from './plain-yaml.js';
import { COMMENT_MODES, type CommentMode, type Config, DEFAULT_TIMEOUT_SEC, defaultConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly key: string,
    problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${key ? `${key}: ` : ''}${problem}`);
    this.name = 'ConfigError';
  }
}

/** Every problem found in one file, so that one edit fixes them all instead of one per run. */
export class ConfigErrors extends ConfigError {
  constructor(readonly errors: ConfigError[]) {
    super(errors[0]!.file, errors[0]!.line, errors[0]!.key, '');
    this.message = `${errors.length} problems in ${errors[0]!.file}:\n${errors.map((e) => `  ${e.message}`).join('\n')}`;
    this.name = 'ConfigErrors';
  }
}

export function throwAll(errors: ConfigError[]): void {
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new ConfigErrors(errors);
}

export type Path = (string | number)[];
/** The line a config path starts on, when known. */
export type LineOf = (path: Path) => number | undefined;

/** Edit distance between two short strings (keys), for "did you mean" hints. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The allowed key a typo most likely meant: same letters ignoring case and -/_, or at most 2 edits away. */
export function closestKey(key: string, allowed: string[]): string | undefined {
  const norm = (k: string): string => k.replace(/[-_]/g, '').toLowerCase();
  const exact = allowed.find((k) => norm(k) === norm(key));
  if (exact) return exact;
  const scored = allowed.map((k) => ({ k, d: editDistance(norm(key), norm(k)) })).sort((x, y) => x.d - y.d);
  const best = scored[0];
  return best && best.d <= Math.min(2, Math.floor(best.k.length / 3)) ? best.k : undefined;
}
type Plain = Record<string, unknown>;

const TOP_KEYS = ['agents', 'pipelines', 'settings'];
const LIMIT_KEYS = ['max-cost-usd', 'max-tokens', 'max-turns'];
const AGENT_KEYS = [
  'cli',
  'command',
  'model',
  'args',
  'env',
  'pass-env',
  'timeout',
  'version',
  ...LIMIT_KEYS,
  'fallback',
];
const PRICE_KEYS = ['input', 'output', 'cached-input'];
/** A slash command: one word starting with "/", matched at the start of a new issue comment. */
const COMMAND_PATTERN = /^\/[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/;
const SETTINGS_KEYS = [
  'max-parallel',
  'processed-label',
  'kill-grace',
  'context-bytes',
  'comment-mode',
  'max-output',
  ...LIMIT_KEYS,
  'over-budget',
  'prices',
  'allow-empty-issue',
];
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** An exact semver version (2.1.0, 1.0.0-beta.2) or an npm dist-tag (latest, next); not a range. */
const EXACT_VERSION =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
/** npm refuses tags that parse as a range (v1, x), so those are ranges here too. */
const DIST_TAG = /^(?![vV]?\d)(?![xX]$)[A-Za-z][A-Za-z0-9._-]{0,63}$/;

/**
 * Reads and validates the config; a missing file at the default path means the built-in defaults.
 * Most configs are plain YAML (no tags, anchors or directives) and valid: those are read by a fast reader
 * (./plain-yaml.ts, about six times faster, which matters at start-up). Everything else, and every config with a
 * problem, is read by the `yaml` package (./parse.ts), loaded only then, whose nodes give each problem its line.
 */
export async function loadConfig(file: string, options: { required: boolean }): Promise<Config> {
  if (!existsSync(file)) {
    if (options.required) throw new ConfigError(file, undefined, '', 'config file not found');
    return defaultConfig();
  }
  return readConfig(readFileSync(file, 'utf8'), file);
}

/** loadConfig for text in hand: the same value, and the same errors, as parseConfig (./parse.ts) gives. */
export async function readConfig(text: string, file: string): Promise<Config> {
  const root = readPlainYaml(text);
  if (root !== UNSUPPORTED) {
    try {
      return validateConfig(root, file, () => undefined);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
  }
  const { parseConfig } = await import('./parse.js');
  return parseConfig(text, file);
}

/** Checks a parsed config (`root`, the YAML as plain data) and merges it over the defaults. */
export function validateConfig(root: unknown, file: string, lineOf: LineOf): Config {
  const v: Validator = new Validator(lineOf, file);
  v.object(root, []);

  const config = defaultConfig();
  config.source = file;
  const raw = root as Plain;
  // Each part is checked on its own, and every problem found is reported together.
  v.attempt(() => v.keys(raw, [], TOP_KEYS));
  if (raw.agents !== undefined) {
    v.object(raw.agents, ['agents']);
    for (const [name, spec] of Object.entries(raw.agents as Plain)) {
      v.attempt(() => (config.agents[name] = v.agent(name, spec)));
    }
  }
  if (raw.settings !== undefined) v.attempt(() => Object.assign(config.settings, v.settings(raw.settings)));
  if (raw.pipelines !== undefined) v.attempt(() => v.pipelines(raw.pipelines, config));
  // Cross-references only mean something once every part read cleanly.
  if (v.errors.length === 0) v.references(config);
  throwAll(v.errors);
  return config;
}

export class Validator implements ConfigReader {
  /** Problems collected by attempt(), thrown together at the end. */
  readonly errors: ConfigError[] = [];

  constructor(
    private readonly lineOf: LineOf,
    private readonly file: string,
  ) {}

  /** Runs one independent check; its problem is kept and the next check still runs. */
  attempt(check: () => unknown): void {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.errors.push(error);
    }
  }

  fail(path: Path, problem: string): never {
    throw new ConfigError(this.file, this.lineOf(path), path.join('.'), problem);
  }

  object(value: unknown, path: Path): asserts value is Plain {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(path, 'must be a mapping');
  }

  keys(value: Plain, path: Path, allowed: string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        const hint = closestKey(key, allowed);
        this.fail(
          [...path, key],
          `unknown key${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${allowed.join(', ')}`,
        );
      }
    }
  }

  string(value: unknown, path: Path): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, 'must be a non-empty string');
    return value;
  }

  stringList(value: unknown, path: Path, { nonEmpty }: { nonEmpty: boolean }): string[] {
    if (!Array.isArray(value)) this.fail(path, 'must be a list of strings');
    if (nonEmpty && value.length === 0) this.fail(path, 'must not be empty');
    return value.map((item, i) => this.string(item, [...path, i]));
  }

  positive(value: unknown, path: Path, { integer }: { integer: boolean }): number {
    if (typeof value !== 'number' || !(value > 0) || (integer && !Number.isInteger(value))) {
      this.fail(path, `must be a positive ${integer ? 'whole ' : ''}number`);
    }
    return value;
  }

  agent(name: string, spec: unknown): AgentSpec {
    const path = ['agents', name];
    if (!NAME_PATTERN.test(name)) this.fail(path, 'agent names use letters, digits, ".", "_" and "-"');
    this.object(spec, path);
    this.keys(spec, path, AGENT_KEYS);
    const has = (k: string): boolean => spec[k] !== undefined;
    if (has('cli') === has('command'))
      this.fail(path, 'needs exactly one of "cli" (a built-in adapter) or "command" (an argv list)');
    const env: Record<string, string> = {};
    if (has('env')) {
      this.object(spec.env, [...path, 'env']);
      for (const [k, val] of Object.entries(spec.env)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) this.fail([...path, 'env', k], 'not a valid variable name');
        if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') {
          this.fail([...path, 'env', k], 'must be a string, number or boolean');
        }
        env[k] = String(val);
      }
    }
    return {
      name,
      ...(has('cli') ? { cli: this.string(spec.cli, [...path, 'cli']) } : {}),
      ...(has('command') ? { command: this.stringList(spec.command, [...path, 'command'], { nonEmpty: true }) } : {}),
      ...(has('model') ? { model: this.string(spec.model, [...path, 'model']) } : {}),
      args: has('args') ? this.stringList(spec.args, [...path, 'args'], { nonEmpty: false }) : [],
      env,
      passEnv: has('pass-env') ? this.stringList(spec['pass-env'], [...path, 'pass-env'], { nonEmpty: false }) : [],
      timeoutSec: has('timeout')
        ? this.positive(spec.timeout, [...path, 'timeout'], { integer: false })
        : DEFAULT_TIMEOUT_SEC,
      ...(has('version') ? { version: this.version(spec.version, [...path, 'version'], has('command')) } : {}),
      ...(LIMIT_KEYS.some(has) ? { limits: this.limits(spec, path) } : {}),
      ...(has('fallback')
        ? { fallback: this.stringList(spec.fallback, [...path, 'fallback'], { nonEmpty: true }) }
        : {}),
    };
  }

  /** `max-cost-usd`, `max-tokens`, `max-turns` of an agent or of the run (settings). */
  limits(raw: Plain, path: Path): { maxCostUsd?: number; maxTokens?: number; maxTurns?: number } {
    const read = (key: string, integer: boolean): number | undefined =>
      raw[key] === undefined ? undefined : this.positive(raw[key], [...path, key], { integer });
    const limits = {
      maxCostUsd: read('max-cost-usd', false),
      maxTokens: read('max-tokens', true),
      maxTurns: read('max-turns', true),
    };
    return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
  }

  /** `settings.prices`: USD per million tokens by model name (prefix), over the built-in table. */
  prices(raw: unknown, path: Path): Record<string, ModelPrice> {
    this.object(raw, path);
    const out: Record<string, ModelPrice> = {};
    for (const [model, entry] of Object.entries(raw)) {
      const at = [...path, model];
      this.object(entry, at);
      this.keys(entry, at, PRICE_KEYS);
      const price = (key: string): number => {
        const value = entry[key];
        if (typeof value !== 'number' || !(value >= 0))
          this.fail([...at, key], 'must be a number of US dollars per million tokens (0 or more)');
        return value;
      };
      if (entry.input === undefined || entry.output === undefined)
        this.fail(at, 'needs "input" and "output" (US dollars per million tokens)');
      out[model] = {
        input: price('input'),
        output: price('output'),
        ...(entry['cached-input'] !== undefined ? { cachedInput: price('cached-input') } : {}),
      };
    }
    return out;
  }

  version(value: unknown, path: Path, isCommand: boolean): string {
    if (isCommand)
      this.fail(path, 'only applies to "cli" agents: a "command" agent\'s program is never installed by AI Orchestra');
    if (typeof value === 'number')
      this.fail(path, `must be a string: quote it ("${String(value)}") so YAML does not read it as a number`);
    const version = this.string(value, path).trim();
    if (!EXACT_VERSION.test(version) && !DIST_TAG.test(version)) {
      this.fail(
        path,
        `"${version}" is neither an exact version (2.1.0) nor an npm dist-tag (latest); ranges are not allowed, a pinned version keeps runs repeatable`,
      );
    }
    return version;
  }

  settings(raw: unknown): Partial<Config['settings']> {
    const path = ['settings'];
    this.object(raw, path);
    this.keys(raw, path, SETTINGS_KEYS);
    const out: Partial<Config['settings']> = {};
    if (raw['max-parallel'] !== undefined)
      out.maxParallel = this.positive(raw['max-parallel'], [...path, 'max-parallel'], { integer: true });
    if (raw['processed-label'] !== undefined)
      out.processedLabel = this.string(raw['processed-label'], [...path, 'processed-label']);
    if (raw['kill-grace'] !== undefined)
      out.killGraceSec = this.positive(raw['kill-grace'], [...path, 'kill-grace'], { integer: false });
    if (raw['max-output'] !== undefined)
      out.maxOutputMiB = this.positive(raw['max-output'], [...path, 'max-output'], { integer: false });
    if (raw['context-bytes'] !== undefined)
      out.contextBytes = this.positive(raw['context-bytes'], [...path, 'context-bytes'], { integer: true });
    if (raw['allow-empty-issue'] !== undefined) {
      if (typeof raw['allow-empty-issue'] !== 'boolean')
        this.fail([...path, 'allow-empty-issue'], 'must be true or false');
      out.allowEmptyIssue = raw['allow-empty-issue'];
    }
    const budget = defaultConfig().settings.budget!;
    Object.assign(budget, this.limits(raw, path));
    if (raw['over-budget'] !== undefined) {
      if (!OVER_ESTIMATE_CHOICES.includes(raw['over-budget'] as OverEstimate))
        this.fail([...path, 'over-budget'], `must be one of ${OVER_ESTIMATE_CHOICES.join(', ')}`);
      budget.overEstimate = raw['over-budget'] as OverEstimate;
    }
    if (raw.prices !== undefined) budget.prices = this.prices(raw.prices, [...path, 'prices']);
    out.budget = budget;
    if (raw['comment-mode'] !== undefined) {
      const mode = raw['comment-mode'];
      if (!COMMENT_MODES.includes(mode as CommentMode))
        this.fail([...path, 'comment-mode'], `must be one of ${COMMENT_MODES.join(', ')}`);
      out.commentMode = mode as CommentMode;
    }
    return out;
  }

  pipelines(raw: unknown, config: Config): void {
    this.object(raw, ['pipelines']);
    this.keys(raw, ['pipelines'], Object.keys(config.pipelines));
    for (const [name, value] of Object.entries(raw)) this.attempt(() => this.pipeline(name, value, config));
  }

  private pipeline(name: string, value: unknown, config: Config): void {
    const path = ['pipelines', name];
    this.object(value, path);
    if (value.command !== undefined) {
      const command = this.string(value.command, [...path, 'command']);
      if (!COMMAND_PATTERN.test(command))
        this.fail(
          [...path, 'command'],
          `"${command}" is not a slash command like /ai-review (one word starting with "/")`,
        );
      (config.pipelines[name as keyof Config['pipelines']] as { command?: string }).command = command;
    }
    const definition = PIPELINES.find((p) => p.name === name)!;
    const current = config.pipelines[name] as PipelineConfigBase;
    config.pipelines[name] = {
      ...definition.config.read(this, value, path, current),
      ...(current.command !== undefined ? { command: current.command } : {}),
    };
  }

  references(config: Config): void {
    for (const agent of Object.values(config.agents)) {
      if (agent.cli !== undefined && !Object.hasOwn(builtInAdapters, agent.cli)) {
        this.fail(
          ['agents', agent.name, 'cli'],
          `unknown cli "${agent.cli}"; built-in: ${Object.keys(builtInAdapters).join(', ')} (or use "command" for any other program)`,
        );
      }
      if (agent.cli !== undefined && agent.version !== undefined && !builtInAdapters[agent.cli]!.npm) {
        this.fail(
          ['agents', agent.name, 'version'],
          `the ${agent.cli} CLI is not installed from npm, so it takes no version`,
        );
      }
    }
    for (const definition of PIPELINES) {
      definition.config.check?.(this, config.pipelines[definition.name], config.agents, ['pipelines', definition.name]);
    }
    // Unique per target kind: an issue's /ai-review and a pull request's /ai-review may start two pipelines.
    for (const kind of ['issue', 'pull-request'] as TargetKind[]) {
      const labels = PIPELINES.filter((p) => p.triggers.label?.on.includes(kind)).map(
        (p) => config.pipelines[p.name]!.label,
      );
      if (new Set(labels).size !== labels.length) this.fail(['pipelines'], 'two pipelines use the same label');
      const commands = PIPELINES.filter((p) => p.triggers.command?.on.includes(kind)).map((p) => commandOf(config, p));
      if (new Set(commands).size !== commands.length) this.fail(['pipelines'], 'two pipelines use the same command');
    }
    for (const agent of Object.values(config.agents)) {
      (agent.fallback ?? []).forEach((name, i) => {
        const at = ['agents', agent.name, 'fallback', i];
        if (name === agent.name) this.fail(at, 'an agent cannot be its own fallback');
        if (!config.agents[name])
          this.fail(at, `unknown agent "${name}"; defined: ${Object.keys(config.agents).join(', ')}`);
      });
    }
  }
}
