import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  DATASET_FORMATS,
  defaultPersonaPipeline,
  isDatasetFormat,
  personaAgentNames,
  personaStatusEntries
} from "./chunk-NB3O4JBA.js";
import {
  renderSummary
} from "./chunk-TNPHJUMN.js";
import {
  SEVERITIES
} from "./chunk-PZKW7F6V.js";
import {
  DEFAULT_RUN_TIMEOUT_SEC,
  DEFAULT_STAGE_INSTRUCTIONS,
  countCiRounds,
  defaultRelay
} from "./chunk-AR74CZUM.js";
import {
  INSTALLATION_LOGIN,
  RELAY_CHECKLIST,
  notTheRelays,
  relayIssueOf
} from "./chunk-56CIGAYU.js";
import {
  BOT_AUTHOR
} from "./chunk-LR46CNHU.js";
import {
  relayRecord,
  renderRelaySummary
} from "./chunk-VQW6KYSI.js";
import {
  agentListSchema,
  commandSchema,
  labelSchema,
  reviewConfig,
  reviewJudges,
  reviewStatusEntries
} from "./chunk-PI3LH6V5.js";
import {
  agentRowsLayout
} from "./chunk-7FWCJGND.js";
import {
  renderIssueStamp
} from "./chunk-ERVVLCZQ.js";
import {
  renderChoice
} from "./chunk-YBUMR2VQ.js";

// src/kernel/definition.ts
function senderOf(payload) {
  const sender = payload.sender;
  return { login: String(sender?.login ?? ""), type: typeof sender?.type === "string" ? sender.type : void 0 };
}
function withTrailer(sanitized, own) {
  return own?.trailer ? `${sanitized}

${own.trailer}` : sanitized;
}
function onDemand(importer) {
  let loading;
  return () => {
    loading ??= importer();
    return loading;
  };
}
function definePipeline(definition) {
  return definition;
}

// src/pipelines/ai-review/index.ts
var pipeline = onDemand(() => import("./pipeline-LNHPA3BT.js"));
var unit = onDemand(() => import("./unit-75SBJWJ7.js"));
var leaderboard = onDemand(() => import("./leaderboard-choice-NSRG4UXZ.js"));
var aiReview = definePipeline({
  name: "ai-review",
  description: "Several agents answer the issue in parallel; a reviewer ranks the anonymized answers.",
  defaultCommand: "/ai-review",
  config: reviewConfig,
  agents: (config) => [.../* @__PURE__ */ new Set([...config.agents, ...reviewJudges(config)])],
  access: "read-only",
  triggers: { label: { on: ["issue"] }, command: { on: ["issue"] }, dispatch: true },
  status: {
    ...agentRowsLayout(reviewStatusEntries),
    annotate: (config, target) => ({
      issueStamp: renderIssueStamp(target),
      ...config.chosen && config.top ? { note: renderChoice(config.chosen, config.top) } : {}
    })
  },
  matrix: {
    units: (config) => config.agents.map((agent) => ({ unit: agent, agent, role: "answer" })),
    runUnit: async (slot, request, deps) => (await unit()).runReviewUnit(
      {
        issue: request.target,
        agents: request.config.agents,
        agent: slot.agent,
        runUrl: request.run.url,
        commentMode: request.settings.commentMode
      },
      {
        runner: deps.runner,
        reporter: deps.sink,
        sleep: (ms) => deps.clock.sleep(ms),
        random: deps.random,
        warn: deps.log.warning
      }
    ),
    finalizeAgents: (config) => reviewJudges(config)
  },
  load: pipeline,
  run: async (request, deps) => (await pipeline()).runReviewPipeline(
    {
      issue: request.target,
      pipeline: request.config,
      processedLabel: request.settings.processedLabel,
      runUrl: request.run.url,
      commentMode: request.settings.commentMode,
      collected: request.collected
    },
    {
      runner: deps.runner,
      reporter: deps.sink,
      status: deps.status,
      signal: deps.signal,
      random: deps.random,
      warn: deps.log.warning,
      pacing: deps.pacing
    }
  ),
  summary: (outcome, target) => renderSummary({
    pipeline: "ai-review",
    target,
    status: outcome.status,
    error: outcome.error,
    runs: outcome.runs,
    comments: outcome.comments
  }),
  record: (outcome) => outcome.review ? { review: outcome.review } : {},
  chooseAgents: async (config, context) => (await leaderboard()).reviewAgentsByLeaderboard(config, context),
  describe: (config) => ` with ${config.agents.join(", ")}; ${reviewJudges(config).length > 1 ? "reviewers" : "reviewer"} ${reviewJudges(config).join(", ")}`
});

