import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  DEFAULT_MAX_ISSUE_CHARS,
  stripHiddenText
} from "./chunk-ESIXY7EP.js";
import {
  formatCost,
  formatDuration,
  formatTokens
} from "./chunk-KWI7WEHG.js";
import {
  formatInteger
} from "./chunk-UI6OCMSN.js";

// src/report/totals.ts
function sumRuns(runs, durationMs) {
  let tokens;
  let costUsd;
  let unpricedRuns = 0;
  for (const { usage } of runs) {
    if (usage.inputTokens !== void 0 || usage.outputTokens !== void 0)
      tokens = (tokens ?? 0) + (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
    if (usage.costUsd !== void 0) costUsd = (costUsd ?? 0) + usage.costUsd;
    else unpricedRuns++;
  }
  return { agents: runs.length, durationMs, tokens, costUsd, unpricedRuns };
}
function renderTotals(t) {
  const parts = [`${t.agents} agent run${t.agents === 1 ? "" : "s"}`, formatDuration(t.durationMs)];
  parts.push(t.tokens !== void 0 ? `${formatInteger(t.tokens)} tokens` : "tokens not reported");
  if (t.costUsd !== void 0) {
    const cost = `$${t.costUsd.toFixed(t.costUsd < 0.01 ? 4 : 2)}`;
    const unpriced = t.unpricedRuns === 1 ? "1 run reports" : `${t.unpricedRuns} runs report`;
    parts.push(t.unpricedRuns > 0 ? `${cost} (${unpriced} no cost)` : cost);
  } else parts.push("cost not reported");
  return parts.join(" \xB7 ");
}

// src/log/progress.ts
function observeRunner(runner, progress) {
  if (!progress) return runner;
  return {
    // The budget's pre-run plan and a judge's vendor come from the runner underneath.
    ...runner.spec ? { spec: (agent) => runner.spec(agent) } : {},
    ...runner.plan ? { plan: (request) => runner.plan(request) } : {},
    async run(request) {
      const run = await runner.run({
        ...request,
        onStart: () => {
          progress.started(request);
          request.onStart?.();
        }
      });
      progress.finished(run);
      return run;
    }
  };
}
var ICON = {
  success: "\u2714",
  failure: "\u2716",
  timeout: "\u23F1",
  cancelled: "\u2298",
  budget: "$"
};
function who(agent, role) {
  return `${agent} (${role})`;
}
function describeFinish(run) {
  const facts = [
    `${run.status} in ${formatDuration(run.durationMs)}`,
    formatTokens(run.usage),
    formatCost(run.usage)
  ].filter(Boolean);
  const error = run.status === "success" || !run.error ? "" : `: ${run.error.split("\n")[0].slice(0, 160)}`;
  return `${ICON[run.status]} ${who(run.agent, run.role)} ${facts.join(" \xB7 ")}${error}`;
}
var systemClock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  }
};
var TerminalProgress = class {
  constructor(write, options = { tty: false }) {
    this.write = write;
    this.options = options;
    this.startedAt = this.clock.now();
  }
  write;
  options;
  running = /* @__PURE__ */ new Map();
  runs = [];
  startedAt;
  stopHeartbeat;
  get clock() {
    return this.options.clock ?? systemClock;
  }
  stamp() {
    return `[${formatElapsed(this.clock.now() - this.startedAt)}]`;
  }
  started(request) {
    this.running.set(`${request.agent}\0${request.role}`, this.clock.now());
    this.write(`${this.stamp()} \u25B6 ${who(request.agent, request.role)} started`);
    if (this.options.tty && !this.stopHeartbeat)
      this.stopHeartbeat = this.clock.every(this.options.heartbeatMs ?? 1e4, () => this.heartbeat());
  }
  finished(run) {
    this.running.delete(`${run.agent}\0${run.role}`);
    this.runs.push(run);
    this.write(`${this.stamp()} ${describeFinish(run)}`);
  }
  /** "… still running: claude (answer) 1m 20s, gemini (answer) 1m 20s". */
  heartbeat() {
    if (this.running.size === 0) return;
    const now = this.clock.now();
    const list = [...this.running].map(([key, since]) => `${key.replace("\0", " (")}) ${formatElapsed(now - since)}`);
    this.write(`${this.stamp()} \u2026 still running: ${list.join(", ")}`);
  }
  /** The closing table: one row per agent run and the totals. */
  close() {
    this.stopHeartbeat?.();
    this.stopHeartbeat = void 0;
    return renderRunTable(this.runs, this.clock.now() - this.startedAt);
  }
};
function formatElapsed(ms) {
  const s = Math.max(0, Math.floor(ms / 1e3));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
}
function renderRunTable(runs, durationMs) {
  const rows = runs.map((r) => [
    who(r.agent, r.role),
    r.status,
    formatDuration(r.durationMs),
    formatTokens(r.usage) ?? "-",
    formatCost(r.usage) ?? "-"
  ]);
  const header = ["agent", "status", "time", "tokens", "cost"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `Total: ${renderTotals(sumRuns(runs, durationMs))}`
  ].join("\n");
}
var ActionsProgress = class {
  constructor(log, logUntrusted2) {
    this.log = log;
    this.logUntrusted = logUntrusted2;
  }
  log;
  logUntrusted;
  runs = [];
  startedAt = Date.now();
  started(request) {
    this.log.info(`\u25B6 ${who(request.agent, request.role)} started`);
  }
  finished(run) {
    this.runs.push(run);
    this.log.startGroup(describeFinish(run));
    const tail = (run.status === "success" ? run.answer : run.outputTail || run.answer).slice(-4e3) || "(no output)";
    this.logUntrusted(this.log.info, tail.replace(/^/gm, "  "));
    this.log.endGroup();
  }
  summaryLine(pipeline, status) {
    return `${pipeline} ${status}: ${renderTotals(sumRuns(this.runs, Date.now() - this.startedAt))}`;
  }
};

// src/preflight/issue-text.ts
function emptyIssueReason(issue, allowEmptyIssue) {
  if (allowEmptyIssue) return void 0;
  if (stripHiddenText(issue.title).trim() || stripHiddenText(issue.body).trim()) return void 0;
  return `issue #${issue.number} has an empty title and body, so the agents would have nothing to answer (settings.allow-empty-issue: true runs it anyway)`;
}
function issueCutNotice(issue) {
  const length = stripHiddenText(issue.body).length;
  if (length <= DEFAULT_MAX_ISSUE_CHARS) return void 0;
  return `\u2139\uFE0F The issue's text is ${formatInteger(length)} characters long; the agents read its first ${formatInteger(DEFAULT_MAX_ISSUE_CHARS)}.`;
}

// src/security/log.ts
import { randomUUID } from "node:crypto";
function logUntrusted(write, text) {
  const token = randomUUID();
  write(`::stop-commands::${token}`);
  write(text);
  write(`::${token}::`);
}

export {
  sumRuns,
  renderTotals,
  observeRunner,
  TerminalProgress,
  ActionsProgress,
  emptyIssueReason,
  issueCutNotice,
  logUntrusted
};
