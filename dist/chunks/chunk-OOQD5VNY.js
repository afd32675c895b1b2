import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/agents/output-parsing.ts
var TAIL_LINES = 5;
var MAX_DETAIL_CHARS = 1e3;
var MAX_SPAN_ATTEMPTS = 10;
var MAX_LINE_ATTEMPTS = 200;
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function asNumber(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : void 0;
}
function asString(value) {
  return typeof value === "string" ? value : void 0;
}
function tryParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
function extractJson(text) {
  const trimmed = text.trim();
  if (trimmed === "") return void 0;
  const whole = tryParse(trimmed);
  if (whole !== void 0) return whole;
  const lines = trimmed.split(/\r?\n/);
  let last = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/[\]}]\s*$/.test(lines[i] ?? "")) {
      last = i;
      break;
    }
  }
  let attempts = 0;
  for (let first = 0; first < last && attempts < MAX_SPAN_ATTEMPTS; first++) {
    if (!/^\s*[[{]/.test(lines[first] ?? "")) continue;
    attempts++;
    const span = tryParse(lines.slice(first, last + 1).join("\n"));
    if (span !== void 0) return span;
  }
  attempts = 0;
  for (let i = lines.length - 1; i >= 0 && attempts < MAX_LINE_ATTEMPTS; i--) {
    const line = (lines[i] ?? "").trim();
    if (!line.startsWith("{")) continue;
    attempts++;
    const parsed = tryParse(line);
    if (parsed !== void 0) return parsed;
  }
  return void 0;
}
function parseJsonLines(text) {
  const events = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("{")) continue;
    const parsed = tryParse(trimmed);
    if (isRecord(parsed)) events.push(parsed);
  }
  return events;
}
function tailLines(text, count = TAIL_LINES) {
  const lines = text.trimEnd().split(/\r?\n/);
  return keepEnd(lines.slice(-count).join("\n").trim(), MAX_DETAIL_CHARS);
}
function outputTail(result) {
  const stderr = tailLines(result.stderr.text);
  if (stderr !== "") return `last lines of stderr:
${stderr}`;
  const stdout = tailLines(result.stdout.text);
  if (stdout !== "") return `last lines of stdout:
${stdout}`;
  return "stdout and stderr were empty";
}
function clip(text, max = MAX_DETAIL_CHARS) {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max)}\u2026`;
}
function keepEnd(text, max) {
  if (text.length <= max) return text;
  const start = text.length - max;
  const code = text.charCodeAt(start);
  return `\u2026${text.slice(code >= 56320 && code <= 57343 ? start + 1 : start)}`;
}
function exitDescription(result) {
  if (result.exitCode !== null) return `exit code ${result.exitCode}`;
  return result.signal ? `killed by signal ${result.signal}` : "no exit code";
}
function failureMessage(agent, result, ...details) {
  const parts = details.filter((d) => d !== void 0 && d.trim() !== "");
  const head = `${agent.name} failed (${exitDescription(result)})`;
  return parts.length === 0 ? head : `${head}: ${parts.join("; ")}`;
}
function truncatedOutputError(agent, result) {
  if (!result.stdout.truncated) return void 0;
  return `${agent.name} produced ${result.stdout.totalBytes} bytes on stdout, which exceeded the in-memory output limit, so its answer could not be read; the full output is in ${result.stdout.file}`;
}
function readJsonLines(agent, result, cli) {
  const truncated = truncatedOutputError(agent, result);
  if (truncated) return { error: truncated };
  const events = parseJsonLines(result.stdout.text);
  if (events.length > 0) return { events };
  if (result.exitCode !== 0) return { error: failureMessage(agent, result, outputTail(result)) };
  return { error: `${agent.name}: could not parse ${cli} JSON output; ${outputTail(result)}` };
}
function sessionIdIn(text, key) {
  const match = new RegExp(`"${key}"\\s*:\\s*"([A-Za-z0-9][A-Za-z0-9_-]{7,99})"`).exec(text);
  return match?.[1];
}

// src/agents/claude.ts
var BINARY = "claude";
var CLAUDE_WRITE_TOOLS = ["Bash", "Edit", "Write", "MultiEdit", "NotebookEdit"];
function modeFlags(mode) {
  if (mode === "read-only") return ["--disallowedTools", CLAUDE_WRITE_TOOLS.join(",")];
  return ["--permission-mode", "acceptEdits"];
}
function findResult(parsed) {
  if (isRecord(parsed))
    return parsed.type === "result" || "result" in parsed || "is_error" in parsed ? parsed : void 0;
  if (Array.isArray(parsed)) {
    for (let i = parsed.length - 1; i >= 0; i--) {
      const entry = parsed[i];
      if (isRecord(entry) && entry.type === "result") return entry;
    }
  }
  return void 0;
}
function readUsage(result) {
  const usage = {};
  const raw = isRecord(result.usage) ? result.usage : void 0;
  if (raw) {
    const input = asNumber(raw.input_tokens);
    const cacheRead = asNumber(raw.cache_read_input_tokens);
    const cacheCreation = asNumber(raw.cache_creation_input_tokens);
    if (input !== void 0 || cacheRead !== void 0 || cacheCreation !== void 0) {
      usage.inputTokens = (input ?? 0) + (cacheRead ?? 0) + (cacheCreation ?? 0);
    }
    if (cacheRead !== void 0) usage.cachedInputTokens = cacheRead;
    const output = asNumber(raw.output_tokens);
    if (output !== void 0) usage.outputTokens = output;
  }
  const cost = asNumber(result.total_cost_usd);
  if (cost !== void 0) usage.costUsd = cost;
  const duration = asNumber(result.duration_ms);
  if (duration !== void 0) usage.apiDurationMs = duration;
  const turns = asNumber(result.num_turns);
  if (turns !== void 0) usage.turns = turns;
  return usage;
}
function mainModel(result) {
  if (!isRecord(result.modelUsage)) return void 0;
  let best;
  let bestOutput = -1;
  for (const [model, stats] of Object.entries(result.modelUsage)) {
    const output = isRecord(stats) ? asNumber(stats.outputTokens) ?? 0 : 0;
    if (output > bestOutput) {
      best = model;
      bestOutput = output;
    }
  }
  return best;
}
function apiErrorHint(status) {
  if (status === 401 || status === 403) {
    return "check ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN in the workflow secrets";
  }
  if (status === 429) return "the API rate limit or usage limit was reached; retry later";
  return void 0;
}
function errorDetails(result) {
  const details = [];
  const subtype = asString(result.subtype);
  if (subtype !== void 0 && subtype !== "success") details.push(`result subtype "${subtype}"`);
  const status = asNumber(result.api_error_status);
  if (status !== void 0) details.push(`API error status ${status}`);
  const text = asString(result.result);
  if (text !== void 0 && text.trim() !== "") details.push(clip(text));
  if (Array.isArray(result.errors)) {
    const errors = result.errors.filter((e) => typeof e === "string" && e.trim() !== "");
    if (errors.length > 0) details.push(clip(errors.join("; ")));
  }
  const hint = apiErrorHint(status);
  if (hint) details.push(hint);
  return details;
}
function buildInvocation(agent, mode, options = {}) {
  const format = options.streamUsage ? ["--output-format", "stream-json", "--verbose"] : ["--output-format", "json"];
  const argv = [BINARY, "-p", ...modeFlags(mode), ...format];
  if (agent.model) argv.push("--model", agent.model);
  if (agent.limits?.maxTurns !== void 0) argv.push("--max-turns", String(agent.limits.maxTurns));
  argv.push(...agent.args);
  return { argv, env: { CLAUDE_CODE_MAX_RETRIES: "2", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1" } };
}
function lastLineResult(stdout) {
  const lines = stdout.trimEnd().split("\n");
  if (lines.length < 2) return void 0;
  const parsed = extractJson(lines.at(-1));
  return isRecord(parsed) && parsed.type === "result" ? parsed : void 0;
}
function parseOutput(result, agent) {
  const truncated = truncatedOutputError(agent, result);
  const final = truncated ? lastLineResult(result.stdout.text) : findResult(extractJson(result.stdout.text));
  if (truncated && !final) return { ok: false, error: truncated };
  if (!final) {
    if (result.exitCode !== 0) return { ok: false, error: failureMessage(agent, result, outputTail(result)) };
    return { ok: false, error: `${agent.name}: could not parse claude JSON output; ${outputTail(result)}` };
  }
  const usage = readUsage(final);
  const model = mainModel(final);
  const failed = final.is_error === true || (asString(final.subtype) ?? "success") !== "success";
  if (failed) {
    const details = errorDetails(final);
    if (details.length === 0) details.push(outputTail(result));
    return { ok: false, error: failureMessage(agent, result, ...details), usage };
  }
  if (result.exitCode !== 0) {
    const note = "claude printed a successful result but exited abnormally, so the answer may be incomplete";
    return { ok: false, error: failureMessage(agent, result, note, outputTail(result)), usage };
  }
  const answer = asString(final.result)?.trim() ?? "";
  if (answer === "")
    return { ok: false, error: `${agent.name} returned an empty answer (claude "result" was empty)`, usage };
  return model === void 0 ? { ok: true, answer, usage } : { ok: true, answer, usage, model };
}
function streamUsage(event, state) {
  if (event.type === "system" && event.subtype === "init") state.model = asString(event.model) ?? state.model;
  if (event.type === "result") {
    state.usage = readUsage(event);
    return;
  }
  const message = isRecord(event.message) ? event.message : void 0;
  if (event.type !== "assistant" || !message || !isRecord(message.usage)) return;
  state.model = asString(message.model) ?? state.model;
  state.messages.set(asString(message.id) ?? `#${state.messages.size}`, readUsage({ usage: message.usage }));
  const usage = { turns: state.messages.size };
  for (const m of state.messages.values()) {
    for (const key of ["inputTokens", "outputTokens", "cachedInputTokens"])
      if (m[key] !== void 0) usage[key] = (usage[key] ?? 0) + m[key];
  }
  state.usage = usage;
}
var session = {
  idOf: (result) => sessionIdIn(result.stdout.text, "session_id"),
  resume: (inv, id) => ({ ...inv, argv: [...inv.argv, "--resume", id] }),
  homeDirs: [".claude/projects"],
  idInPath: (id) => id
};
var claudeAdapter = {
  id: "claude",
  binary: BINARY,
  installHint: "npm install -g @anthropic-ai/claude-code",
  npm: { name: "@anthropic-ai/claude-code", defaultVersion: "2.1.332" },
  envPrefixes: ["ANTHROPIC_", "CLAUDE_CODE_", "CLAUDE_"],
  session,
  buildInvocation,
  parseOutput,
  streamUsage
};