// src/pipelines/ask/config.ts
var KEYS = ["label", "command", "agents", "default-agents", "context-bytes", "include-others"];
var schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    label: labelSchema("ask", "Unused: ask starts from its command only."),
    command: commandSchema(
      "/ask",
      "Slash command that asks a follow-up question when a comment begins with it (issue_comment trigger)."
    ),
    agents: agentListSchema(
      "Agents a question may name (`/ask claude,codex ...`); the first answers when no other choice applies."
    ),
    "default-agents": {
      oneOf: [
        { enum: ["ranked-first", "all"] },
        { type: "array", items: { type: "string" }, minItems: 1, uniqueItems: true }
      ],
      default: "ranked-first",
      description: "Who answers a question that names nobody: the agent the last ai-review ranked first, all agents, or a fixed list."
    },
    "context-bytes": {
      type: "integer",
      minimum: 1,
      description: "Budget for the thread comments in each prompt (UTF-8 bytes); the newest are kept. Default: settings.context-bytes."
    },
    "include-others": {
      type: "boolean",
      default: false,
      description: "Include comments by people without write access, fenced as untrusted."
    }
  }
};
var askConfig = {
  defaults: () => ({
    label: "ask",
    agents: ["claude", "gemini", "codex"],
    defaultAgents: "ranked-first",
    includeOthers: false
  }),
  read(v, raw, path, config) {
    v.keys(raw, path, KEYS);
    if (raw.label !== void 0) config.label = v.string(raw.label, [...path, "label"]);
    if (raw.agents !== void 0) config.agents = v.stringList(raw.agents, [...path, "agents"], { nonEmpty: true });
    const chosen = raw["default-agents"];
    if (chosen === "ranked-first" || chosen === "all") config.defaultAgents = chosen;
    else if (chosen !== void 0)
      config.defaultAgents = v.stringList(chosen, [...path, "default-agents"], { nonEmpty: true });
    if (raw["context-bytes"] !== void 0)
      config.contextBytes = v.positive(raw["context-bytes"], [...path, "context-bytes"], { integer: true });
    const others = raw["include-others"];
    if (others !== void 0) {
      if (typeof others !== "boolean") v.fail([...path, "include-others"], "must be true or false");
      config.includeOthers = others;
    }
    return config;
  },
  check(v, config, agents, path) {
    const known = Object.keys(agents).join(", ");
    config.agents.forEach((name, i) => {
      if (!agents[name]) v.fail([...path, "agents", i], `unknown agent "${name}"; defined: ${known}`);
    });
    if (new Set(config.agents).size !== config.agents.length) v.fail([...path, "agents"], "lists an agent twice");
    if (Array.isArray(config.defaultAgents))
      config.defaultAgents.forEach((name, i) => {
        if (!config.agents.includes(name))
          v.fail(
            [...path, "default-agents", i],
            `"${name}" is not one of this pipeline's agents (${config.agents.join(", ")})`
          );
      });
  },
  schema
};

// src/pipelines/ask/index.ts
var pipeline2 = onDemand(() => import("./pipeline-6MUZEVJF.js"));
var ask = definePipeline({
  name: "ask",
  description: "A follow-up question on an issue or pull request, answered by agents that get the thread so far.",
  defaultCommand: "/ask",
  config: askConfig,
  agents: (config) => config.agents,
  access: "read-only",
  triggers: { command: { on: ["issue", "pull-request"] } },
  // The rows are known once the question is read: run() appends them.
  status: agentRowsLayout(() => []),
  // A second question while one is being answered is asked next, not dropped.
  waitsForTurn: true,
  matrixUnavailable: "ask has no matrix form: run it in a mode: run workflow (examples/workflows/ask.yml).",
  load: pipeline2,
  run: async (request, deps) => (await pipeline2()).runAsk(request, deps),
  record: (outcome) => ({
    ask: {
      agents: outcome.choice?.agents ?? [],
      reason: outcome.choice?.reason,
      context: outcome.context,
      sessions: outcome.sessions
    }
  }),
  summary: (outcome, target) => renderSummary({
    pipeline: "ask",
    target,
    status: outcome.status,
    error: outcome.error,
    runs: outcome.runs,
    comments: outcome.comments
  }),
  describe: (config) => ` with ${config.agents.join(", ")}`
});

// src/pipelines/persona-data/index.ts
import { resolve } from "node:path";

// src/pipelines/persona-data/read-config.ts
var PERSONA_DATA_KEYS = ["label", "command", "output-dir", "formats", "personas", "reviewer"];
var PERSONA_KEYS = ["name", "agent", "style", "focus"];
var PERSONA_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
function outputDir(v, value, path) {
  const dir = v.string(value, path).trim().replace(/\/+$/, "");
  if (dir.startsWith("/") || /^[A-Za-z]:[\\/]/.test(dir))
    v.fail(path, "must be a folder relative to the workspace, not an absolute path");
  if (dir.split(/[\\/]/).includes("..")) v.fail(path, 'must stay inside the workspace (no ".." segments)');
  return dir === "" ? "." : dir;
}
function formats(v, value, path) {
  const list = v.stringList(value, path, { nonEmpty: true });
  list.forEach((f, i) => {
    if (!isDatasetFormat(f)) v.fail([...path, i], `unknown format "${f}"; formats: ${DATASET_FORMATS.join(", ")}`);
    if (list.indexOf(f) !== i) v.fail([...path, i], `lists "${f}" twice`);
  });
  return list;
}
function persona(v, raw, path) {
  v.object(raw, path);
  v.keys(raw, path, PERSONA_KEYS);
  for (const key of ["name", "agent", "style"]) if (raw[key] === void 0) v.fail(path, `needs "${key}"`);
  const name = v.string(raw.name, [...path, "name"]);
  if (!PERSONA_NAME.test(name)) v.fail([...path, "name"], 'persona names use letters, digits, ".", "_" and "-"');
  return {
    name,
    agent: v.string(raw.agent, [...path, "agent"]),
    style: v.string(raw.style, [...path, "style"]).trim(),
    focus: raw.focus === void 0 ? [] : v.stringList(raw.focus, [...path, "focus"], { nonEmpty: false }).map((f) => f.trim())
  };
}
function readPersonaData(v, raw, path, target) {
  v.keys(raw, path, PERSONA_DATA_KEYS);
  if (raw.label !== void 0) target.label = v.string(raw.label, [...path, "label"]);
  if (raw["output-dir"] !== void 0) target.outputDir = outputDir(v, raw["output-dir"], [...path, "output-dir"]);
  if (raw.formats !== void 0) target.formats = formats(v, raw.formats, [...path, "formats"]);
  if (raw.reviewer !== void 0) target.reviewer = v.string(raw.reviewer, [...path, "reviewer"]);
  if (raw.personas !== void 0) {
    if (!Array.isArray(raw.personas) || raw.personas.length === 0)
      v.fail([...path, "personas"], "must be a non-empty list of personas (name, agent, style, focus)");
    target.personas = raw.personas.map((p, i) => persona(v, p, [...path, "personas", i]));
  }
}
function checkPersonaReferences(v, pipeline5, agents, path) {
  const defined = Object.keys(agents).join(", ");
  const seen = /* @__PURE__ */ new Set();
  pipeline5.personas.forEach((p, i) => {
    if (seen.has(p.name)) v.fail([...path, "personas", i, "name"], `a persona named "${p.name}" already exists`);
    seen.add(p.name);
    if (!agents[p.agent]) v.fail([...path, "personas", i, "agent"], `unknown agent "${p.agent}"; defined: ${defined}`);
  });
  if (!agents[pipeline5.reviewer])
    v.fail([...path, "reviewer"], `unknown agent "${pipeline5.reviewer}"; defined: ${defined}`);
}

