// Shared logic of the fake AI CLIs (claude, gemini, codex, echo-agent) used by the integration tests.
//
// They accept the flags of the real CLIs, reject unknown ones like the real argument parsers do,
// read the prompt from stdin and print the real output shapes. Behaviour is controlled only by
// environment variables:
//   FAKE_ANSWER       answer text (default "<cli> answer for prompt <sha12 of the prompt>", plus a passing
//                     "VERDICT: <WORD>" line when the prompt asks for one, as a relay stage's does)
//   FAKE_ANSWER_FILE  file whose text is the answer (for answers too large for a variable: 128 kB each)
//   FAKE_REVIEW       review text for reviewer prompts (default: generated, see below)
//   FAKE_REVIEW_FILE  file whose text is the review (like FAKE_ANSWER_FILE)
//   FAKE_MODE         ok | fail | hang | garbage | exit-early        (default ok)
//   FAKE_REVIEW_MODE  FAKE_MODE for reviewer prompts only            (default FAKE_MODE)
//   FAKE_ERROR        error message used by `fail`
//   FAKE_DELAY_MS     sleep after reading the prompt, before answering
//   FAKE_RANKING      "B,A,C": ranking order of a generated review (default reverse alphabetical)
//   FAKE_RECORD_DIR   write <dir>/<cli>-<pid>.json describing the call
//   FAKE_VERSION      what `<cli> --version` prints before " (fake <cli>)" (default 0.0.0-fake); that call is not recorded
//   FAKE_ANSWERS      JSON list scripting successive calls of this CLI, consumed in order through a counter file
//                     in FAKE_RECORD_DIR (the last entry repeats). An entry is the answer text, or
//                     {"answer"?: text, "write"?: <as FAKE_WRITE>, "mode"?: ok | fail | garbage}. Ignored for reviewer prompts.
//   FAKE_WRITE        JSON {"relative/path": text | {"content"?: text, "append"?: text, "mode"?: 0o755 as a number}}:
//                     files written in the working directory, only when the CLI was started in a mode that may
//                     edit files (claude --permission-mode acceptEdits, codex -s workspace-write, gemini
//                     --approval-mode auto_edit or yolo); otherwise nothing is written and the record says so.
//                     A FAKE_ANSWERS entry may also have "probe": ["relative/path", ...]: the record's `probed` says
//                     which of them existed when the CLI started.
// Like the real CLIs, the fakes execute project configuration in their working directory at start-up: claude runs
// the command hooks of .claude/settings.json and .claude/settings.local.json, gemini starts the mcpServers of
// .gemini/settings.json (only when the workspace is trusted). The record's `projectConfigRan` lists what ran.
//   FAKE_STREAM_STEPS claude with --output-format stream-json: print this many assistant messages, FAKE_STEP_DELAY_MS
//                     (default 100) apart, each with usage (the prompt's tokens in, FAKE_STEP_TOKENS out, default 1000),
//                     as the real CLI streams them, then the result; a grandchild `sleep` shares the group meanwhile
//                     (its pid is in the record, written before the first step).
//   FAKE_REPLAY       path prefix of a captured real-CLI output (__fixtures__/cli-output/<cli>/<name>): prints
//                     <prefix>.stdout.txt (or the file <prefix> itself) on stdout, <prefix>.stderr.txt on stderr, and
//                     exits with FAKE_REPLAY_EXIT (default 1). The copilot, qwen and opencode fakes only replay.
//   FAKE_JUDGE        "first-seen": a review ranks the answers in the order the prompt shows them (a position-biased judge)
// A prompt is a reviewer prompt when it has lines "--- BEGIN ANSWER <letter> ---".
// Plain JavaScript, no dependencies: the executables run under any Node >= 18 without a build.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const MODES = new Set(['ok', 'fail', 'hang', 'garbage', 'exit-early']);