// src/agents/codex.ts
var BINARY2 = "codex";
var MAX_ERROR_MESSAGES = 3;
function addUsage(usage, raw) {
  const input = asNumber(raw.input_tokens);
  const cached = asNumber(raw.cached_input_tokens);
  const output = asNumber(raw.output_tokens);
  if (input !== void 0) usage.inputTokens = (usage.inputTokens ?? 0) + input;
  if (cached !== void 0) usage.cachedInputTokens = (usage.cachedInputTokens ?? 0) + cached;
  if (output !== void 0) usage.outputTokens = (usage.outputTokens ?? 0) + output;
}
function readEvents(events) {
  const run = { usage: {}, sawTurnCompleted: false, turnFailures: [], errors: [] };
  for (const event of events) {
    switch (event.type) {
      case "item.completed": {
        const item = event.item;
        if (isRecord(item) && item.type === "agent_message") {
          const text = asString(item.text);
          if (text !== void 0) run.answer = text;
        }
        break;
      }
      case "turn.completed":
        run.sawTurnCompleted = true;
        if (isRecord(event.usage)) addUsage(run.usage, event.usage);
        break;
      case "turn.failed": {
        const message = isRecord(event.error) ? asString(event.error.message) : void 0;
        run.turnFailures.push(message ?? "turn failed without a message");
        break;
      }
      case "error": {
        const message = asString(event.message);
        if (message) run.errors.push(message);
        break;
      }
      default:
        break;
    }
  }
  return run;
}
function errorSummary(run) {
  const unique = [.../* @__PURE__ */ new Set([...run.errors, ...run.turnFailures])];
  if (unique.length === 0) return void 0;
  return clip(unique.slice(-MAX_ERROR_MESSAGES).join("; "));
}
function buildInvocation2(agent, mode) {
  const sandbox = mode === "read-only" ? "read-only" : "workspace-write";
  const argv = [BINARY2, "exec", "--json", "--skip-git-repo-check", "-s", sandbox];
  if (agent.model) argv.push("-m", agent.model);
  argv.push(...agent.args);
  return { argv, env: {} };
}
function describeTimeout(result) {
  const errors = readEvents(parseJsonLines(result.stdout.text)).errors;
  const last = errors.at(-1);
  return last === void 0 ? void 0 : clip(last);
}
function parseOutput2(result, agent) {
  const read = readJsonLines(agent, result, "codex");
  if ("error" in read) return { ok: false, error: read.error };
  const run = readEvents(read.events);
  const usage = run.usage;
  const answer = run.answer?.trim() ?? "";
  const failed = result.exitCode !== 0 || run.turnFailures.length > 0 || answer === "" && run.errors.length > 0;
  if (failed) {
    const summary = errorSummary(run);
    return { ok: false, error: failureMessage(agent, result, summary ?? outputTail(result)), usage };
  }
  if (answer === "") {
    const what = run.sawTurnCompleted ? "the turn completed without an agent message" : "no agent message in the events";
    return { ok: false, error: `${agent.name} returned an empty answer (${what})`, usage };
  }
  return { ok: true, answer, usage };
}
function streamUsage2(event, state) {
  if (event.type === "turn.completed" && isRecord(event.usage)) addUsage(state.usage, event.usage);
}
var session2 = {
  idOf: (result) => sessionIdIn(result.stdout.text, "thread_id"),
  resume: (inv, id) => ({ ...inv, argv: [...inv.argv, "resume", id, "-"] }),
  homeDirs: [".codex/sessions"],
  idInPath: (id) => id
};
var codexAdapter = {
  id: "codex",
  binary: BINARY2,
  installHint: "npm install -g @openai/codex",
  npm: { name: "@openai/codex", defaultVersion: "0.171.0" },
  envPrefixes: ["OPENAI_", "CODEX_", "AZURE_OPENAI_"],
  session: session2,
  buildInvocation: buildInvocation2,
  parseOutput: parseOutput2,
  describeTimeout,
  streamUsage: streamUsage2
};