// src/pipelines/persona-data/schema.ts
var schema2 = {
  type: "object",
  additionalProperties: false,
  properties: {
    label: labelSchema("persona-data"),
    command: commandSchema("/persona-data"),
    "output-dir": {
      type: "string",
      minLength: 1,
      not: {
        pattern: "(^/|^[A-Za-z]:[\\\\/]|(^|[\\\\/])\\.\\.([\\\\/]|$))"
      },
      default: "training-data",
      description: 'Folder for the dataset files, relative to the workspace (no absolute paths, no ".."). Files are named <owner>-<repo>-issue-<number>.<format>.jsonl, each with a .meta.jsonl provenance sidecar.'
    },
    formats: {
      type: "array",
      minItems: 1,
      uniqueItems: true,
      items: {
        enum: ["openai-chat", "trl-sft", "dpo"]
      },
      default: ["openai-chat", "trl-sft", "dpo"],
      description: "Datasets to write: openai-chat ({messages}), trl-sft (conversational {prompt, completion}), dpo (TRL preference {prompt, chosen, rejected}; needs the reviewer)."
    },
    personas: {
      type: "array",
      minItems: 1,
      description: "The personas that answer, all concurrently (bounded by settings.max-parallel). Replaces the six built-in ones: architect (claude), perfectionist (gemini), pragmatist (codex), innovator (claude), educator (gemini), security-expert (codex).",
      items: {
        $ref: "#/$defs/persona"
      }
    },
    reviewer: {
      type: "string",
      default: "claude",
      description: "Agent that ranks the anonymized, shuffled answers for the dpo pair (chosen = best, rejected = worst). Runs only when formats include dpo."
    }
  }
};

// src/pipelines/persona-data/index.ts
var pipeline3 = onDemand(() => import("./pipeline-BEPOUF7K.js"));
var unit2 = onDemand(() => import("./unit-46KOUXM5.js"));
var datasetFiles = onDemand(() => import("./file-sink-CVKBETVU.js"));
var summaryCode = onDemand(() => import("./persona-summary-7ASHXN24.js"));
var personaData = definePipeline({
  name: "persona-data",
  description: "Personas answer the issue in parallel; their answers become fine-tuning datasets.",
  defaultCommand: "/persona-data",
  config: {
    defaults: defaultPersonaPipeline,
    read(v, raw, path, pipeline5) {
      readPersonaData(v, raw, path, pipeline5);
      return pipeline5;
    },
    check: checkPersonaReferences,
    schema: schema2
  },
  agents: personaAgentNames,
  access: "read-only",
  triggers: { label: { on: ["issue"] }, command: { on: ["issue"] }, dispatch: true },
  // Every change is written at once (as before the kernel owned the status comment).
  status: {
    ...agentRowsLayout(personaStatusEntries),
    paced: false,
    annotate: (_config, target) => ({ issueStamp: renderIssueStamp(target) })
  },
  matrix: {
    units: (config) => config.personas.map((p) => ({ unit: p.name, agent: p.agent, role: `persona-${p.name}` })),
    runUnit: async (slot, request, deps) => {
      const persona2 = request.config.personas.find((p) => p.name === slot.unit);
      return (await unit2()).runPersonaUnit(
        { issue: request.target, persona: persona2 },
        {
          runner: deps.runner,
          reporter: deps.sink,
          sleep: (ms) => deps.clock.sleep(ms),
          random: deps.random,
          warn: deps.log.warning
        }
      );
    },
    finalizeAgents: (config) => config.formats.includes("dpo") ? [config.reviewer] : []
  },
  load: () => Promise.all([pipeline3(), datasetFiles()]),
  async run(request, deps) {
    const [{ runPersonaPipeline }, { FileDatasetSink }] = await Promise.all([pipeline3(), datasetFiles()]);
    const root = deps.workspace.root;
    const sink = new FileDatasetSink(
      resolve(root, request.config.outputDir),
      (name, files, dir) => deps.artifacts.publish(name, files, dir),
      root
    );
    return runPersonaPipeline(
      {
        issue: request.target,
        pipeline: request.config,
        processedLabel: request.settings.processedLabel,
        runUrl: request.run.url,
        commitSha: request.run.commitSha,
        collected: request.collected
      },
      {
        runner: deps.runner,
        reporter: deps.sink,
        status: deps.status,
        sink,
        redactor: deps.redactor,
        signal: deps.signal,
        random: deps.random,
        warn: deps.log.warning
      }
    );
  },
  record(outcome) {
    const { lines, ...report } = outcome.report;
    const personas = lines.map(({ persona: persona2, run, verdict }) => ({
      persona: persona2,
      agent: run.agent,
      kept: verdict.kept,
      ...verdict.kept ? {} : { reason: verdict.reason, ...verdict.duplicateOf ? { duplicateOf: verdict.duplicateOf } : {} }
    }));
    return { datasets: { ...report, personas } };
  },
  summary: async (outcome, target) => (await summaryCode()).renderPersonaSummary({
    target,
    status: outcome.status,
    error: outcome.error,
    runs: outcome.runs,
    comment: outcome.comments.get("datasets"),
    lines: outcome.report.lines
  }),
  outputs: (outcome) => ({
    "dataset-dir": outcome.report.dir,
    "dataset-file": outcome.report.datasets.find((d) => d.file)?.file ?? ""
  }),
  describe: (config) => ` with ${config.personas.map((p) => `${p.name} (${p.agent})`).join(", ")}`,
  localReport: (outcome) => [`datasets: ${outcome.report.dir}`]
});

