import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  parseMarker
} from "./chunk-L2C5RXBK.js";
import {
  statusOf,
  transportFailure,
  workflowLog
} from "./chunk-TVP7YYMF.js";
import {
  DEFAULT_MAX_ISSUE_CHARS,
  stripHiddenText
} from "./chunk-HDPE77IK.js";
import {
  formatCost,
  formatDuration,
  formatInteger,
  formatTokens
} from "./chunk-UQEXZMPS.js";

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

// src/github/identity.ts
var INSTALLATION_TOKEN_LOGIN = "github-actions[bot]";
var OwnIdentity = class {
  constructor(octokit) {
    this.octokit = octokit;
  }
  octokit;
  seen;
  asked;
  /**
   * `GET /user` answers for a personal access token. An installation token may not ask (403): then it is the
   * workflow's GITHUB_TOKEN, whose comments are github-actions[bot]'s, until something we posted shows the login
   * we really post as (another app's bot).
   */
  async login() {
    this.asked ??= this.octokit.rest.users.getAuthenticated().then(
      ({ data }) => data.login || INSTALLATION_TOKEN_LOGIN,
      () => INSTALLATION_TOKEN_LOGIN
    );
    const asked = await this.asked;
    return this.seen ?? asked;
  }
  /** What we just posted was written by `login`: that is who we are. */
  observe(login) {
    if (login) this.seen = login;
  }
};
var identities = /* @__PURE__ */ new WeakMap();
function identityOf(octokit) {
  let identity = identities.get(octokit);
  if (!identity) identities.set(octokit, identity = new OwnIdentity(octokit));
  return identity;
}