class UsageError extends Error {
  /** @param {string} message full text for stderr @param {number} code exit code */
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/**
 * The default answer; a relay stage's prompt asks for a verdict, and the stand-in gives the first passing word,
 * so that every pipeline passes out of the box with these stand-ins.
 */
function standInAnswer(cli, prompt, sha) {
  const answer = `${cli} answer for prompt ${sha}`;
  const pass = /^Use ([A-Z][A-Z0-9_-]*)(?: or [A-Z][A-Z0-9_-]*)* as the WORD/m.exec(prompt)?.[1];
  return pass ? `${answer}\n\nVERDICT: ${pass} — stand-in answer` : answer;
}

export function sha12(text) {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

/** Rough token count, deterministic: 1 token per 4 bytes. */
function tokens(text) {
  return Math.max(1, Math.ceil(Buffer.byteLength(text, 'utf8') / 4));
}

// ---------------------------------------------------------------- argument parsing

/**
 * Generic long/short option parser.
 * spec: { name: { alias?: string[], value?: boolean, variadic?: boolean, choices?: string[], repeat?: boolean } }
 * Supports `--flag value`, `--flag=value`, `-f value`, `--` and positionals.
 * errors: callbacks building the CLI-specific error messages.
 */
function parseArgs(argv, spec, errors) {
  const byFlag = new Map();
  for (const [name, def] of Object.entries(spec)) {
    for (const flag of [name, ...(def.alias ?? [])]) byFlag.set(flag, { name, def });
  }
  const options = {};
  const positionals = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const entry = byFlag.get(flag);
    if (!entry) throw errors.unknown(flag);
    const { name, def } = entry;
    if (!def.value) {
      if (eq > 0) throw errors.unknown(arg);
      options[name] = true;
      continue;
    }
    let values;
    if (eq > 0) values = [arg.slice(eq + 1)];
    else if (def.variadic) {
      values = [];
      while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) values.push(argv[++i]);
    } else if (i + 1 < argv.length && !(argv[i + 1].startsWith('-') && argv[i + 1] !== '-')) values = [argv[++i]];
    else values = [];
    if (values.length === 0) throw errors.missing(flag, name, def);
    for (const v of values) if (def.choices && !def.choices.includes(v)) throw errors.choice(flag, name, def, v);
    if (def.variadic || def.repeat) options[name] = [...(options[name] ?? []), ...values];
    else options[name] = values[0];
  }
  return { options, positionals };
}

const CLAUDE_SPEC = {
  '--print': { alias: ['-p'] },
  '--output-format': { value: true, choices: ['text', 'json', 'stream-json'] },
  '--input-format': { value: true, choices: ['text', 'stream-json'] },
  '--model': { value: true },
  '--fallback-model': { value: true },
  '--permission-mode': { value: true, choices: ['acceptEdits', 'bypassPermissions', 'default', 'plan'] },
  '--disallowedTools': { alias: ['--disallowed-tools'], value: true, variadic: true },
  '--allowedTools': { alias: ['--allowed-tools'], value: true, variadic: true },
  '--add-dir': { value: true, variadic: true },
  '--mcp-config': { value: true, variadic: true },
  '--append-system-prompt': { value: true },
  '--system-prompt': { value: true },
  '--max-turns': { value: true },
  '--settings': { value: true },
  '--session-id': { value: true },
  '--resume': { alias: ['-r'], value: true },
  '--verbose': {},
  '--debug': { alias: ['-d'] },
  '--dangerously-skip-permissions': {},
  '--strict-mcp-config': {},
  '--include-partial-messages': {},
};

// commander (claude)
const commanderErrors = {
  unknown: (flag) => new UsageError(`error: unknown option '${flag}'\n`, 1),
  missing: (flag, name) => new UsageError(`error: option '${name} <value>' argument missing\n`, 1),
  choice: (flag, name, def, v) =>
    new UsageError(
      `error: option '${name} <value>' argument '${v}' is invalid. Allowed choices are ${def.choices.join(', ')}.\n`,
      1,
    ),
};

const CODEX_EXEC_SPEC = {
  '--model': { alias: ['-m'], value: true },
  '--sandbox': { alias: ['-s'], value: true, choices: ['read-only', 'workspace-write', 'danger-full-access'] },
  '--cd': { alias: ['-C'], value: true },
  '--config': { alias: ['-c'], value: true, repeat: true },
  '--profile': { alias: ['-p'], value: true },
  '--image': { alias: ['-i'], value: true, repeat: true },
  '--output-last-message': { alias: ['-o'], value: true },
  '--output-schema': { value: true },
  '--color': { value: true, choices: ['always', 'never', 'auto'] },
  '--add-dir': { value: true, repeat: true },
  '--json': { alias: ['--experimental-json'] },
  '--skip-git-repo-check': {},
  '--full-auto': {},
  '--dangerously-bypass-approvals-and-sandbox': { alias: ['--yolo'] },
  '--oss': {},
};

// clap (codex)
const clapErrors = {
  unknown: (flag) =>
    new UsageError(
      `error: unexpected argument '${flag}' found\n\n  tip: to pass '${flag}' as a value, use '-- ${flag}'\n\n` +
        `Usage: codex exec [OPTIONS] [PROMPT] [COMMAND]\n\nFor more information, try '--help'.\n`,
      2,
    ),
  missing: (flag, name) =>
    new UsageError(
      `error: a value is required for '${name} <${name.slice(2).toUpperCase().replace(/-/g, '_')}>' but none was supplied\n\n` +
        `For more information, try '--help'.\n`,
      2,
    ),
  choice: (flag, name, def, v) =>
    new UsageError(
      `error: invalid value '${v}' for '${name} <${name.slice(2).toUpperCase().replace(/-/g, '_')}>'\n` +
        `  [possible values: ${def.choices.join(', ')}]\n\nFor more information, try '--help'.\n`,
      2,
    ),
};