// src/domain/target.ts
function issueFromPayload(ctx, issue, kind = "issue") {
  return {
    kind,
    repository: `${ctx.owner}/${ctx.repo}`,
    number: issue.number,
    title: String(issue.title ?? ""),
    body: String(issue.body ?? ""),
    url: String(issue.html_url ?? "")
  };
}
function pullRequestFromPayload(ctx, pull) {
  return {
    ...issueFromPayload(ctx, pull, "pull-request"),
    pullRequest: {
      number: pull.number,
      headSha: String(pull.head?.sha ?? ""),
      headRef: String(pull.head?.ref ?? ""),
      headRepository: String(pull.head?.repo?.full_name ?? `${ctx.owner}/${ctx.repo}`),
      baseRef: String(pull.base?.ref ?? ""),
      baseSha: String(pull.base?.sha ?? ""),
      draft: pull.draft === true,
      ...typeof pull.user?.login === "string" ? { author: { login: pull.user.login, type: pull.user.type } } : {}
    }
  };
}

// src/pipelines/pr-review/config.ts
var PIPELINE = "pr-review";
var DEFAULT_COMMAND = "/ai-review";
function defaultPrReviewConfig() {
  return {
    label: "ai-review",
    agents: ["claude", "gemini", "codex"],
    reviewer: "claude",
    judge: true,
    minAgreement: 2,
    minSeverity: "medium",
    requestChangesOnCritical: false,
    maxDiffBytes: 2e5,
    perAgentComments: false
  };
}
var CONFIG_KEYS = [
  "label",
  "command",
  "agents",
  "reviewer",
  "judge",
  "min-agreement",
  "min-severity",
  "request-changes-on-critical",
  "max-diff-bytes",
  "per-agent-comments"
];
function boolean(v, value, path) {
  if (typeof value !== "boolean") v.fail(path, "must be true or false");
  return value;
}
function readPrReviewConfig(v, raw, path, defaults = defaultPrReviewConfig()) {
  v.keys(raw, path, CONFIG_KEYS);
  const config = { ...defaults };
  const at = (key) => [...path, key];
  if (raw.agents !== void 0) config.agents = v.stringList(raw.agents, at("agents"), { nonEmpty: true });
  if (raw.reviewer !== void 0) config.reviewer = v.string(raw.reviewer, at("reviewer"));
  if (raw.judge !== void 0) config.judge = boolean(v, raw.judge, at("judge"));
  if (raw["min-agreement"] !== void 0)
    config.minAgreement = v.positive(raw["min-agreement"], at("min-agreement"), { integer: true });
  if (raw["min-severity"] !== void 0) {
    const severity = raw["min-severity"];
    if (!SEVERITIES.includes(severity))
      v.fail(at("min-severity"), `must be one of ${SEVERITIES.join(", ")}`);
    config.minSeverity = severity;
  }
  if (raw["request-changes-on-critical"] !== void 0)
    config.requestChangesOnCritical = boolean(v, raw["request-changes-on-critical"], at("request-changes-on-critical"));
  if (raw["max-diff-bytes"] !== void 0)
    config.maxDiffBytes = v.positive(raw["max-diff-bytes"], at("max-diff-bytes"), { integer: true });
  if (raw["per-agent-comments"] !== void 0)
    config.perAgentComments = boolean(v, raw["per-agent-comments"], at("per-agent-comments"));
  if (new Set(config.agents).size !== config.agents.length) v.fail(at("agents"), "lists an agent twice");
  return config;
}
function checkPrReviewReferences(v, config, defined, path) {
  const known = Object.keys(defined).join(", ");
  config.agents.forEach((name, i) => {
    if (!defined[name]) v.fail([...path, "agents", i], `unknown agent "${name}"; defined: ${known}`);
  });
  if (config.judge && !defined[config.reviewer])
    v.fail([...path, "reviewer"], `unknown agent "${config.reviewer}"; defined: ${known}`);
}
var CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  description: "Council review of pull requests: several agents review the diff; one review posts what they agree on.",
  properties: {
    label: labelSchema(
      "ai-review",
      "The label on a pull request that starts a review; a push to a pull request with it re-reviews the new commits."
    ),
    command: commandSchema(
      DEFAULT_COMMAND,
      "The slash command that starts a review when written as a new comment on a pull request."
    ),
    agents: agentListSchema("The agents that review the diff, independently."),
    reviewer: {
      type: "string",
      default: "claude",
      description: "The agent that judges the grouped findings (valid, invalid or unsure)."
    },
    judge: {
      type: "boolean",
      default: true,
      description: "Whether the reviewer judges the groups; invalid ones are never inline."
    },
    "min-agreement": {
      type: "integer",
      minimum: 1,
      default: 2,
      description: "How many agents must have found something for an inline comment (1 when only one agent reviewed the file)."
    },
    "min-severity": {
      enum: [...SEVERITIES],
      default: "medium",
      description: "The least severity of an inline comment; the rest is listed in the review body."
    },
    "request-changes-on-critical": {
      type: "boolean",
      default: false,
      description: "Post the review as REQUEST_CHANGES when an inline comment is critical (never APPROVE)."
    },
    "max-diff-bytes": {
      type: "integer",
      minimum: 1,
      default: 2e5,
      description: "Diff bytes per agent (and as much again for full file texts); larger diffs are split across agents, files over it are skipped and named."
    },
    "per-agent-comments": {
      type: "boolean",
      default: false,
      description: "Also post each agent's full answer as a comment of its own (always in the job summary and result-file)."
    }
  }
};