// src/agents/command.ts
function buildInvocation3(agent, _mode) {
  const command = agent.command ?? [];
  const [program] = command;
  if (program === void 0 || program.trim() === "") {
    throw new Error(`agent "${agent.name}" has no command to run (set \`command\` to an argv array, or \`cli\`)`);
  }
  return { argv: [...command, ...agent.args], env: {} };
}
function parseOutput3(result, agent) {
  const truncated = truncatedOutputError(agent, result);
  if (truncated) return { ok: false, error: truncated };
  if (result.exitCode !== 0) return { ok: false, error: failureMessage(agent, result, outputTail(result)) };
  const answer = result.stdout.text.trim();
  if (answer === "")
    return { ok: false, error: `${agent.name}: no answer on stdout (exit code 0); ${outputTail(result)}` };
  return { ok: true, answer, usage: {} };
}
var commandAdapter = {
  id: "command",
  // Command agents name their own program; argv[0] of the invocation is what gets looked up.
  binary: "",
  installHint: "install the program named first in the agent's `command` on the runner's PATH",
  envPrefixes: [],
  buildInvocation: buildInvocation3,
  parseOutput: parseOutput3
};

// src/agents/copilot.ts
var BINARY3 = "copilot";
var MAX_ERROR_MESSAGES2 = 3;
var AUTH_HINT = "with a custom provider check COPILOT_PROVIDER_API_KEY (or COPILOT_PROVIDER_BEARER_TOKEN); with GitHub Copilot itself pass a Copilot-enabled token as COPILOT_GITHUB_TOKEN (agent pass-env)";
function modeFlags2(mode) {
  if (mode === "read-only") return ["--deny-tool=write", "--deny-tool=shell"];
  return ["--allow-tool=write", "--deny-tool=shell"];
}
function readEvents2(events) {
  const run = { usage: {}, errors: [], authFailed: false, turns: 0 };
  for (const event of events) {
    const data = isRecord(event.data) ? event.data : {};
    switch (event.type) {
      case "assistant.message": {
        const content = asString(data.content);
        if (content !== void 0 && content.trim() !== "") run.answer = content;
        const model = asString(data.model);
        if (model) run.model = model;
        break;
      }
      case "assistant.turn_end":
        run.turns++;
        break;
      case "session.error": {
        const message = asString(data.message)?.trim();
        const status = asNumber(data.statusCode);
        run.errors.push(message ?? `session error${status === void 0 ? "" : ` (HTTP ${status})`}`);
        if (data.errorType === "authentication" || status === 401 || status === 403) run.authFailed = true;
        break;
      }
      case "result": {
        run.resultExitCode = asNumber(event.exitCode);
        const usage = isRecord(event.usage) ? event.usage : {};
        const apiMs = asNumber(usage.totalApiDurationMs);
        if (apiMs !== void 0 && apiMs > 0) run.usage.apiDurationMs = apiMs;
        break;
      }
      default:
        break;
    }
  }
  if (run.turns > 0) run.usage.turns = run.turns;
  return run;
}
function buildInvocation4(agent, mode) {
  const argv = [
    BINARY3,
    "--output-format",
    "json",
    "--no-auto-update",
    "--no-ask-user",
    "--disable-client-telemetry",
    ...modeFlags2(mode)
  ];
  if (agent.model) argv.push("--model", agent.model);
  argv.push(...agent.args);
  return { argv, env: { COPILOT_AUTO_UPDATE: "false" } };
}
function parseOutput4(result, agent) {
  const read = readJsonLines(agent, result, "copilot");
  if ("error" in read) return { ok: false, error: read.error };
  const run = readEvents2(read.events);
  const { usage } = run;
  const answer = run.answer?.trim() ?? "";
  const failed = result.exitCode !== 0 || run.errors.length > 0 || (run.resultExitCode ?? 0) !== 0;
  if (failed) {
    const details = [];
    const unique = [...new Set(run.errors)];
    details.push(unique.length > 0 ? clip(unique.slice(-MAX_ERROR_MESSAGES2).join("; ")) : outputTail(result));
    if (run.authFailed) details.push(AUTH_HINT);
    return { ok: false, error: failureMessage(agent, result, ...details), usage };
  }
  if (run.resultExitCode === void 0) {
    const note = 'copilot exited without its final "result" event, so the answer may be incomplete';
    return { ok: false, error: failureMessage(agent, result, note, outputTail(result)), usage };
  }
  if (answer === "")
    return {
      ok: false,
      error: `${agent.name} returned an empty answer (no copilot assistant message had text)`,
      usage
    };
  return run.model === void 0 ? { ok: true, answer, usage } : { ok: true, answer, usage, model: run.model };
}
function streamUsage3(event, state) {
  if (event.type === "assistant.turn_end") state.usage.turns = (state.usage.turns ?? 0) + 1;
}
var session3 = {
  idOf: (result) => sessionIdIn(result.stdout.text, "sessionId"),
  resume: (inv, id) => ({ ...inv, argv: [...inv.argv, `--resume=${id}`] }),
  homeDirs: [".copilot/session-state"],
  idInPath: (id) => id
};
var copilotAdapter = {
  id: "copilot",
  binary: BINARY3,
  installHint: "npm install -g @github/copilot",
  npm: { name: "@github/copilot", defaultVersion: "1.0.102" },
  // Provider (BYOK) settings only: COPILOT_GITHUB_TOKEN is a GitHub token and COPILOT_ALLOW_ALL would
  // lift the read-only mode, so neither is passed by prefix (a user passes the token by name: pass-env).
  envPrefixes: ["COPILOT_PROVIDER_", "COPILOT_MODEL", "COPILOT_OFFLINE"],
  session: session3,
  buildInvocation: buildInvocation4,
  parseOutput: parseOutput4,
  streamUsage: streamUsage3
};