const GEMINI_SPEC = {
  '--model': { alias: ['-m'], value: true },
  '--output-format': { alias: ['-o'], value: true, choices: ['text', 'json', 'stream-json'] },
  '--approval-mode': { value: true, choices: ['default', 'auto_edit', 'yolo'] },
  '--prompt': { alias: ['-p'], value: true },
  '--prompt-interactive': { alias: ['-i'], value: true },
  '--include-directories': { value: true, repeat: true },
  '--allowed-tools': { value: true, repeat: true },
  '--allowed-mcp-server-names': { value: true, repeat: true },
  '--extensions': { alias: ['-e'], value: true, repeat: true },
  '--yolo': { alias: ['-y'] },
  '--sandbox': { alias: ['-s'] },
  '--debug': { alias: ['-d'] },
  '--skip-trust': {},
  '--screen-reader': {},
};

// yargs (gemini): usage text, then the error, exit 1
const GEMINI_USAGE =
  'Usage: gemini [options] [command]\n\nGemini CLI - Launch an interactive CLI, use -p/--prompt for non-interactive mode\n';
const yargsErrors = {
  unknown: (flag) => new UsageError(`${GEMINI_USAGE}\nUnknown argument: ${flag.replace(/^-+/, '').split('=')[0]}\n`, 1),
  missing: (flag, name) =>
    new UsageError(`${GEMINI_USAGE}\nNot enough arguments following: ${name.replace(/^-+/, '')}\n`, 1),
  choice: (flag, name, def, v) =>
    new UsageError(
      `${GEMINI_USAGE}\nInvalid values:\n  Argument: ${name.replace(/^-+/, '')}, Given: "${v}", Choices: ${def.choices
        .map((c) => `"${c}"`)
        .join(', ')}\n`,
      1,
    ),
};

// ---------------------------------------------------------------- reviewer

/** Letters of the answers in a reviewer prompt, in order of appearance, or [] for an ordinary prompt. */
export function reviewLetters(prompt) {
  const letters = [];
  for (const m of prompt.matchAll(/^--- BEGIN ANSWER ([A-Z][0-9]*) ---\r?$/gm)) {
    if (!letters.includes(m[1])) letters.push(m[1]);
  }
  return letters;
}

function letterKey(letter) {
  // A..Z, A2..Z2 ...: order by round, then letter
  const round = Number(letter.slice(1) || '1');
  return round * 100 + letter.charCodeAt(0);
}