// src/pipelines/pr-review/index.ts
var pipeline4 = onDemand(() => import("./pipeline-NKFMVWDU.js"));
function agentsOf(config) {
  return [.../* @__PURE__ */ new Set([...config.agents, ...config.judge ? [config.reviewer] : []])];
}
var synchronize = {
  events: ["pull_request", "pull_request_target"],
  describe: "pull_request / pull_request_target (synchronize) on a pull request with the pr-review label",
  match(event, pipeline5) {
    if (event.action !== "synchronize") return { kind: "not-mine" };
    const pull = event.payload.pull_request;
    if (!pull || typeof pull.number !== "number")
      throw new Error(`The ${event.name} event payload has no pull request.`);
    const target = pullRequestFromPayload(event, pull);
    const labels = (event.payload.pull_request.labels ?? []).map((l) => l.name);
    if (!labels.includes(pipeline5.label))
      return {
        kind: "skip",
        reason: `a push to pull request #${target.number}, which does not carry the label "${pipeline5.label}"`
      };
    return {
      kind: "run",
      target,
      sender: senderOf(event.payload),
      trigger: {
        kind: "event",
        event: `${event.name}.synchronize`,
        description: `a push to pull request #${target.number} (label "${pipeline5.label}")`
      },
      detail: void 0
    };
  }
};
var prReview = definePipeline({
  name: PIPELINE,
  description: "Several agents review a pull request; one review posts inline what they agree on.",
  defaultCommand: DEFAULT_COMMAND,
  config: {
    defaults: defaultPrReviewConfig,
    read: (reader, raw, path, defaults) => readPrReviewConfig(reader, raw, path, defaults),
    check: (reader, config, agents, path) => checkPrReviewReferences(reader, config, agents, path),
    schema: CONFIG_SCHEMA
  },
  agents: agentsOf,
  access: "read-only",
  triggers: { label: { on: ["pull-request"] }, command: { on: ["pull-request"] }, events: [synchronize] },
  status: agentRowsLayout((config) => [
    ...config.agents.map((agent) => ({ agent, role: "review", state: "pending" })),
    ...config.judge ? [{ agent: config.reviewer, role: "judge", state: "pending", note: "waits for the reviews" }] : []
  ]),
  matrixUnavailable: "pr-review runs in one job: its agents share one plan of the diff, and the judge needs all their findings",
  load: pipeline4,
  run: async (request, deps) => (await pipeline4()).runPrReviewPipeline(request, deps),
  record: (outcome) => {
    const r = outcome.result;
    if (!r) return {};
    return {
      pullRequest: r.pull && {
        number: r.pull.number,
        url: r.pull.url,
        baseSha: r.pull.baseSha,
        headSha: r.pull.headSha
      },
      review: r.review && {
        url: r.review.url,
        event: r.review.event,
        inline: r.review.inline,
        inBody: r.review.inBody,
        comments: r.review.comments
      },
      agents: r.agents,
      notReviewed: r.skipped
    };
  },
  summary: (outcome, target) => renderSummary({
    pipeline: PIPELINE,
    target,
    status: outcome.status,
    error: outcome.error,
    runs: outcome.runs,
    comments: outcome.comments
  }),
  describe: (config) => `with ${config.agents.join(", ")}${config.judge ? `; judge ${config.reviewer}` : ""}`,
  localReport: (outcome) => [
    `review: ${outcome.result?.review?.url ?? (outcome.result?.review ? "written to the run folder" : "none")}`
  ]
});