// src/agents/gemini.ts
var BINARY4 = "gemini";
var GEMINI_EXIT_UNTRUSTED_WORKSPACE = 55;
var GEMINI_EXIT_AUTH = 41;
var UNTRUSTED_EXPLANATION = "Gemini CLI refused to run because it does not trust the workspace folder. The adapter sets GEMINI_CLI_TRUST_WORKSPACE=true; check that the agent env does not override it and that the installed gemini version honours it";
var AUTH_HINT2 = "check GEMINI_API_KEY (or GOOGLE_API_KEY / Vertex AI settings) in the workflow secrets";
var GATEWAY_AUTH_HINT = 'with GOOGLE_GEMINI_BASE_URL set, Gemini CLI needs the auth type in $HOME/.gemini/settings.json: {"security":{"auth":{"selectedType":"gemini-api-key"}}}';
var UNREACHABLE_HINT = "the Gemini API could not be reached (connection refused, DNS or proxy failure): check GOOGLE_GEMINI_BASE_URL, the network and the proxy settings";
function readStats(stats) {
  const usage = {};
  if (!isRecord(stats) || !isRecord(stats.models)) return { usage };
  let model;
  let modelTotal = -1;
  const add = (key, value) => {
    if (value !== void 0) usage[key] = (usage[key] ?? 0) + value;
  };
  for (const [name, entry] of Object.entries(stats.models)) {
    if (!isRecord(entry)) continue;
    const tokens = isRecord(entry.tokens) ? entry.tokens : {};
    add("inputTokens", asNumber(tokens.prompt));
    add("cachedInputTokens", asNumber(tokens.cached));
    const candidates = asNumber(tokens.candidates);
    const thoughts = asNumber(tokens.thoughts);
    if (candidates !== void 0 || thoughts !== void 0) add("outputTokens", (candidates ?? 0) + (thoughts ?? 0));
    if (isRecord(entry.api)) add("apiDurationMs", asNumber(entry.api.totalLatencyMs));
    const total = asNumber(tokens.total) ?? 0;
    if (total > modelTotal) {
      model = name;
      modelTotal = total;
    }
  }
  return model === void 0 ? { usage } : { usage, model };
}
function unwrapApiError(message) {
  if (message === void 0 || !message.startsWith("{")) return void 0;
  try {
    const inner = JSON.parse(message);
    if (!isRecord(inner) || !isRecord(inner.error)) return void 0;
    const text = asString(inner.error.message)?.trim();
    if (!text) return void 0;
    const status = asString(inner.error.status);
    const code = asNumber(inner.error.code);
    return { message: text, ...status ? { status } : {}, ...code !== void 0 ? { code } : {} };
  } catch {
    return void 0;
  }
}
function readError(doc) {
  if (!doc || !isRecord(doc.error)) return void 0;
  const message = asString(doc.error.message)?.trim();
  const api = unwrapApiError(message);
  if (api)
    return clip(
      `${api.message} (${[api.status, api.code ?? doc.error.code].filter((p) => p !== void 0).join(" ")})`
    );
  const type = asString(doc.error.type);
  const code = doc.error.code;
  const codeText = typeof code === "number" || typeof code === "string" ? ` ${code}` : "";
  const label = type && type !== "Error" ? `${type}${codeText}` : codeText.trim();
  if (!message) return label ? `gemini reported error ${label}` : void 0;
  return clip(label ? `${message} (${label})` : message);
}
function looksLikeAuthError(result, doc) {
  if (result.exitCode === GEMINI_EXIT_AUTH) return true;
  const code = isRecord(doc?.error) ? doc.error.code : void 0;
  if (code === 401 || code === 403 || code === "401" || code === "403") return true;
  const message = readError(doc) ?? "";
  return /\b401\b|unauthenticated|api key not valid|invalid api key/i.test(message);
}
function asDocument(parsed) {
  return isRecord(parsed) && ("response" in parsed || "error" in parsed || "stats" in parsed) ? parsed : void 0;
}
function buildInvocation5(agent, mode) {
  const argv = [BINARY4, "-o", "json"];
  if (mode === "write") argv.push("--approval-mode", "auto_edit");
  if (agent.model) argv.push("-m", agent.model);
  argv.push(...agent.args);
  return { argv, env: { GEMINI_CLI_TRUST_WORKSPACE: "true" } };
}
function describeTimeout2(result) {
  const attempts = result.stderr.text.split(/^(?=Attempt \d+ failed: )/m).filter((chunk) => chunk.startsWith("Attempt "));
  const last = attempts.at(-1);
  if (last === void 0) return void 0;
  return clip(
    last.replace(/\s*Retrying after \d+ms\.\.\.[\s\S]*$/, "").replace(/\s+/g, " ").trim()
  );
}
function parseOutput5(result, agent) {
  const truncated = truncatedOutputError(agent, result);
  if (truncated) return { ok: false, error: truncated };
  const stdoutDoc = asDocument(extractJson(result.stdout.text));
  const errorDoc = isRecord(stdoutDoc?.error) ? stdoutDoc : asDocument(extractJson(result.stderr.text));
  const { usage, model } = readStats(stdoutDoc?.stats);
  const hasUsage = Object.keys(usage).length > 0;
  const cliError = readError(errorDoc);
  if (result.exitCode !== 0 || cliError !== void 0) {
    const details = [];
    if (result.exitCode === GEMINI_EXIT_UNTRUSTED_WORKSPACE) details.push(UNTRUSTED_EXPLANATION);
    details.push(cliError ?? outputTail(result));
    if (/Invalid auth method selected/i.test(cliError ?? "")) details.push(GATEWAY_AUTH_HINT);
    else if (looksLikeAuthError(result, errorDoc)) details.push(AUTH_HINT2);
    else if (/fetch failed/i.test(cliError ?? "")) details.push(UNREACHABLE_HINT);
    const error = failureMessage(agent, result, ...details);
    return hasUsage ? { ok: false, error, usage } : { ok: false, error };
  }
  if (!stdoutDoc)
    return { ok: false, error: `${agent.name}: could not parse gemini JSON output; ${outputTail(result)}` };
  const answer = asString(stdoutDoc.response)?.trim() ?? "";
  if (answer === "")
    return { ok: false, error: `${agent.name} returned an empty answer (gemini "response" was empty)`, usage };
  return model === void 0 ? { ok: true, answer, usage } : { ok: true, answer, usage, model };
}
var session4 = {
  idOf: (result) => sessionIdIn(result.stdout.text, "session_id"),
  resume: (inv, id) => ({ ...inv, argv: [...inv.argv, "--resume", id] }),
  homeDirs: [".gemini/tmp"],
  idInPath: (id) => id.slice(0, 8)
};
var geminiAdapter = {
  id: "gemini",
  binary: BINARY4,
  installHint: "npm install -g @google/gemini-cli",
  npm: { name: "@google/gemini-cli", defaultVersion: "0.61.0" },
  envPrefixes: ["GEMINI_", "GOOGLE_"],
  session: session4,
  buildInvocation: buildInvocation5,
  parseOutput: parseOutput5,
  describeTimeout: describeTimeout2
};