function listText(items) {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function buildReview(letters, rankingEnv) {
  const ranking = rankingEnv
    ? rankingEnv
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [...letters].sort((a, b) => letterKey(b) - letterKey(a));
  const sorted = [...letters].sort((a, b) => letterKey(a) - letterKey(b));
  const best = ranking[0] ?? sorted[0] ?? 'A';
  const worst = ranking[ranking.length - 1] ?? best;
  const lines = [
    '### Synthesis',
    `Combining answers ${listText(sorted)}: all of them identify the same root cause; answer ${best} explains it best ` +
      `and the synthesis keeps its proposed change, adding the test suggested elsewhere.`,
    '### Disagreements',
    letters.length > 1 ? `- Answers ${best} and ${worst} disagree on the fix; ${best} is right.` : '- None',
    '### Ranking',
    ...ranking.map(
      (l, i) =>
        `${i + 1}. ${l} — ${i === 0 ? 'most complete and correct' : i === ranking.length - 1 ? 'least complete' : 'correct but less thorough'}`,
    ),
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------- output shapes

const DEFAULT_MODELS = { claude: 'claude-sonnet-4-5-20250929', gemini: 'gemini-2.5-pro', codex: 'gpt-5-codex' };

function claudeOutput(format, { answer, prompt, model, durationMs, sessionId, error, permissionMode, cwd }) {
  const inputTokens = tokens(prompt);
  const outputTokens = error ? 0 : tokens(answer);
  const cost = error ? 0 : Number(((inputTokens * 3 + outputTokens * 15) / 1e6).toFixed(6)) || 0.0123;
  const result = {
    type: 'result',
    subtype: 'success',
    is_error: Boolean(error),
    duration_ms: durationMs,
    duration_api_ms: Math.max(1, durationMs - 5),
    num_turns: 1,
    result: error
      ? `API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"${error}"}} · Please run /login`
      : answer,
    stop_reason: error ? 'stop_sequence' : 'end_turn',
    session_id: sessionId,
    total_cost_usd: cost,
    usage: {
      input_tokens: inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: outputTokens,
      server_tool_use: { web_search_requests: 0 },
      service_tier: 'standard',
    },
    modelUsage: error
      ? {}
      : {
          [model]: {
            inputTokens,
            outputTokens,
            cacheReadInputTokens: 0,
            cacheCreationInputTokens: 0,
            webSearchRequests: 0,
            costUSD: cost,
            contextWindow: 200000,
          },
        },
    permission_denials: [],
    uuid: randomUUID(),
  };
  if (error) {
    result.api_error_status = 401;
    result.duration_api_ms = 0;
    result.terminal_reason = 'api_error';
  }
  if (format === 'json') return `${JSON.stringify(result)}\n`;
  if (format === 'stream-json') {
    const init = {
      type: 'system',
      subtype: 'init',
      cwd,
      session_id: sessionId,
      tools: ['Task', 'Bash', 'Glob', 'Grep', 'Read', 'Edit', 'Write'],
      mcp_servers: [],
      model,
      permissionMode: permissionMode ?? 'default',
      apiKeySource: 'ANTHROPIC_API_KEY',
      uuid: randomUUID(),
    };
    const assistant = {
      type: 'assistant',
      message: {
        id: `msg_${sha12(sessionId)}`,
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text: result.result }],
        stop_reason: null,
        usage: { input_tokens: inputTokens, output_tokens: outputTokens },
      },
      parent_tool_use_id: null,
      session_id: sessionId,
      uuid: randomUUID(),
    };
    return [init, assistant, result].map((o) => `${JSON.stringify(o)}\n`).join('');
  }
  return `${result.result}\n`;
}

function geminiStats(model, prompt, answer, durationMs, error) {
  const promptTokens = tokens(prompt);
  const candidates = error ? 0 : tokens(answer);
  return {
    models: {
      [model]: {
        api: { totalRequests: 1, totalErrors: error ? 1 : 0, totalLatencyMs: durationMs },
        tokens: {
          input: promptTokens,
          prompt: promptTokens,
          candidates,
          total: promptTokens + candidates,
          cached: 0,
          thoughts: 0,
          tool: 0,
        },
        roles: {},
      },
    },
    tools: {
      totalCalls: 0,
      totalSuccess: 0,
      totalFail: 0,
      totalDurationMs: 0,
      totalDecisions: { accept: 0, reject: 0, modify: 0, auto_accept: 0 },
      byName: {},
    },
    files: { totalLinesAdded: 0, totalLinesRemoved: 0 },
  };
}

// ---------------------------------------------------------------- main

function findGitRepo(dir) {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return true;
    if (dirname(d) === d) return false;
  }
}

function writeRecord(cli, data) {
  const dir = process.env.FAKE_RECORD_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${cli}-${process.pid}.json`),
    JSON.stringify(
      { cli, pid: process.pid, argv: process.argv.slice(2), cwd: process.cwd(), env: { ...process.env }, ...data },
      null,
      2,
    ),
  );
}

/** Prints a captured real-CLI failure (FAKE_REPLAY) and exits as it did. */
function replay(cli, env, argv, startedAt) {
  const prefix = env.FAKE_REPLAY;
  const stdoutFile = existsSync(`${prefix}.stdout.txt`)
    ? `${prefix}.stdout.txt`
    : existsSync(prefix)
      ? prefix
      : undefined;
  const stderrFile = existsSync(`${prefix}.stderr.txt`) ? `${prefix}.stderr.txt` : undefined;
  if (stdoutFile) out(readFileSync(stdoutFile, 'utf8'));
  if (stderrFile) err(readFileSync(stderrFile, 'utf8'));
  const exitCode = Number(env.FAKE_REPLAY_EXIT ?? 1);
  writeRecord(cli, { mode: 'replay', replay: prefix, promptBase64: null, startedAt, finishedAt: Date.now(), exitCode });
  process.exitCode = exitCode;
}

/** claude stream-json, step by step: usage arrives with every assistant message, as the real CLI prints it. */
async function streamSteps({ env, prompt, answer, model, sessionId, startedAt, promptBase64, cwd, permissionMode }) {
  const steps = Number(env.FAKE_STREAM_STEPS);
  const perStep = Number(env.FAKE_STEP_TOKENS || 1000);
  const delay = Number(env.FAKE_STEP_DELAY_MS || 100);
  // Same process group (not detached): a budget stop must take it down too.
  const child = spawn('sleep', ['1000'], { stdio: 'ignore' });
  writeRecord('claude', {
    mode: 'stream',
    promptBase64,
    startedAt,
    finishedAt: null,
    grandchildPid: child.pid ?? null,
    steps,
  });
  out(
    `${JSON.stringify({ type: 'system', subtype: 'init', cwd, session_id: sessionId, model, permissionMode: permissionMode ?? 'default', tools: [], mcp_servers: [] })}\n`,
  );
  for (let i = 0; i < steps; i++) {
    const message = {
      id: `msg_${i}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: i === steps - 1 ? answer : `step ${i}` }],
      usage: {
        input_tokens: tokens(prompt),
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
        output_tokens: perStep,
      },
    };
    out(`${JSON.stringify({ type: 'assistant', message, parent_tool_use_id: null, session_id: sessionId })}\n`);
    await sleep(delay);
  }
  child.kill('SIGKILL');
  const final = claudeOutput('json', { answer, prompt, model, durationMs: Date.now() - startedAt, sessionId });
  const result = JSON.parse(final);
  result.num_turns = steps;
  result.usage.input_tokens = tokens(prompt) * steps;
  result.usage.output_tokens = perStep * steps;
  out(`${JSON.stringify(result)}\n`);
  writeRecord('claude', { mode: 'stream', promptBase64, startedAt, finishedAt: Date.now(), exitCode: 0, steps });
}