// src/pipelines/relay-pipeline/ci-trigger.ts
var FAILED = /* @__PURE__ */ new Set(["failure", "timed_out"]);
function completion(event) {
  if (event.action !== "completed") return void 0;
  const subject = event.name === "workflow_run" ? event.payload.workflow_run : event.payload.check_suite;
  return subject && typeof subject === "object" ? subject : void 0;
}
function pullRequestOf(subject, branch, repoUrl) {
  const pulls = Array.isArray(subject.pull_requests) ? subject.pull_requests : [];
  const ours = pulls.filter(
    (p) => p.head?.ref === branch && (!repoUrl || p.head?.repo?.url === repoUrl && p.base?.repo?.url === repoUrl)
  );
  return ours.length === 1 && typeof ours[0].number === "number" ? ours[0].number : void 0;
}
function isRelayHeadCommit(commit, issueNumber) {
  const subject = String(commit?.message ?? "").split("\n", 1)[0] ?? "";
  return commit?.author?.email === BOT_AUTHOR.email && subject.endsWith(`(relay for #${issueNumber})`);
}
function readPayload(event, config) {
  const subject = completion(event);
  if (!subject || !FAILED.has(String(subject.conclusion))) return { kind: "not-mine" };
  const what = event.name === "workflow_run" ? `workflow run ${subject.id}` : `check suite ${subject.id}`;
  if (config.ciFix !== true)
    return { kind: "skip", reason: `${what} failed, but CI fix rounds are off (pipelines.relay-pipeline.ci-fix)` };
  const fullName = `${event.owner}/${event.repo}`;
  if (event.name === "workflow_run" && subject.head_repository?.full_name !== fullName) {
    return {
      kind: "skip",
      reason: `${what} ran on a fork's branch (${String(subject.head_repository?.full_name ?? "unknown")}), which the relay never touches`
    };
  }
  const branch = String(subject.head_branch ?? "");
  const issueNumber = relayIssueOf(branch);
  if (issueNumber === void 0)
    return { kind: "skip", reason: `${what} failed on ${branch || "no branch"}, not a relay branch` };
  const repoUrl = event.payload.repository?.url;
  const number = pullRequestOf(subject, branch, typeof repoUrl === "string" ? repoUrl : void 0);
  if (number === void 0)
    return {
      kind: "skip",
      reason: `${what} failed on ${branch}, but no pull request of this repository has it as its head`
    };
  if (!isRelayHeadCommit(subject.head_commit, issueNumber))
    return { kind: "skip", reason: `${what} failed on ${branch}, whose head commit is not the relay's` };
  return { subject, what, branch, issueNumber, number, headSha: String(subject.head_sha ?? "") };
}
async function decide(event, view, lookups) {
  const facts = readPayload(event, view.config);
  if ("kind" in facts) return facts;
  const { subject, what, branch, number, headSha } = facts;
  if (!lookups?.ownLogin)
    return {
      kind: "skip",
      reason: `${what} failed on ${branch}, but without a token the relay cannot check whose pull request #${number} is`
    };
  const [target, ownLogin] = await Promise.all([lookups.fetchPullRequest(number), lookups.ownLogin()]);
  const problem = notTheRelays(target, `${event.owner}/${event.repo}`, ownLogin);
  if (problem) return { kind: "skip", reason: problem };
  const pull = target.pullRequest;
  if (pull.headRef !== branch) return { kind: "skip", reason: `pull request #${number}'s head is no longer ${branch}` };
  if (pull.headSha !== headSha)
    return {
      kind: "skip",
      reason: `${what} is about ${headSha.slice(0, 12)}, but pull request #${number} has moved on to ${pull.headSha.slice(0, 12)}`
    };
  const rounds = lookups.listComments && countCiRounds(await lookups.listComments(number), view.name, view.command);
  if (rounds?.stopped)
    return {
      kind: "skip",
      reason: `the relay stopped its CI fix rounds on pull request #${number}; a maintainer's ${view.command} there lets it go on`
    };
  const name = String(
    event.name === "workflow_run" ? subject.name ?? event.payload.workflow?.name ?? "CI" : subject.app?.name ?? "CI"
  );
  return {
    kind: "run",
    target,
    sender: senderOf(event.payload),
    trigger: { kind: "event", event: `${event.name}.completed`, description: `CI failed on ${branch} (${name})` },
    detail: {
      kind: "ci-failure",
      source: event.name === "workflow_run" ? "workflow_run" : "check_suite",
      id: Number(subject.id),
      name,
      ...typeof subject.html_url === "string" ? { url: subject.html_url } : {},
      headSha,
      branch,
      issueNumber: facts.issueNumber
    }
  };
}
var ciFailure = {
  events: ["workflow_run", "check_suite"],
  describe: "workflow_run / check_suite (completed with failure) on a pull request the relay opened, with ci-fix on",
  match: (event, pipeline5, lookups) => decide(event, pipeline5, lookups)
};