// src/agents/opencode.ts
var BINARY5 = "opencode";
var MAX_ERROR_MESSAGES3 = 3;
var SESSION_TITLE = "ai-orchestra";
var AUTH_HINT3 = "check the provider API key opencode reads (its config, OPENCODE_CONFIG_CONTENT, or a variable passed with pass-env)";
function opencodePermission(mode) {
  return mode === "read-only" ? { edit: "deny", bash: "deny" } : { edit: "allow", bash: "deny" };
}
function addTokens(usage, part) {
  const tokens = isRecord(part.tokens) ? part.tokens : {};
  const cache = isRecord(tokens.cache) ? tokens.cache : {};
  const add = (key, value) => {
    if (value !== void 0) usage[key] = (usage[key] ?? 0) + value;
  };
  const input = asNumber(tokens.input);
  const cacheRead = asNumber(cache.read);
  const cacheWrite = asNumber(cache.write);
  if (input !== void 0 || cacheRead !== void 0 || cacheWrite !== void 0)
    add("inputTokens", (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0));
  if (cacheRead !== void 0) add("cachedInputTokens", cacheRead);
  const output = asNumber(tokens.output);
  const reasoning = asNumber(tokens.reasoning);
  if (output !== void 0 || reasoning !== void 0) add("outputTokens", (output ?? 0) + (reasoning ?? 0));
  add("costUsd", asNumber(part.cost));
}
function errorText(error) {
  if (!isRecord(error)) return void 0;
  const data = isRecord(error.data) ? error.data : {};
  const name = asString(error.name);
  const message = asString(data.message)?.trim() ?? asString(error.message)?.trim();
  const status = asNumber(data.statusCode);
  const label = [name, status === void 0 ? void 0 : `HTTP ${status}`].filter(Boolean).join(", ");
  const text = message ? label ? `${message} (${label})` : message : label || "opencode reported an error without a message";
  return status === void 0 ? { text } : { text, status };
}
function readEvents3(events) {
  const run = { answerParts: [], usage: {}, steps: 0, errors: [], authFailed: false };
  let stepText = [];
  for (const event of events) {
    const part = isRecord(event.part) ? event.part : {};
    switch (event.type) {
      case "step_start":
        stepText = [];
        break;
      case "text": {
        const text = asString(part.text);
        if (text !== void 0 && text.trim() !== "") {
          stepText.push(text);
          run.answerParts = stepText;
        }
        break;
      }
      case "step_finish":
        run.steps++;
        addTokens(run.usage, part);
        break;
      case "error": {
        const error = errorText(event.error);
        if (error) {
          run.errors.push(error.text);
          if (error.status === 401 || error.status === 403) run.authFailed = true;
        }
        break;
      }
      default:
        break;
    }
  }
  if (run.steps > 0) run.usage.turns = run.steps;
  return run;
}
function buildInvocation6(agent, mode) {
  const argv = [BINARY5, "run", "--format", "json", "--title", SESSION_TITLE];
  if (agent.model) argv.push("--model", agent.model);
  argv.push(...agent.args);
  return {
    argv,
    env: {
      OPENCODE_PERMISSION: JSON.stringify(opencodePermission(mode)),
      OPENCODE_DISABLE_AUTOUPDATE: "1",
      // The bundled model catalogue, not a fetch from models.dev on every run.
      OPENCODE_DISABLE_MODELS_FETCH: "1"
    }
  };
}
function parseOutput6(result, agent) {
  const read = readJsonLines(agent, result, "opencode");
  if ("error" in read) return { ok: false, error: read.error };
  const run = readEvents3(read.events);
  const { usage } = run;
  const answer = run.answerParts.join("\n\n").trim();
  if (result.exitCode !== 0 || run.errors.length > 0) {
    const unique = [...new Set(run.errors)];
    const details = [
      unique.length > 0 ? clip(unique.slice(-MAX_ERROR_MESSAGES3).join("; ")) : outputTail(result)
    ];
    if (run.authFailed) details.push(AUTH_HINT3);
    return { ok: false, error: failureMessage(agent, result, ...details), usage };
  }
  if (answer === "") {
    const what = run.steps > 0 ? "its steps finished without text" : "no text in the events";
    return { ok: false, error: `${agent.name} returned an empty answer (${what})`, usage };
  }
  return { ok: true, answer, usage };
}
function streamUsage4(event, state) {
  if (event.type !== "step_finish") return;
  addTokens(state.usage, isRecord(event.part) ? event.part : {});
  state.usage.turns = (state.usage.turns ?? 0) + 1;
}
var session5 = {
  idOf: (result) => sessionIdIn(result.stdout.text, "sessionID"),
  resume: (inv, id) => ({ ...inv, argv: [...inv.argv, "--session", id] }),
  homeDirs: [],
  idInPath: (id) => id
};
var opencodeAdapter = {
  id: "opencode",
  binary: BINARY5,
  installHint: "npm install -g opencode-ai",
  npm: { name: "opencode-ai", defaultVersion: "1.18.33" },
  // opencode's own settings (OPENCODE_CONFIG, OPENCODE_CONFIG_CONTENT...); a provider key its config reads
  // with {env:NAME} is passed by name (pass-env), since opencode speaks to dozens of providers.
  envPrefixes: ["OPENCODE_"],
  session: session5,
  buildInvocation: buildInvocation6,
  parseOutput: parseOutput6,
  streamUsage: streamUsage4
};