function out(text) {
  process.stdout.write(text);
}
function err(text) {
  process.stderr.write(text);
}

/** Parses argv the way the real CLI would; throws UsageError. Returns what the run needs. */
function parseCli(cli, argv) {
  if (cli === 'claude') {
    const { options, positionals } = parseArgs(argv, CLAUDE_SPEC, commanderErrors);
    if (!options['--print']) {
      throw new UsageError(
        'Error: Raw mode is not supported on the current process.stdin, which Ink uses as input stream by default.\n',
        1,
      );
    }
    const format = options['--output-format'] ?? 'text';
    if (format === 'stream-json' && !options['--verbose']) {
      throw new UsageError('Error: When using --print, --output-format=stream-json requires --verbose\n', 1);
    }
    return {
      format,
      model: options['--model'] ?? DEFAULT_MODELS.claude,
      argPrompt: positionals.join(' '),
      readsStdin: true,
      permissionMode: options['--permission-mode'],
      resume: options['--resume'],
      mayEdit:
        ['acceptEdits', 'bypassPermissions'].includes(options['--permission-mode']) ||
        Boolean(options['--dangerously-skip-permissions']),
    };
  }
  if (cli === 'codex') {
    if (argv[0] !== 'exec' && argv[0] !== 'e') {
      if (argv[0] && !argv[0].startsWith('-')) {
        throw new UsageError(
          `error: unrecognized subcommand '${argv[0]}'\n\nUsage: codex [OPTIONS] [PROMPT]\n\nFor more information, try '--help'.\n`,
          2,
        );
      }
      throw new UsageError('Error: stdin is not a terminal\n', 1);
    }
    const { options, positionals } = parseArgs(argv.slice(1), CODEX_EXEC_SPEC, clapErrors);
    if (positionals.length > 1) throw clapErrors.unknown(positionals[1]);
    const prompt = positionals[0];
    return {
      format: options['--json'] ? 'json' : 'text',
      model: options['--model'] ?? DEFAULT_MODELS.codex,
      argPrompt: prompt && prompt !== '-' ? prompt : '',
      readsStdin: !prompt || prompt === '-',
      skipGitCheck: Boolean(options['--skip-git-repo-check']),
      cd: options['--cd'],
      lastMessageFile: options['--output-last-message'],
      sandbox: options['--sandbox'] ?? 'read-only',
      mayEdit: (options['--sandbox'] ?? 'read-only') !== 'read-only' || Boolean(options['--full-auto']),
    };
  }
  if (cli === 'gemini') {
    const { options, positionals } = parseArgs(argv, GEMINI_SPEC, yargsErrors);
    if (options['--yolo'] && options['--approval-mode']) {
      throw new UsageError(
        `${GEMINI_USAGE}\nCannot use both --yolo (-y) and --approval-mode together. Use --approval-mode=yolo instead.\n`,
        1,
      );
    }
    return {
      format: options['--output-format'] ?? 'text',
      model: options['--model'] ?? DEFAULT_MODELS.gemini,
      argPrompt: [options['--prompt'], ...positionals].filter(Boolean).join(' '),
      readsStdin: true,
      skipTrust: Boolean(options['--skip-trust']),
      mayEdit: ['auto_edit', 'yolo'].includes(options['--approval-mode']) || Boolean(options['--yolo']),
    };
  }
  // echo-agent: generic command, accepts anything
  return { format: 'text', model: undefined, argPrompt: '', readsStdin: true, mayEdit: true };
}