// src/pipelines/relay-pipeline/read-config.ts
var RELAY_KEYS = [
  "label",
  "command",
  "max-rounds",
  "create-pr",
  "allow-protected-paths",
  "ci-fix",
  "max-ci-rounds",
  "stages"
];
var STAGE_KEYS = ["name", "agent", "instructions", "write", "pass", "run", "run-timeout", "on-fail"];
var STAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
var VERDICT_WORD = /^[A-Za-z][A-Za-z0-9_-]*$/;
var SHELL_SYNTAX = /[|&;<>()$`"'\\\n]/;
var MAX_ROUNDS_LIMIT = 10;
function boolean2(v, value, path) {
  if (typeof value !== "boolean") v.fail(path, "must be true or false");
  return value;
}
function wholeNumber(v, value, path, max) {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max)
    v.fail(path, `must be a whole number from 0 to ${max}`);
  return value;
}
function command(v, value, path) {
  if (typeof value === "string") {
    if (SHELL_SYNTAX.test(value)) {
      v.fail(
        path,
        'is run without a shell and split on spaces, so quotes, pipes, "&&", redirections and $VARIABLES do not work; put the commands in a script and run that, or give an argv list'
      );
    }
    const argv = value.trim().split(/\s+/).filter(Boolean);
    if (argv.length === 0) v.fail(path, "must not be empty");
    return argv;
  }
  return v.stringList(value, path, { nonEmpty: true });
}
function stage(v, raw, path) {
  v.object(raw, path);
  v.keys(raw, path, STAGE_KEYS);
  if (raw.name === void 0) v.fail(path, 'needs a "name"');
  if (raw.agent === void 0) v.fail(path, 'needs an "agent"');
  const name = v.string(raw.name, [...path, "name"]);
  if (!STAGE_NAME.test(name)) v.fail([...path, "name"], 'stage names use letters, digits, ".", "_" and "-"');
  const instructions = raw.instructions !== void 0 ? v.string(raw.instructions, [...path, "instructions"]) : DEFAULT_STAGE_INSTRUCTIONS[name];
  if (instructions === void 0) {
    v.fail(
      path,
      `needs "instructions" (only the stages named ${Object.keys(DEFAULT_STAGE_INSTRUCTIONS).join(", ")} have default instructions)`
    );
  }
  const pass = raw.pass !== void 0 ? v.stringList(raw.pass, [...path, "pass"], { nonEmpty: true }) : ["PASS"];
  pass.forEach((word, i) => {
    if (!VERDICT_WORD.test(word))
      v.fail(
        [...path, "pass", i],
        `"${word}" is not a verdict word (letters, digits, "_" and "-", starting with a letter)`
      );
  });
  return {
    name,
    agent: v.string(raw.agent, [...path, "agent"]),
    instructions,
    write: raw.write !== void 0 ? boolean2(v, raw.write, [...path, "write"]) : false,
    pass: pass.map((word) => word.toUpperCase()),
    ...raw.run !== void 0 ? { run: command(v, raw.run, [...path, "run"]) } : {},
    runTimeoutSec: raw["run-timeout"] !== void 0 ? v.positive(raw["run-timeout"], [...path, "run-timeout"], { integer: false }) : DEFAULT_RUN_TIMEOUT_SEC,
    ...raw["on-fail"] !== void 0 ? { onFail: v.string(raw["on-fail"], [...path, "on-fail"]) } : {}
  };
}
function readRelay(v, raw, path, relay) {
  v.keys(raw, path, RELAY_KEYS);
  if (raw["max-rounds"] !== void 0)
    relay.maxRounds = wholeNumber(v, raw["max-rounds"], [...path, "max-rounds"], MAX_ROUNDS_LIMIT);
  if (raw["create-pr"] !== void 0) relay.createPr = boolean2(v, raw["create-pr"], [...path, "create-pr"]);
  if (raw["allow-protected-paths"] !== void 0)
    relay.allowProtectedPaths = v.stringList(raw["allow-protected-paths"], [...path, "allow-protected-paths"], {
      nonEmpty: false
    });
  if (raw["ci-fix"] !== void 0) relay.ciFix = boolean2(v, raw["ci-fix"], [...path, "ci-fix"]);
  if (raw["max-ci-rounds"] !== void 0)
    relay.maxCiRounds = wholeNumber(v, raw["max-ci-rounds"], [...path, "max-ci-rounds"], MAX_ROUNDS_LIMIT);
  if (raw.stages !== void 0) {
    if (!Array.isArray(raw.stages) || raw.stages.length === 0)
      v.fail([...path, "stages"], "must be a non-empty list of stages");
    relay.stages = raw.stages.map((s, i) => stage(v, s, [...path, "stages", i]));
  }
}
function checkRelayReferences(v, relay, agents, pipelinePath) {
  const { stages } = relay;
  const path = [...pipelinePath, "stages"];
  const seen = /* @__PURE__ */ new Map();
  stages.forEach((s, i) => {
    if (seen.has(s.name)) v.fail([...path, i, "name"], `a stage named "${s.name}" already exists`);
    seen.set(s.name, i);
    if (!agents[s.agent])
      v.fail([...path, i, "agent"], `unknown agent "${s.agent}"; defined: ${Object.keys(agents).join(", ")}`);
  });
  stages.forEach((s, i) => {
    if (s.onFail === void 0) return;
    const target = seen.get(s.onFail);
    if (target === void 0)
      v.fail([...path, i, "on-fail"], `unknown stage "${s.onFail}"; stages: ${stages.map((t) => t.name).join(", ")}`);
    if (target > i)
      v.fail(
        [...path, i, "on-fail"],
        `"${s.onFail}" comes after "${s.name}"; work can only be sent back to this stage or an earlier one`
      );
  });
}

// src/pipelines/relay-pipeline/schema.ts
var schema3 = {
  type: "object",
  additionalProperties: false,
  properties: {
    label: labelSchema("relay-pipeline"),
    command: commandSchema("/relay"),
    "max-rounds": {
      type: "integer",
      minimum: 0,
      maximum: 10,
      default: 2,
      description: "How many times a failed stage may send the work back to its on-fail stage."
    },
    "create-pr": {
      type: "boolean",
      default: true,
      description: "Push the branch ai-orchestra/issue-<number> and open a pull request when every stage passes and files changed. Needs contents: write and pull-requests: write."
    },
    "allow-protected-paths": {
      type: "array",
      items: {
        type: "string",
        minLength: 1
      },
      default: [],
      description: "Protected paths (globs: ** any folders, * within a name) the relay may commit after all. By default a change to .github/workflows/**, .github/actions/**, the config file, agent-CLI configuration (.claude, .mcp.json, .gemini, .env ...) or any .git* file is refused and named in the stage report. See docs/write-path.md."
    },
    "ci-fix": {
      type: "boolean",
      default: false,
      description: "When CI fails on a pull request the relay opened (workflow_run or check_suite completed with failure), read the failing steps of the failed jobs and run a fix round on the same branch. Needs actions: read, contents: write and pull-requests: write; see examples/workflows/relay-ci-fix.yml."
    },
    "max-ci-rounds": {
      type: "integer",
      minimum: 0,
      maximum: 10,
      default: 2,
      description: "How many CI fix rounds a pull request gets; then the relay says on it that it stopped, until a maintainer comments the relay command there."
    },
    stages: {
      type: "array",
      minItems: 1,
      description: "The stages, run in order; each one's report and the working directory's diff go to the next. Default: implement (claude, write) \u2192 test (gemini) \u2192 review (codex, on-fail: implement).",
      items: {
        $ref: "#/$defs/relayStage"
      }
    }
  }
};

// src/pipelines/relay-pipeline/triggers.ts
var reviewRequestedChanges = {
  events: ["pull_request_review"],
  describe: "pull_request_review (submitted, changes requested) on a pull request the relay opened",
  async match(event, _pipeline, lookups) {
    if (event.action !== "submitted") return { kind: "not-mine" };
    const pull = event.payload.pull_request;
    const review = event.payload.review;
    if (!pull || typeof pull.number !== "number" || !review)
      throw new Error("The pull_request_review event payload has no pull request or review.");
    const state = String(review.state ?? "").toLowerCase();
    if (state !== "changes_requested")
      return {
        kind: "skip",
        reason: `review ${review.id} on pull request #${pull.number} is "${state}"; only changes requested restart the relay`
      };
    const target = pullRequestFromPayload(event, pull);
    const ownLogin = lookups?.ownLogin ? await lookups.ownLogin() : INSTALLATION_LOGIN;
    const problem = notTheRelays(target, `${event.owner}/${event.repo}`, ownLogin);
    if (problem) return { kind: "skip", reason: `${problem}, so the review does not restart the relay` };
    const author = String(review.user?.login ?? "");
    if (author.toLowerCase() === ownLogin.toLowerCase())
      return {
        kind: "skip",
        reason: `review ${review.id} is by ${author}, the identity the relay writes as; its own reviews do not restart it`
      };
    return {
      kind: "run",
      target,
      sender: senderOf(event.payload),
      trigger: {
        kind: "event",
        event: "pull_request_review.submitted",
        description: `changes requested by ${author} in review ${review.id} on pull request #${pull.number}`
      },
      detail: {
        kind: "review",
        review: { id: Number(review.id), author, body: String(review.body ?? ""), url: String(review.html_url ?? "") }
      }
    };
  }
};