// src/agents/qwen.ts
var BINARY6 = "qwen";
var QWEN_EXIT_BUDGET = 55;
var AUTH_HINT4 = "check OPENAI_API_KEY and OPENAI_BASE_URL (or the auth settings of the chosen --auth-type)";
function qwenWallTimeSec(timeoutSec) {
  const margin = Math.max(15, Math.ceil(timeoutSec * 0.1));
  return Math.max(1, Math.floor(timeoutSec - margin));
}
function modeFlags3(mode) {
  return ["--approval-mode", mode === "read-only" ? "plan" : "auto-edit"];
}
function findResult2(parsed) {
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (isRecord(entry) && entry.type === "result") return entry;
  }
  return void 0;
}
function findModel(parsed) {
  if (!Array.isArray(parsed)) return void 0;
  const init = parsed.find((entry) => isRecord(entry) && entry.type === "system");
  return isRecord(init) ? asString(init.model) : void 0;
}
function readUsage2(result) {
  const usage = {};
  const raw = isRecord(result.usage) ? result.usage : {};
  const input = asNumber(raw.input_tokens);
  const output = asNumber(raw.output_tokens);
  const cached = asNumber(raw.cache_read_input_tokens);
  if (input !== void 0) usage.inputTokens = input;
  if (output !== void 0) usage.outputTokens = output;
  if (cached !== void 0) usage.cachedInputTokens = cached;
  const apiMs = asNumber(result.duration_api_ms);
  if (apiMs !== void 0 && apiMs > 0) usage.apiDurationMs = apiMs;
  const turns = asNumber(result.num_turns);
  if (turns !== void 0) usage.turns = turns;
  return usage;
}
function readErrorDocument(text) {
  const doc = extractJson(text);
  if (!isRecord(doc) || !isRecord(doc.error)) return void 0;
  const message = asString(doc.error.message)?.trim();
  const type = asString(doc.error.type);
  if (!message) return type;
  return clip(type && type !== "AlreadyReportedError" ? `${message} (${type})` : message);
}
function lastApiError(stderr) {
  const lines = stderr.split(/\r?\n/).filter((line) => line.includes("[API Error"));
  const last = lines.at(-1)?.trim();
  return last ? `last API error: ${clip(last, 300)}` : void 0;
}
function resultError(result) {
  if (isRecord(result.error)) {
    const message = asString(result.error.message)?.trim();
    if (message) return clip(message);
  }
  const text = asString(result.result)?.trim();
  return text ? clip(text) : void 0;
}
function noResultFailure(result, agent) {
  const details = [];
  if (result.exitCode === QWEN_EXIT_BUDGET) {
    details.push(
      `qwen stopped at its run budget (--max-wall-time ${qwenWallTimeSec(agent.timeoutSec)}s, which the adapter sets below the agent timeout): either it kept retrying failed API calls (HTTP 429 or 5xx, or an unreachable endpoint; only rate-limit retries are printed) or the task needs a longer \`timeout\``
    );
  }
  details.push(readErrorDocument(result.stderr.text) ?? outputTail(result));
  details.push(lastApiError(result.stderr.text));
  return failureMessage(agent, result, ...details);
}
function buildInvocation7(agent, mode) {
  const argv = [
    BINARY6,
    "-o",
    "json",
    "--safe-mode",
    ...modeFlags3(mode),
    "--max-wall-time",
    `${qwenWallTimeSec(agent.timeoutSec)}s`
  ];
  if (agent.model) argv.push("-m", agent.model);
  if (agent.limits?.maxTurns !== void 0) argv.push("--max-session-turns", String(agent.limits.maxTurns));
  argv.push(...agent.args);
  return { argv, env: { QWEN_USAGE_STATISTICS_ENABLED: "false" } };
}
function parseOutput7(result, agent) {
  const truncated = truncatedOutputError(agent, result);
  if (truncated) return { ok: false, error: truncated };
  const parsed = extractJson(result.stdout.text);
  const final = findResult2(parsed);
  if (!final) {
    if (result.exitCode !== 0) return { ok: false, error: noResultFailure(result, agent) };
    return { ok: false, error: `${agent.name}: could not parse qwen JSON output; ${outputTail(result)}` };
  }
  const usage = readUsage2(final);
  const subtype = asString(final.subtype) ?? "success";
  const reportedError = final.is_error === true || subtype !== "success";
  if (reportedError || result.exitCode !== 0) {
    const details = [];
    if (subtype !== "success") details.push(`result subtype "${subtype}"`);
    const message = reportedError ? resultError(final) ?? readErrorDocument(result.stderr.text) : void 0;
    if (!reportedError)
      details.push("qwen printed a successful result but exited abnormally, so the answer may be incomplete");
    details.push(message ?? outputTail(result));
    if (/\b401\b|\b403\b|api key|unauthori[sz]ed/i.test(message ?? "")) details.push(AUTH_HINT4);
    return { ok: false, error: failureMessage(agent, result, ...details), usage };
  }
  const answer = asString(final.result)?.trim() ?? "";
  if (answer === "")
    return { ok: false, error: `${agent.name} returned an empty answer (qwen "result" was empty)`, usage };
  const model = findModel(parsed);
  return model === void 0 ? { ok: true, answer, usage } : { ok: true, answer, usage, model };
}
var session6 = {
  idOf: (result) => sessionIdIn(result.stdout.text, "session_id"),
  resume: (inv, id) => ({ ...inv, argv: [...inv.argv, "--resume", id] }),
  homeDirs: [".qwen"],
  idInPath: (id) => id
};
var qwenAdapter = {
  id: "qwen",
  binary: BINARY6,
  installHint: "npm install -g @qwen-code/qwen-code",
  npm: { name: "@qwen-code/qwen-code", defaultVersion: "0.24.4" },
  // OPENAI_* for the OpenAI-compatible auth type; QWEN_* for Qwen's own (QWEN_MODEL, QWEN_API_KEY...).
  envPrefixes: ["OPENAI_", "QWEN_"],
  session: session6,
  buildInvocation: buildInvocation7,
  parseOutput: parseOutput7
};

// src/agents/registry.ts
var builtInAdapters = {
  claude: claudeAdapter,
  gemini: geminiAdapter,
  codex: codexAdapter,
  copilot: copilotAdapter,
  qwen: qwenAdapter,
  opencode: opencodeAdapter
};
function adapterFor(agent) {
  if (agent.cli !== void 0) {
    const adapter = Object.hasOwn(builtInAdapters, agent.cli) ? builtInAdapters[agent.cli] : void 0;
    if (!adapter) {
      const known = Object.keys(builtInAdapters).join(", ");
      throw new Error(
        `agent "${agent.name}" uses unknown cli "${agent.cli}"; known CLIs: ${known} (or set \`command\` instead)`
      );
    }
    return adapter;
  }
  if (agent.command !== void 0 && agent.command.length > 0) return commandAdapter;
  throw new Error(`agent "${agent.name}" sets neither \`cli\` nor \`command\``);
}

export {
  keepEnd,
  builtInAdapters,
  adapterFor
};
