import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  adapterFor,
  keepEnd
} from "./chunk-OOQD5VNY.js";
import {
  buildAgentEnv,
  inheritedVariableNames,
  runProcess
} from "./chunk-6PUVZC3Q.js";
import {
  BudgetLedger,
  dollars,
  hasLimits,
  overLimit,
  priceOf,
  tokenCost,
  withCost
} from "./chunk-MIUJ3WOL.js";

// src/agents/provider-failure.ts
var PROVIDER_REASON_TEXT = {
  authentication: "authentication failed",
  "rate-limit": "a rate limit or quota was reached",
  "server-error": "the provider had a server error",
  unreachable: "the provider could not be reached",
  timeout: "it timed out"
};
var GEMINI_EXIT_AUTH = 41;
var QWEN_EXIT_BUDGET = 55;
var PATTERNS = [
  [
    "authentication",
    /\b(?:status|HTTP|error:?|code)\s*[:=]?\s*40[13]\b|\b40[13] (?:Unauthorized|Forbidden)|API error status 40[13]|unauthori[sz]ed|unauthenticated|authentication (?:failed|error)|errorType"?:\s*"?authentication|invalid (?:x-)?api[ -]?key|incorrect api key|api key not valid|API_KEY_INVALID|please run \/login/i
  ],
  [
    "rate-limit",
    /\b(?:status|HTTP|error:?|code|API error status)\s*[:=]?\s*429\b|\[API Error: 429|\b429 (?:Too Many|Rate)|rate[ _-]?limit|exceeded your current quota|quota exceeded|RESOURCE_EXHAUSTED|too many requests|usage limit/i
  ],
  [
    "server-error",
    /\b(?:status|HTTP|error:?|code|API error status)\s*[:=]?\s*5\d\d\b|\[API Error: 5\d\d|\b5\d\d (?:Internal|Bad Gateway|Service Unavailable|Gateway)|server had an error|internal server error|overloaded|service unavailable/i
  ],
  [
    "unreachable",
    /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|cannot connect to API|could not connect|unable to connect|waiting for network|connection failed|connection refused|network error/i
  ]
];
function providerFailure(run) {
  if (run.status === "timeout") return "timeout";
  if (run.status !== "failure") return void 0;
  if (run.error?.startsWith("not started:") || /was not found on PATH|could not start `/.test(run.error ?? ""))
    return void 0;
  if (run.cli === "gemini" && run.exitCode === GEMINI_EXIT_AUTH) return "authentication";
  const text = `${run.error ?? ""}
${run.outputTail}`.replace(
    /qwen stopped at its run budget[\s\S]*?longer `timeout`/,
    ""
  );
  const matched = PATTERNS.find(([, pattern]) => pattern.test(text))?.[0];
  if (matched) return matched;
  if (run.cli === "qwen" && run.exitCode === QWEN_EXIT_BUDGET) return "timeout";
  return void 0;
}

// src/agents/fallback.ts
function slotOf(run) {
  return run.inPlaceOf?.agent ?? run.agent;
}
function because(run, reason) {
  return `${run.agent}: ${PROVIDER_REASON_TEXT[reason]}`;
}
function withFallbacks(runner, agents) {
  const failing = /* @__PURE__ */ new Map();
  const attempt = async (request) => {
    const run = await runner.run(request);
    const reason = providerFailure(run);
    if (!reason) return { run };
    failing.set(run.agent, reason);
    return { run: { ...run, providerFailure: reason }, reason };
  };
  return {
    ...runner.spec ? { spec: runner.spec.bind(runner) } : {},
    ...runner.plan ? { plan: runner.plan.bind(runner) } : {},
    async run(request) {
      const first = await attempt(request);
      const chain = agents[request.agent]?.fallback ?? [];
      if (!first.reason || chain.length === 0) return first.run;
      const tried = [];
      const skipped = [];
      for (const name of chain) {
        const known = failing.get(name);
        if (known) {
          skipped.push(`${name} (${PROVIDER_REASON_TEXT[known]} earlier in this run)`);
          continue;
        }
        const next = await attempt({ ...request, agent: name, resume: void 0 });
        if (next.run.status === "success") {
          return {
            ...next.run,
            inPlaceOf: { agent: request.agent, reason: because(first.run, first.reason) },
            replaced: [first.run, ...tried]
          };
        }
        tried.push(next.run);
        if (next.run.status === "cancelled" || next.run.status === "budget") break;
      }
      const failures = [
        ...tried.map(
          (r) => `${r.agent} (${r.providerFailure ? PROVIDER_REASON_TEXT[r.providerFailure] : r.error ?? r.status})`
        ),
        ...skipped
      ];
      const error = `${first.run.error ?? first.run.status}; no fallback could answer in its place: ${failures.join(", ")}`;
      return { ...first.run, error, ...tried.length > 0 ? { replaced: tried } : {} };
    }
  };
}

// src/agents/runner.ts
import { createHash } from "node:crypto";
import { delimiter } from "node:path";

// src/budget/estimate.ts
var ESTIMATED_OUTPUT_TOKENS = 4e3;
var CHARS_PER_TOKEN = 4;
function estimateRun(agent, promptChars, prices = {}) {
  const input = Math.ceil(promptChars / CHARS_PER_TOKEN);
  const tokens = agent.limits?.maxTokens ?? input + ESTIMATED_OUTPUT_TOKENS;
  const output = Math.max(0, tokens - input);
  const price = priceOf(agent.model, prices);
  const priced = price && tokenCost({ inputTokens: Math.min(input, tokens), outputTokens: output }, price);
  const capped = agent.limits?.maxCostUsd;
  const costUsd = priced !== void 0 && capped !== void 0 ? Math.min(priced, capped) : priced ?? capped;
  return costUsd === void 0 ? { agent: agent.name, tokens } : { agent: agent.name, tokens, costUsd };
}
function fits(limits, estimates) {
  const tokens = estimates.reduce((sum, e) => sum + e.tokens, 0);
  const cost = estimates.reduce((sum, e) => sum + (e.costUsd ?? 0), 0);
  return (limits.maxTokens === void 0 || tokens <= limits.maxTokens) && (limits.maxCostUsd === void 0 || cost <= limits.maxCostUsd);
}
function describe(estimates) {
  const tokens = estimates.reduce((sum, e) => sum + e.tokens, 0);
  const unknown = estimates.filter((e) => e.costUsd === void 0).map((e) => e.agent);
  const cost = estimates.reduce((sum, e) => sum + (e.costUsd ?? 0), 0);
  return `${tokens} tokens, ${dollars(cost)}${unknown.length > 0 ? ` (cost unknown for ${[...new Set(unknown)].join(", ")})` : ""}`;
}
function limitText(limits) {
  return [
    limits.maxTokens !== void 0 ? `max-tokens ${limits.maxTokens}` : "",
    limits.maxCostUsd !== void 0 ? `max-cost-usd ${dollars(limits.maxCostUsd)}` : ""
  ].filter(Boolean).join(", ");
}
function planWithinBudget(input) {
  const { agents, budget } = input;
  const prices = budget?.prices ?? {};
  const answers = input.answerers.map((name) => estimateRun(agents[name], input.prompt.length, prices));
  const judgesOf = (given) => {
    const answerChars = given.reduce(
      (sum, e) => sum + Math.min(e.tokens, ESTIMATED_OUTPUT_TOKENS) * CHARS_PER_TOKEN,
      0
    );
    return input.judges.flatMap(
      (name) => Array.from(
        { length: input.judgeRuns },
        () => estimateRun(agents[name], input.prompt.length + answerChars, prices)
      )
    );
  };
  const judges = judgesOf(answers);
  const estimates = [...answers, ...judges];
  if (!budget || budget.maxTokens === void 0 && budget.maxCostUsd === void 0)
    return { run: [...input.answerers], left: [], estimates };
  if (fits(budget, estimates))
    return {
      run: [...input.answerers],
      left: [],
      estimates,
      note: `Estimate ${describe(estimates)}: within the run budget (${limitText(budget)}).`
    };
  const chosen = [];
  const kept = /* @__PURE__ */ new Set();
  if (overEstimateAllows(budget.overEstimate)) {
    answers.forEach((estimate, i) => {
      if (!fits(budget, [...chosen, estimate, ...judgesOf([...chosen, estimate])])) return;
      chosen.push(estimate);
      kept.add(i);
    });
  }
  const run = chosen.map((e) => e.agent);
  const reason = `the estimate for the whole run (${describe(estimates)}) is over the run budget (${limitText(budget)})`;
  const left = input.answerers.flatMap((agent, index) => kept.has(index) ? [] : [{ agent, index, reason }]);
  const what = run.length > 0 ? `running only ${run.join(", ")}, which fit` : `no agent was started${budget.overEstimate === "run-none" ? " (settings.over-budget: run-none)" : ", not even one answer and its review fit"}`;
  return {
    run,
    left,
    estimates,
    note: `The estimate for this run (${describe(estimates)}) is over its budget (${limitText(budget)}): ${what}.`
  };
}
function overEstimateAllows(choice) {
  return choice === "run-fitting";
}

// src/budget/meter.ts
import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
var READ_CHUNK = 1024 ** 2;
var MAX_LINE = 16 * 1024 ** 2;
var UsageMeter = class {
  constructor(file, agent, stream, ledger, prices) {
    this.file = file;
    this.agent = agent;
    this.stream = stream;
    this.ledger = ledger;
    this.prices = prices;
  }
  file;
  agent;
  stream;
  ledger;
  prices;
  state = { usage: {}, messages: /* @__PURE__ */ new Map() };
  offset = 0;
  partial = "";
  skipping = false;
  buffer = Buffer.alloc(READ_CHUNK);
  decoder = new StringDecoder("utf8");
  /** Usage so far, with its cost from the price table when the CLI streams tokens but no cost. */
  current() {
    return withCost(this.state.usage, this.state.model ?? this.agent.model, this.prices);
  }
  /** Reads what the agent printed since the last check; the reason to stop it, or undefined to let it go on. */
  check() {
    if (this.stream) this.readNewLines();
    const own = overLimit(this.agent.limits, this.current());
    if (own) return `${this.agent.name} went over its budget (${own})`;
    return this.ledger.exceeded();
  }
  readNewLines() {
    let fd;
    try {
      fd = openSync(this.file, "r");
    } catch {
      return;
    }
    try {
      const read = readSync(fd, this.buffer, 0, READ_CHUNK, this.offset);
      if (read === 0) return;
      this.offset += read;
      this.consume(this.decoder.write(this.buffer.subarray(0, read)));
    } finally {
      closeSync(fd);
    }
  }
  consume(text) {
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    if (this.partial.length > MAX_LINE) {
      this.partial = "";
      this.skipping = true;
    }
    for (const line of lines) {
      if (this.skipping) {
        this.skipping = false;
        continue;
      }
      this.apply(line);
    }
  }
  apply(line) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("{")) return;
    let event;
    try {
      event = JSON.parse(trimmed);
    } catch {
      return;
    }
    if (typeof event === "object" && event !== null && !Array.isArray(event))
      this.stream?.(event, this.state);
  }
};

// src/agents/types.ts
var SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{7,99}$/;

// src/agents/runner.ts
function secretsGivenToAgents(agents, parentEnv) {
  return agents.map((agent) => ({
    env: agent.env,
    inheritedNames: inheritedVariableNames(parentEnv, adapterFor(agent).envPrefixes, agent.passEnv)
  }));
}
function notStarted(agent, request, error, status = "failure") {
  const now = (/* @__PURE__ */ new Date()).toISOString();
  return {
    agent: agent.name,
    cli: agent.cli ?? "command",
    model: agent.model,
    role: request.role,
    status,
    answer: "",
    error: `not started: ${error}`,
    exitCode: null,
    durationMs: 0,
    usage: {},
    promptSha256: createHash("sha256").update(request.prompt).digest("hex"),
    outputTail: "",
    startedAt: now,
    finishedAt: now,
    logFiles: { stdout: "", stderr: "" }
  };
}
var Slots = class {
  free;
  waiting = [];
  constructor(size) {
    this.free = size;
  }
  async acquire() {
    if (this.free > 0) this.free--;
    else await new Promise((resolve) => this.waiting.push(resolve));
    return () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
};
var TAIL_LINES = 20;
var TAIL_CHARS = 4e3;
function tail(result) {
  const text = [result.stderr.text.trimEnd(), result.stdout.text.trimEnd()].filter(Boolean).join("\n");
  return keepEnd(text.split("\n").slice(-TAIL_LINES).join("\n"), TAIL_CHARS);
}
function judge(result, adapter, agent, budgetStop) {
  const binary = agent.command?.[0] ?? adapter.binary;
  if (result.aborted) return { status: "cancelled", parsed: { ok: false, error: "cancelled with the workflow" } };
  if (result.overBudget)
    return {
      status: "budget",
      parsed: {
        ok: false,
        error: `stopped: budget: ${budgetStop ?? "over budget"}; its whole process group was killed`
      }
    };
  if (result.spawnError) {
    const missing = result.spawnError.code === "ENOENT";
    const error = missing ? `\`${binary}\` was not found on PATH. Install it in an earlier step: ${adapter.installHint}` : `could not start \`${binary}\`: ${result.spawnError.message}`;
    return { status: "failure", parsed: { ok: false, error } };
  }
  if (result.outputTooLarge) {
    const printed = Math.round((result.stdout.totalBytes + result.stderr.totalBytes) / 1024 ** 2);
    return {
      status: "failure",
      parsed: {
        ok: false,
        error: `printed ${printed} MiB, more than settings.max-output allows; its whole process group was killed (the start and end of its output are below, the rest in its log file)`
      }
    };
  }
  if (result.timedOut) {
    const lastReport = adapter.describeTimeout?.(result);
    const error = `timed out after ${agent.timeoutSec} s; the whole process group was killed${lastReport ? `. Its last report: ${lastReport}` : ""}`;
    return { status: "timeout", parsed: { ok: false, error } };
  }
  const parsed = adapter.parseOutput(result, agent);
  if (!parsed.ok && result.stdinError && result.exitCode !== 0) {
    return {
      status: "failure",
      parsed: { ...parsed, error: `${parsed.error} (it exited before reading its prompt: ${result.stdinError})` }
    };
  }
  return { status: parsed.ok ? "success" : "failure", parsed };
}
function parseCliVersion(printed) {
  return /\b(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)\b/.exec(printed)?.[1];
}
var VERSION_TIMEOUT_MS = 15e3;
var VERSION_GRACE_MS = 200;
function settledWithin(promise, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(void 0), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
var DEFAULT_BUDGET_CHECK_MS = 250;
function sessionOf(adapter, result, resumed) {
  const id = adapter.session?.idOf(result);
  return { ...id !== void 0 && SESSION_ID.test(id) ? { sessionId: id } : {}, ...resumed ? { resumed } : {} };
}
function createAgentRunner(options) {
  return withFallbacks(createSingleRunner(options), options.agents);
}
function createSingleRunner(options) {
  const slots = new Slots(options.maxParallel);
  const ledger = new BudgetLedger(options.budget);
  const prices = options.budget?.prices ?? {};
  const redact = options.redact ?? ((text) => text);
  let sequence = 0;
  const versions = /* @__PURE__ */ new Map();
  const versionOf = (agent, adapter, env) => {
    if (agent.cli === void 0) return Promise.resolve(void 0);
    const key = `${adapter.binary}\0${env.PATH ?? ""}`;
    let probe = versions.get(key);
    if (!probe) {
      probe = runProcess({
        argv: [adapter.binary, "--version"],
        env,
        cwd: options.workingDirectory,
        stdin: "",
        timeoutMs: VERSION_TIMEOUT_MS,
        killGraceMs: 1e3,
        outputDir: options.logDir,
        label: `version-${adapter.id}-${versions.size + 1}`,
        signal: options.signal,
        runAs: options.identity?.runAs,
        maxOutputBytes: 1024 ** 2
      }).then(
        (r) => r.exitCode === 0 ? parseCliVersion(`${r.stdout.text}
${r.stderr.text}`) : void 0,
        () => void 0
      );
      versions.set(key, probe);
    }
    return probe;
  };
  return {
    spec: (name) => Object.hasOwn(options.agents, name) ? options.agents[name] : void 0,
    plan: (request) => planWithinBudget({ ...request, agents: options.agents, budget: options.budget }),
    async run(request) {
      const agent = options.agents[request.agent];
      if (!agent) throw new Error(`unknown agent "${request.agent}"`);
      const adapter = adapterFor(agent);
      const installed = options.installs?.get(agent.name);
      if (installed && "error" in installed) return notStarted(agent, request, redact(installed.error));
      const watched = hasLimits(agent.limits) || hasLimits(options.budget);
      const fresh = adapter.buildInvocation(agent, request.mode, { streamUsage: watched });
      const resume = request.resume !== void 0 && adapter.session && SESSION_ID.test(request.resume) ? request.resume : void 0;
      const invocation = resume ? adapter.session.resume(fresh, resume) : fresh;
      const env = buildAgentEnv({
        parentEnv: installed ? { ...options.parentEnv, PATH: [installed.binDir, options.parentEnv.PATH].filter(Boolean).join(delimiter) } : options.parentEnv,
        prefixes: adapter.envPrefixes,
        passEnv: agent.passEnv,
        identityEnv: options.identity?.env,
        adapterEnv: invocation.env,
        configEnv: agent.env
      });
      const version = versionOf(agent, adapter, env);
      const release = await slots.acquire();
      const startedAt = /* @__PURE__ */ new Date();
      const usedUp = ledger.usedUp();
      if (usedUp) {
        release();
        return notStarted(agent, request, usedUp, "budget");
      }
      const label = `${String(++sequence).padStart(2, "0")}-${request.role}-${agent.name}`;
      const meter = watched ? new UsageMeter(`${options.logDir}/${label}.stdout.log`, agent, adapter.streamUsage, ledger, prices) : void 0;
      if (meter) ledger.watch(meter);
      let budgetStop;
      try {
        request.onStart?.();
        const result = await runProcess({
          argv: invocation.argv,
          env,
          cwd: options.workingDirectory,
          stdin: request.prompt,
          timeoutMs: agent.timeoutSec * 1e3,
          killGraceMs: options.killGraceMs,
          maxOutputBytes: options.maxOutputBytes,
          outputDir: options.logDir,
          label,
          signal: options.signal,
          runAs: options.identity?.runAs,
          ...meter ? {
            budget: {
              everyMs: options.budgetCheckMs ?? DEFAULT_BUDGET_CHECK_MS,
              exceeded: () => (budgetStop ??= meter.check()) !== void 0
            }
          } : {}
        });
        const { status, parsed } = judge(result, adapter, agent, budgetStop);
        const model = (parsed.ok ? parsed.model : void 0) ?? agent.model;
        const usage = withCost(
          (result.overBudget ? meter?.current() : parsed.usage) ?? meter?.current() ?? {},
          model,
          prices
        );
        ledger.settle(meter, usage);
        return {
          agent: agent.name,
          cli: agent.cli ?? "command",
          model,
          role: request.role,
          status,
          answer: parsed.ok ? redact(parsed.answer) : "",
          ...parsed.ok ? {} : { error: redact(parsed.error) },
          exitCode: result.exitCode,
          durationMs: Math.round(result.durationMs),
          usage,
          promptSha256: createHash("sha256").update(request.prompt).digest("hex"),
          outputTail: parsed.ok ? "" : redact(tail(result)),
          startedAt: startedAt.toISOString(),
          finishedAt: (/* @__PURE__ */ new Date()).toISOString(),
          logFiles: { stdout: result.stdout.file, stderr: result.stderr.file },
          ...sessionOf(adapter, result, resume),
          ...await settledWithin(version, VERSION_GRACE_MS).then((v) => v === void 0 ? {} : { cliVersion: v })
        };
      } finally {
        release();
      }
    }
  };
}

export {
  slotOf,
  SESSION_ID,
  secretsGivenToAgents,
  notStarted,
  createAgentRunner
};