/** The next FAKE_ANSWERS entry for this CLI (the last one repeats), as {answer?, write?, mode?}; undefined without the variable. */
function nextScripted(cli, env) {
  if (!env.FAKE_ANSWERS) return undefined;
  const entries = JSON.parse(env.FAKE_ANSWERS);
  if (!Array.isArray(entries) || entries.length === 0) throw new Error('FAKE_ANSWERS must be a non-empty JSON list');
  if (!env.FAKE_RECORD_DIR) throw new Error('FAKE_ANSWERS needs FAKE_RECORD_DIR for its counter file');
  mkdirSync(env.FAKE_RECORD_DIR, { recursive: true });
  const counter = join(env.FAKE_RECORD_DIR, `.fake-answers-${cli}.count`);
  const index = existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 0;
  writeFileSync(counter, String(index + 1));
  const entry = entries[Math.min(index, entries.length - 1)];
  return typeof entry === 'string' ? { answer: entry } : entry;
}

/** Applies a FAKE_WRITE spec in the working directory when the CLI may edit files; returns what the record notes. */
function applyWrites(spec, mayEdit) {
  if (!spec || Object.keys(spec).length === 0) return {};
  if (!mayEdit) return { writeRefused: Object.keys(spec) };
  for (const [rel, value] of Object.entries(spec)) {
    const file = resolve(process.cwd(), rel);
    mkdirSync(dirname(file), { recursive: true });
    const v = typeof value === 'string' ? { content: value } : value;
    if (v.content !== undefined) writeFileSync(file, v.content);
    if (v.append !== undefined) appendFileSync(file, v.append);
    if (v.mode !== undefined) chmodSync(file, v.mode);
  }
  return { written: Object.keys(spec) };
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Runs what the real CLI would run from the project's configuration when it starts; returns what ran. */
function runProjectConfig(cli) {
  const ran = [];
  const run = (argv) => {
    ran.push(argv.join(' '));
    spawnSync(argv[0], argv.slice(1), { stdio: 'ignore', timeout: 5_000 });
  };
  if (cli === 'claude') {
    for (const name of ['settings.json', 'settings.local.json']) {
      const hooks = readJson(join(process.cwd(), '.claude', name))?.hooks ?? {};
      for (const groups of Object.values(hooks)) {
        for (const group of Array.isArray(groups) ? groups : []) {
          for (const hook of group?.hooks ?? [])
            if (hook?.type === 'command' && typeof hook.command === 'string') run(['sh', '-c', hook.command]);
        }
      }
    }
  }
  if (cli === 'gemini') {
    const servers = readJson(join(process.cwd(), '.gemini', 'settings.json'))?.mcpServers ?? {};
    for (const server of Object.values(servers))
      if (typeof server?.command === 'string') run([server.command, ...(server.args ?? [])]);
  }
  return ran;
}

/** Entry point of every fake CLI. */
export async function main(cli) {
  const startedAt = Date.now();
  const env = process.env;
  const argv = process.argv.slice(2);
  // `<cli> --version`, as the action asks once per CLI: answered at once, with no record, no prompt, no project config.
  if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.write(`${env.FAKE_VERSION || '0.0.0-fake'} (fake ${cli})\n`);
    return;
  }
  if (env.FAKE_REPLAY) return replay(cli, env, argv, startedAt);
  const baseMode = env.FAKE_MODE || 'ok';
  if (!MODES.has(baseMode)) {
    err(`fake ${cli}: unknown FAKE_MODE '${baseMode}'\n`);
    process.exitCode = 64;
    return;
  }

  if (baseMode === 'exit-early') {
    writeRecord(cli, { mode: baseMode, promptBase64: null, startedAt, finishedAt: Date.now(), exitCode: 3 });
    err(`${cli}: fatal: exiting before reading the prompt (FAKE_MODE=exit-early)\n`);
    process.exit(3);
  }

  let parsed;
  try {
    parsed = parseCli(cli, argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    writeRecord(cli, {
      mode: baseMode,
      promptBase64: null,
      startedAt,
      finishedAt: Date.now(),
      exitCode: e.code,
      usageError: e.message,
    });
    err(e.message);
    process.exitCode = e.code;
    return;
  }

  if (cli === 'gemini' && env.GEMINI_CLI_TRUST_WORKSPACE !== 'true' && !parsed.skipTrust) {
    const message =
      'Gemini CLI is not running in a trusted directory. To proceed, either use `--skip-trust`, set the ' +
      '`GEMINI_CLI_TRUST_WORKSPACE=true` environment variable, or trust this directory in interactive mode.\n';
    writeRecord(cli, { mode: baseMode, promptBase64: null, startedAt, finishedAt: Date.now(), exitCode: 55 });
    err(message);
    process.exitCode = 55;
    return;
  }
  if (cli === 'codex' && !parsed.skipGitCheck && !findGitRepo(parsed.cd ?? process.cwd())) {
    writeRecord(cli, { mode: baseMode, promptBase64: null, startedAt, finishedAt: Date.now(), exitCode: 1 });
    err('Not inside a trusted directory and --skip-git-repo-check was not specified.\n');
    process.exitCode = 1;
    return;
  }

  const stdinText = parsed.readsStdin ? (await readStdin()).toString('utf8') : '';
  let prompt = stdinText;
  if (parsed.argPrompt) prompt = stdinText ? `${stdinText}\n\n${parsed.argPrompt}` : parsed.argPrompt;
  const promptBase64 = Buffer.from(prompt, 'utf8').toString('base64');

  const letters = reviewLetters(prompt);
  const isReview = letters.length > 0;
  let mode = (isReview && env.FAKE_REVIEW_MODE) || baseMode;
  if (!MODES.has(mode)) {
    err(`fake ${cli}: unknown FAKE_REVIEW_MODE '${mode}'\n`);
    process.exitCode = 64;
    return;
  }

  if (mode === 'hang') {
    process.on('SIGTERM', () => err(`${cli}: SIGTERM ignored\n`));
    process.on('SIGINT', () => err(`${cli}: SIGINT ignored\n`));
    // Same process group (not detached): killing the group must take it down too.
    const child = spawn('sleep', ['1000'], { stdio: 'ignore' });
    child.on('error', (e) => err(`${cli}: could not start the grandchild: ${e.message}\n`));
    writeRecord(cli, { mode, promptBase64, startedAt, finishedAt: null, grandchildPid: child.pid ?? null });
    err(`${cli}: working...\n`);
    setInterval(() => {}, 1 << 30);
    return;
  }

  if (!prompt.trim() && cli !== 'echo-agent') {
    const messages = {
      claude: 'Error: Input must be provided either through stdin or as a prompt argument when using --print\n',
      codex: 'No prompt provided via stdin.\n',
      gemini:
        'No input provided via stdin. Input can be provided by piping data into gemini or using the --prompt option.\n',
    };
    writeRecord(cli, { mode, promptBase64, startedAt, finishedAt: Date.now(), exitCode: 1 });
    err(messages[cli]);
    process.exitCode = 1;
    return;
  }

  const delay = Number(env.FAKE_DELAY_MS || 0);
  if (delay > 0) await sleep(delay);

  const sha = sha12(prompt);
  let answer;
  if (cli === 'echo-agent') answer = `echo-agent got ${Buffer.byteLength(prompt, 'utf8')} bytes: ${sha}`;
  else if (isReview)
    answer = env.FAKE_REVIEW_FILE
      ? readFileSync(env.FAKE_REVIEW_FILE, 'utf8')
      : (env.FAKE_REVIEW ??
        buildReview(letters, env.FAKE_JUDGE === 'first-seen' ? letters.join(',') : env.FAKE_RANKING));
  else
    answer = env.FAKE_ANSWER_FILE
      ? readFileSync(env.FAKE_ANSWER_FILE, 'utf8')
      : (env.FAKE_ANSWER ?? standInAnswer(cli, prompt, sha));
  const scripted = isReview ? undefined : nextScripted(cli, env);
  const probed = scripted?.probe
    ? Object.fromEntries(scripted.probe.map((p) => [p, existsSync(resolve(process.cwd(), p))]))
    : undefined;
  const projectConfigRan = runProjectConfig(cli);
  if (scripted?.answer !== undefined) answer = scripted.answer;
  if (scripted?.mode !== undefined) mode = scripted.mode;
  const writes = applyWrites(
    scripted?.write ?? (env.FAKE_WRITE ? JSON.parse(env.FAKE_WRITE) : undefined),
    parsed.mayEdit,
  );
  const errorMessage = env.FAKE_ERROR || 'invalid x-api-key';
  const durationMs = Math.max(1, Date.now() - startedAt);
  let sessionId = randomUUID();
  let exitCode = 0;
  // claude keeps each session as ~/.claude/projects/<cwd with - for every other character>/<id>.jsonl, one line a
  // turn; --resume <id> needs that file (as the real CLI does) and carries on in it with the same id.
  if (cli === 'claude') {
    const projects = join(
      env.HOME ?? '/nonexistent',
      '.claude',
      'projects',
      process.cwd().replace(/[^A-Za-z0-9]/g, '-'),
    );
    if (parsed.resume !== undefined) {
      const file = join(projects, `${parsed.resume}.jsonl`);
      if (!existsSync(file)) {
        writeRecord(cli, {
          mode,
          promptBase64,
          startedAt,
          finishedAt: Date.now(),
          exitCode: 1,
          resumed: parsed.resume,
          history: null,
        });
        err(`No conversation found with session ID: ${parsed.resume}\n`);
        process.exitCode = 1;
        return;
      }
      sessionId = parsed.resume;
    }
    const file = join(projects, `${sessionId}.jsonl`);
    const history = existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line).prompt)
      : [];
    mkdirSync(projects, { recursive: true });
    appendFileSync(file, `${JSON.stringify({ prompt, answer })}\n`);
    parsed.history = history;
  }

  if (cli === 'claude' && parsed.format === 'stream-json' && Number(env.FAKE_STREAM_STEPS) > 0 && mode === 'ok') {
    await streamSteps({
      env,
      prompt,
      answer,
      model: parsed.model,
      sessionId,
      startedAt,
      promptBase64,
      cwd: process.cwd(),
      permissionMode: parsed.permissionMode,
    });
    return;
  }
  if (mode === 'garbage') {
    out(`Loaded cached credentials.\n<<< ${cli} garbage: not json {{{ ${sha}\n`);
  } else if (cli === 'echo-agent') {
    if (mode === 'fail') {
      err(`echo-agent: ${errorMessage}\n`);
      exitCode = 1;
    } else out(`${answer}\n`);
  } else if (cli === 'claude') {
    const failed = mode === 'fail';
    out(
      claudeOutput(parsed.format, {
        answer,
        prompt,
        model: parsed.model,
        durationMs,
        sessionId,
        error: failed ? errorMessage : undefined,
        permissionMode: parsed.permissionMode,
        cwd: process.cwd(),
      }),
    );
    exitCode = failed ? 1 : 0;
  } else if (cli === 'codex') {
    const failed = mode === 'fail';
    const message = failed
      ? `unexpected status 401 Unauthorized: {"error":{"message":"${errorMessage}","type":"invalid_request_error","code":"invalid_api_key"}}`
      : '';
    if (parsed.format === 'json') {
      const events = [{ type: 'thread.started', thread_id: sessionId }, { type: 'turn.started' }];
      if (failed) {
        events.push({ type: 'error', message }, { type: 'turn.failed', error: { message } });
      } else {
        events.push(
          { type: 'item.completed', item: { id: 'item_0', type: 'reasoning', text: '**Reading the issue**' } },
          { type: 'item.completed', item: { id: 'item_1', type: 'agent_message', text: answer } },
          {
            type: 'turn.completed',
            usage: { input_tokens: tokens(prompt), cached_input_tokens: 0, output_tokens: tokens(answer) },
          },
        );
      }
      out(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    } else {
      err(
        `OpenAI Codex v0.63.0 (research preview)\n--------\nworkdir: ${process.cwd()}\nmodel: ${parsed.model}\n` +
          `sandbox: ${parsed.sandbox}\nsession id: ${sessionId}\n--------\nuser\n${prompt}\n\n`,
      );
      if (failed) err(`ERROR: ${message}\n`);
      else {
        err(`codex\n${answer}\ntokens used\n${tokens(prompt) + tokens(answer)}\n`);
        out(`${answer}\n`);
      }
    }
    if (!failed && parsed.lastMessageFile) writeFileSync(parsed.lastMessageFile, answer);
    exitCode = failed ? 1 : 0;
  } else if (cli === 'gemini') {
    const failed = mode === 'fail';
    if (failed) {
      const msg = `[API Error: ${errorMessage}]`;
      if (parsed.format === 'json') {
        err(
          `Loaded cached credentials.\n${JSON.stringify({ session_id: sessionId, error: { type: 'Error', message: msg, code: 401 } }, null, 2)}\n`,
        );
      } else err(`Error when talking to Gemini API ${msg}\n`);
    } else if (parsed.format === 'json') {
      const body = {
        session_id: sessionId,
        response: answer,
        stats: geminiStats(parsed.model, prompt, answer, durationMs, false),
      };
      out(`${JSON.stringify(body, null, 2)}\n`);
    } else if (parsed.format === 'stream-json') {
      const events = [
        { type: 'init', timestamp: new Date(startedAt).toISOString(), session_id: sessionId, model: parsed.model },
        { type: 'message', timestamp: new Date().toISOString(), role: 'user', content: prompt },
        { type: 'message', timestamp: new Date().toISOString(), role: 'assistant', content: answer, delta: true },
        {
          type: 'result',
          timestamp: new Date().toISOString(),
          status: 'success',
          stats: {
            total_tokens: tokens(prompt) + tokens(answer),
            input_tokens: tokens(prompt),
            output_tokens: tokens(answer),
            duration_ms: durationMs,
            tool_calls: 0,
          },
        },
      ];
      out(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    } else out(`${answer}\n`);
    exitCode = failed ? 1 : 0;
  }

  writeRecord(cli, {
    mode,
    promptBase64,
    startedAt,
    finishedAt: Date.now(),
    exitCode,
    ...writes,
    probed,
    projectConfigRan,
    ...(cli === 'claude' ? { resumed: parsed.resume ?? null, history: parsed.history } : {}),
  });
  // exitCode, not exit(): let stdout drain into the pipe first.
  process.exitCode = exitCode;
}