// src/github/comments.ts
var CREATE_ATTEMPTS = 4;
var CommentStore = class {
  constructor(client, issue, run, retryDelayMs = 1e3, firstListing, log = workflowLog) {
    this.client = client;
    this.issue = issue;
    this.run = run;
    this.retryDelayMs = retryDelayMs;
    this.firstListing = firstListing;
    this.log = log;
  }
  client;
  issue;
  run;
  retryDelayMs;
  firstListing;
  log;
  byKey;
  /** When each key was last written (epoch ms), for pacing a live comment's next write. */
  writes = /* @__PURE__ */ new Map();
  queues = /* @__PURE__ */ new Map();
  ownLogin;
  /**
   * Who the token posts as (github/identity.ts), shared with the pipelines' GitHub access of the same client; asked
   * only when a listing shows marked comments (otherwise our first comment's author tells it).
   * Only that one login is trusted: any other account, bots included, may copy our markers into its comments.
   */
  knownIdentity;
  get identity() {
    return this.knownIdentity ??= identityOf(this.octokit);
  }
  get octokit() {
    return typeof this.client === "function" ? this.client() : this.client;
  }
  /**
   * Updates the existing comment for `key` at once, past any write of that key still waiting its turn (the final
   * status of a cancelled run must not queue behind writes GitHub's spacing holds back). False when there is no
   * such comment yet: then only the ordinary `upsert` may create it.
   */
  async overwriteNow(key, body) {
    const known = this.byKey?.get(key);
    if (!known) return false;
    this.remember(key, await this.update(known.id, body));
    return true;
  }
  /** Creates or updates the comment for `key`; calls for one key run one after another. */
  upsert(key, body) {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => void 0).then(() => this.upsertNow(key, body));
    this.queues.set(key, next);
    return next;
  }
  async upsertNow(key, body) {
    const known = (await this.existing()).get(key);
    if (known) {
      if (known.body === body) return known;
      try {
        return this.remember(key, await this.update(known.id, body));
      } catch (error) {
        if (!postAnew(error)) throw error;
      }
    }
    return this.remember(key, await this.createOnce(key, body));
  }
  async update(id, body) {
    const { data } = await this.octokit.rest.issues.updateComment({ ...this.repo(), comment_id: id, body });
    return data;
  }
  /**
   * POST is not idempotent: after a 5xx or a timeout GitHub may still have created the comment,
   * so look for our marker before trying again.
   */
  async createOnce(key, body) {
    let lastError;
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      try {
        const { data } = await this.octokit.rest.issues.createComment({
          ...this.repo(),
          issue_number: this.issue.number,
          body,
          request: { retries: 0 }
        });
        return data;
      } catch (error) {
        const status = statusOf(error);
        if (status !== void 0 && status < 500) throw error;
        lastError = error;
        this.log.warning(`Posting comment ${key} failed (${describe(error)}); checking whether it was created anyway.`);
        const found = (await this.list().catch(() => /* @__PURE__ */ new Map())).get(key);
        if (found) return found.body === body ? found : this.update(found.id, body);
        if (attempt < CREATE_ATTEMPTS) await new Promise((r) => setTimeout(r, this.retryDelayMs * attempt));
      }
    }
    throw lastError;
  }
  /** The current body of this run's comment for `key`, listed afresh (other jobs of the run may have changed it). */
  async read(key) {
    const fresh = toStored(await this.list());
    this.byKey = fresh;
    return fresh.get(key)?.body;
  }
  /** Deletes the comment for `key`, if this run has one. */
  async remove(key) {
    const known = (await this.existing()).get(key);
    if (!known) return;
    try {
      await this.octokit.rest.issues.deleteComment({ ...this.repo(), comment_id: known.id });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    this.byKey?.delete(key);
  }
  /** Every trusted marked comment on the issue, of any run, oldest first. */
  async listMarked() {
    const all = await this.fetchAll();
    if (!this.byKey) this.byKey = toStored(this.ours(all));
    const out = [];
    for (const c of all) {
      const marker = this.trustedMarker(c);
      if (marker) out.push({ id: c.id, url: c.html_url, body: c.body ?? "", updatedAt: c.updated_at, ...marker });
    }
    return out.sort((a, b) => a.id - b.id);
  }
  /** When this store last created or updated the comment for `key` (epoch ms), if it has. */
  writtenAt(key) {
    return this.writes.get(key);
  }
  remember(key, c) {
    const stored = { id: c.id, url: c.html_url, body: c.body ?? "" };
    this.writes.set(key, Date.now());
    if (c.user?.login) {
      this.identity.observe(c.user.login);
      this.ownLogin = c.user.login;
    }
    this.byKey?.set(key, stored);
    return stored;
  }
  async existing() {
    if (!this.byKey) {
      this.byKey = /* @__PURE__ */ new Map();
      for (const [key, stored] of toStored(await this.list())) this.byKey.set(key, stored);
    }
    return this.byKey;
  }
  /** Our marked comments of this run, by key. */
  async list() {
    return this.ours(await this.fetchAll());
  }
  ours(all) {
    const found = /* @__PURE__ */ new Map();
    for (const c of all) {
      const marker = this.trustedMarker(c);
      if (marker && marker.runId === this.run.runId && marker.pipeline === this.run.pipeline) found.set(marker.key, c);
    }
    return found;
  }
  async fetchAll() {
    const early = this.firstListing;
    this.firstListing = void 0;
    const listed = await early?.catch(() => void 0) ?? await listIssueComments(this.octokit, this.issue);
    if (this.ownLogin === void 0 && listed.some((c) => parseMarker(c.body) !== void 0))
      this.ownLogin = await this.identity.login();
    return listed;
  }
  /** The marker of a comment written by the login we post as: anyone else can copy a marker into a comment. */
  trustedMarker(c) {
    const trusted = this.ownLogin !== void 0 && c.user?.login === this.ownLogin;
    return trusted ? parseMarker(c.body) : void 0;
  }
  repo() {
    return { owner: this.issue.owner, repo: this.issue.repo };
  }
};
async function listIssueComments(octokit, issue) {
  return await octokit.paginate(octokit.rest.issues.listComments, {
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.number,
    per_page: 100
  });
}
function toStored(comments) {
  return new Map([...comments].map(([key, c]) => [key, { id: c.id, url: c.html_url, body: c.body ?? "" }]));
}
function postAnew(error) {
  const status = statusOf(error);
  return status === 404 || status === 403 && !/rate limit/i.test(error instanceof Error ? error.message : String(error));
}
function describe(error) {
  const transport = transportFailure(error);
  if (transport) return `GitHub could not be reached (${transport})`;
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return status ? `HTTP ${status}: ${message}` : message;
}

export {
  identityOf,
  CommentStore,
  listIssueComments,
  describe,
  sumRuns,
  renderTotals,
  observeRunner,
  TerminalProgress,
  ActionsProgress,
  emptyIssueReason,
  issueCutNotice,
  logUntrusted
};