// src/pipelines/relay-pipeline/index.ts
var DEFAULT_COMMAND2 = "/relay";
var code = onDemand(async () => {
  const [ciFix, continuation, pipeline5, workspace] = await Promise.all([
    import("./ci-fix-3Q63GFKN.js"),
    import("./continue-YJHQYRKU.js"),
    import("./pipeline-H4CY2S6W.js"),
    import("./workspace-OPP7PTMA.js")
  ]);
  return { ...ciFix, ...continuation, ...pipeline5, ...workspace };
});
var relayPipeline = definePipeline({
  name: "relay-pipeline",
  description: "Stages (implement, test, review) hand the work on; when all pass, the changes become a pull request.",
  defaultCommand: DEFAULT_COMMAND2,
  config: {
    defaults: defaultRelay,
    read(v, raw, path, relay) {
      readRelay(v, raw, path, relay);
      if (raw.label !== void 0) relay.label = v.string(raw.label, [...path, "label"]);
      return relay;
    },
    check: checkRelayReferences,
    schema: schema3
  },
  agents: (config) => [...new Set(config.stages.map((s) => s.agent))],
  access: "write",
  // A stage updates the status when its agent starts and again after its `run` command.
  longestStepSec: (config, timeoutOf) => Math.max(...config.stages.map((s) => timeoutOf(s.agent) + (s.run ? s.runTimeoutSec : 0))),
  // On an issue: a new relay. On the relay's own pull request: /relay or a review requesting changes continues it,
  // and a CI failure starts a fix round (ci-fix).
  triggers: {
    label: { on: ["issue"] },
    command: { on: ["issue", "pull-request"] },
    dispatch: true,
    events: [reviewRequestedChanges, ciFailure]
  },
  status: {
    ...RELAY_CHECKLIST,
    rows: (config) => config.stages.map((s) => ({ stage: s.name, agent: s.agent, round: 1, state: "pending" })),
    render: (snapshot, config) => RELAY_CHECKLIST.render(snapshot, { maxRounds: config.maxRounds }),
    annotate: (_config, target) => ({ issueStamp: renderIssueStamp(target) }),
    paced: false
  },
  matrixUnavailable: "relay-pipeline runs its stages one after another, each on the previous stage's work, so it has no matrix form: run it with mode: run (the default), in a workflow of its own",
  prepareWorkspace: async (args) => (await code()).openRelayCheckout(args),
  load: code,
  async run(request, deps) {
    const { runCiFix, continueRelay, runFollowUp, gitWorkspace, runRelayPipeline, publisherFor } = await code();
    const { detail } = request;
    if (detail?.kind === "ci-failure") {
      const command2 = request.config.command ?? DEFAULT_COMMAND2;
      return runCiFix({ ...request, detail }, deps, {
        command: command2,
        continueOnBranch: (continuation) => continueRelay(continuation, request, deps)
      });
    }
    if (request.target.kind === "pull-request") return runFollowUp({ ...request, detail }, deps);
    const { workspace, repo } = gitWorkspace(deps);
    return runRelayPipeline(
      {
        issue: request.target,
        pipeline: request.config,
        processedLabel: request.settings.processedLabel,
        repoUrl: request.run.repoUrl,
        defaultBranch: request.run.defaultBranch,
        runUrl: request.run.url
      },
      {
        runner: deps.runner,
        reporter: deps.sink,
        status: deps.status,
        workspace,
        publisher: publisherFor(request, deps, repo),
        signal: deps.signal,
        now: deps.clock.now,
        warn: deps.log.warning,
        redact: (text) => deps.redactor.redact(text)
      }
    );
  },
  record: (outcome) => ({ ...relayRecord(outcome), ...outcome.ciFix ? { ciFix: outcome.ciFix } : {} }),
  summary: renderRelaySummary,
  outputs: (outcome) => ({ "pr-url": outcome.prUrl ?? "", branch: outcome.branch ?? "" }),
  describe: (config) => `: ${config.stages.map((s) => `${s.name} (${s.agent}${s.write ? ", may edit" : ""})`).join(" \u2192 ")}`,
  localReport: (outcome) => outcome.prUrl ? [`pull request: ${outcome.prUrl}`] : outcome.branch ? [`branch: ${outcome.branch}`] : []
});

// src/pipelines/index.ts
var PIPELINES = [aiReview, relayPipeline, personaData, prReview, ask];
var PIPELINE_NAMES = PIPELINES.map((p) => p.name);
var DEFAULT_COMMANDS = Object.fromEntries(
  PIPELINES.map((p) => [p.name, p.defaultCommand])
);
function pipelineNamed(name) {
  const found = PIPELINES.find((p) => p.name === name);
  if (!found) throw new Error(`No pipeline is called "${name}"; registered: ${PIPELINE_NAMES.join(", ")}.`);
  return found;
}
function commandOf(config, definition) {
  return config.pipelines[definition.name]?.command ?? definition.defaultCommand;
}

export {
  withTrailer,
  issueFromPayload,
  pullRequestFromPayload,
  PIPELINES,
  pipelineNamed,
  commandOf
};
