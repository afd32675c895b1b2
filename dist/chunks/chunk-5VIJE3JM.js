import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  authenticatedLogin,
  fetchIssue,
  fetchPullRequest,
  listThreadComments
} from "./chunk-VB7WGPQF.js";
import {
  PIPELINES,
  commandOf,
  issueFromPayload,
  pullRequestFromPayload
} from "./chunk-KR657CVH.js";
import {
  debug,
  error,
  group,
  info,
  warning
} from "./chunk-GJWFR67G.js";

// src/event.ts
var SUPPORTED_EVENTS = "issues (labeled), issue_comment (created, starting with a slash command such as /ai-review), workflow_dispatch (inputs issue-number and pipeline)";
function supportedEvents(pipelines = PIPELINES) {
  const extra = [
    ...pipelines.some((p) => p.triggers.label?.on.includes("pull-request")) ? ["pull_request / pull_request_target (labeled)"] : [],
    ...pipelines.flatMap((p) => (p.triggers.events ?? []).map((t) => t.describe))
  ];
  return [SUPPORTED_EVENTS, ...new Set(extra)].join(", ");
}
async function routeEvent(ctx, config, lookups, pipelines = PIPELINES) {
  const look = typeof lookups === "function" ? { fetchIssue: lookups, fetchPullRequest: lookups } : lookups;
  const r = new Router(ctx, config, pipelines, look);
  switch (ctx.eventName) {
    case "issues":
      return r.label();
    case "issue_comment":
      return r.comment();
    case "workflow_dispatch":
      return r.dispatch();
    default:
      return r.other();
  }
}
function sender(payload) {
  return { login: String(payload.sender?.login ?? ""), type: payload.sender?.type };
}
function commandWord(body) {
  const first = body.replace(/^\uFEFF/, "").trimStart().split(/\r?\n/, 1)[0]?.trim() ?? "";
  return first.split(/\s+/, 1)[0] ?? "";
}
function commandArgument(body, word) {
  const text = body.replace(/^\uFEFF/, "").trimStart();
  return text.slice(word.length).trim();
}
var Router = class {
  constructor(ctx, config, pipelines, lookups) {
    this.ctx = ctx;
    this.config = config;
    this.pipelines = pipelines;
    this.lookups = lookups;
  }
  ctx;
  config;
  pipelines;
  lookups;
  run(p, target, trigger, detail) {
    return {
      kind: "run",
      pipeline: p.name,
      trigger: trigger.description,
      triggerInfo: trigger,
      sender: sender(this.ctx.payload),
      issue: target,
      ...detail !== void 0 ? { detail } : {}
    };
  }
  label() {
    const { action, label, issue } = this.ctx.payload;
    if (action !== "labeled")
      return { kind: "skip", reason: `issues event with action "${action}"; only "labeled" starts a pipeline` };
    if (!issue || typeof issue.number !== "number") throw new Error("The issues event payload has no issue.");
    if (issue.pull_request) return { kind: "skip", reason: "the labeled item is a pull request, not an issue" };
    return this.byLabel("issue", String(label?.name ?? ""), issueFromPayload(this.ctx, issue));
  }
  byLabel(kind, name, target) {
    const candidates = this.pipelines.filter((p) => p.triggers.label?.on.includes(kind));
    const pipeline = candidates.find((p) => this.config.pipelines[p.name]?.label === name);
    if (!pipeline) {
      return {
        kind: "skip",
        reason: `label "${name}" starts no pipeline (configured: ${candidates.map((p) => this.config.pipelines[p.name]?.label).join(", ")})`
      };
    }
    return this.run(pipeline, target, { kind: "label", label: name, description: `label "${name}"` });
  }
  async comment() {
    const { action, comment, issue } = this.ctx.payload;
    if (action !== "created")
      return {
        kind: "skip",
        reason: `issue_comment event with action "${action}"; only new comments start a pipeline`
      };
    if (!issue || typeof issue.number !== "number" || !comment)
      throw new Error("The issue_comment event payload has no issue or comment.");
    const kind = issue.pull_request ? "pull-request" : "issue";
    const candidates = this.pipelines.filter((p) => p.triggers.command?.on.includes(kind));
    if (kind === "pull-request" && candidates.length === 0)
      return { kind: "skip", reason: "the comment is on a pull request, not an issue" };
    const body = String(comment.body ?? "");
    const word = commandWord(body);
    const pipeline = candidates.find((p) => commandOf(this.config, p) === word);
    if (!pipeline) {
      const known = candidates.map((p) => commandOf(this.config, p)).join(", ");
      return { kind: "skip", reason: `the comment does not start with a command (${known})` };
    }
    let target = issueFromPayload(this.ctx, issue, kind);
    if (kind === "pull-request" && this.lookups)
      target = { ...target, ...await this.lookups.fetchPullRequest(issue.number) };
    const command = commandOf(this.config, pipeline);
    return this.run(pipeline, target, {
      kind: "command",
      command,
      argument: commandArgument(body, word),
      comment: {
        id: Number(comment.id ?? 0),
        url: String(comment.html_url ?? ""),
        author: String(comment.user?.login ?? "")
      },
      description: `command ${command}`
    });
  }
  async dispatch() {
    const inputs = this.ctx.payload.inputs ?? {};
    const raw = String(inputs["issue-number"] ?? "").trim().replace(/^#/, "");
    const number = Number(raw);
    if (!/^\d+$/.test(raw) || number <= 0) {
      throw new Error(
        `workflow_dispatch needs the input issue-number (a positive issue number); got "${raw}". See the README's workflow_dispatch example.`
      );
    }
    const wanted = String(inputs.pipeline ?? "ai-review").trim();
    const candidates = this.pipelines.filter((p) => p.triggers.dispatch);
    const pipeline = candidates.find((p) => p.name === wanted || this.config.pipelines[p.name]?.label === wanted);
    if (!pipeline)
      throw new Error(
        `workflow_dispatch input pipeline "${wanted}" is not one of ${candidates.map((p) => p.name).join(", ")}.`
      );
    if (!this.lookups) throw new Error("workflow_dispatch needs a GitHub token to read the issue.");
    const issue = await this.lookups.fetchIssue(number);
    return this.run(pipeline, issue, { kind: "dispatch", description: "workflow_dispatch" });
  }
  /** Pull request labels, then every pipeline's own event triggers; the first that runs wins. */
  async other() {
    const { ctx } = this;
    const event = {
      name: ctx.eventName,
      action: ctx.payload.action,
      payload: ctx.payload,
      owner: ctx.owner,
      repo: ctx.repo
    };
    const isPull = ctx.eventName === "pull_request" || ctx.eventName === "pull_request_target";
    const labelsPulls = isPull && this.pipelines.some((p) => p.triggers.label?.on.includes("pull-request"));
    const triggers = this.pipelines.flatMap(
      (p) => (p.triggers.events ?? []).filter((t) => t.events.includes(ctx.eventName)).map((t) => ({ p, t }))
    );
    if (!labelsPulls && triggers.length === 0) {
      throw new Error(
        `AI Orchestra does not handle the "${ctx.eventName || "unknown"}" event. Supported events: ${supportedEvents(this.pipelines)}.`
      );
    }
    const reasons = [];
    if (labelsPulls && ctx.payload.action === "labeled" && ctx.payload.pull_request) {
      const route = this.byLabel(
        "pull-request",
        String(ctx.payload.label?.name ?? ""),
        pullRequestFromPayload(ctx, ctx.payload.pull_request)
      );
      if (route.kind === "run") return route;
      reasons.push(route.reason);
    }
    for (const { p, t } of triggers) {
      const view = {
        name: p.name,
        label: this.config.pipelines[p.name].label,
        command: commandOf(this.config, p),
        config: this.config.pipelines[p.name]
      };
      const decision = await t.match(event, view, this.lookups);
      if (decision.kind === "run") return this.run(p, decision.target, decision.trigger, decision.detail);
      if (decision.kind === "skip") reasons.push(`${p.name}: ${decision.reason}`);
    }
    return {
      kind: "skip",
      reason: reasons.join("; ") || `${ctx.eventName} event with action "${ctx.payload.action}" starts no pipeline`
    };
  }
};

// src/kernel/logger.ts
var NO_AGENT_HOOKS = { agentStarted: () => void 0, agentFinished: () => void 0 };
function actionLogger(hooks = NO_AGENT_HOOKS) {
  return {
    info: (m) => info(m),
    warning: (m) => warning(m),
    error: (m) => error(m),
    debug: (m) => debug(m),
    group: (title, body) => group(title, body),
    agentStarted: (event) => hooks.agentStarted(event),
    agentFinished: (event) => hooks.agentFinished(event)
  };
}
function terminalLogger(write = { out: console.log, err: console.error }, hooks = NO_AGENT_HOOKS) {
  return {
    info: (m) => write.out(m),
    warning: (m) => write.err(`Warning: ${m}`),
    error: (m) => write.err(`Error: ${m}`),
    debug: () => void 0,
    async group(title, body) {
      write.out(title);
      return body();
    },
    agentStarted: (event) => hooks.agentStarted(event),
    agentFinished: (event) => hooks.agentFinished(event)
  };
}

// src/kernel/lookups.ts
function routeLookups(clients, ctx) {
  const repo = { owner: ctx.owner, repo: ctx.repo };
  return {
    fetchIssue: (n) => fetchIssue(clients.octokit, repo, n),
    fetchPullRequest: (n) => fetchPullRequest(clients.octokit, repo, n),
    ownLogin: () => authenticatedLogin(clients.octokit),
    listComments: (n) => listThreadComments(clients.octokit, repo, n)
  };
}

export {
  routeEvent,
  actionLogger,
  terminalLogger,
  routeLookups
};
