import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/kernel/config-schema.ts
var COMMAND_PATTERN = "^/[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$";
function labelSchema(label, description = "The label that starts this pipeline.") {
  return { type: "string", minLength: 1, default: label, description };
}
function commandSchema(command, description = "Slash command that starts this pipeline when a comment begins with it (issue_comment trigger).") {
  return { type: "string", pattern: COMMAND_PATTERN, default: command, description };
}
function agentListSchema(description, defaults = ["claude", "gemini", "codex"]) {
  return { type: "array", items: { type: "string" }, minItems: 1, uniqueItems: true, default: defaults, description };
}

// src/pipelines/ai-review/schema.ts
var schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    label: labelSchema("ai-review"),
    command: commandSchema("/ai-review"),
    agents: {
      oneOf: [
        { type: "array", items: { type: "string" }, minItems: 1, uniqueItems: true },
        { type: "string", pattern: "^top-[1-9][0-9]?$" }
      ],
      default: ["claude", "gemini", "codex"],
      description: "Agents that answer the issue, in parallel; or top-N: the N best-rated agents of the leaderboard built from the run records on records-branch, with one run in ten (chosen by the run id) giving the last place to another defined agent so the ratings stay honest (docs/dashboard.md)."
    },
    reviewer: {
      type: "string",
      default: "claude",
      description: "Agent that compares and ranks the anonymized answers, twice: the second time in reverse order (docs/budgets.md). Use reviewers for several judges."
    },
    reviewers: {
      type: "array",
      items: {
        type: "string"
      },
      minItems: 1,
      uniqueItems: true,
      description: "Several judges instead of one reviewer: each ranks the answers in two orders, never an answer of its own vendor's CLI when another judge can; the rankings are combined by Borda count and the first judge writes the synthesis."
    }
  },
  not: {
    required: ["reviewer", "reviewers"]
  }
};

// src/pipelines/ai-review/config.ts
function reviewJudges(pipeline) {
  return pipeline.reviewers && pipeline.reviewers.length > 0 ? pipeline.reviewers : [pipeline.reviewer];
}
var REVIEW_KEYS = ["label", "command", "agents", "reviewer", "reviewers"];
var reviewConfig = {
  defaults: () => ({ label: "ai-review", agents: ["claude", "gemini", "codex"], reviewer: "claude" }),
  read(v, raw, path, review) {
    v.keys(raw, path, REVIEW_KEYS);
    if (raw.label !== void 0) review.label = v.string(raw.label, [...path, "label"]);
    const top = typeof raw.agents === "string" ? /^top-([1-9][0-9]?)$/.exec(raw.agents) : null;
    if (typeof raw.agents === "string" && !top)
      v.fail(
        [...path, "agents"],
        `"${raw.agents}" is neither a list of agents nor top-N (e.g. top-3: the N best-rated agents of the leaderboard)`
      );
    if (top) review.top = Number(top[1]);
    else if (raw.agents !== void 0)
      review.agents = v.stringList(raw.agents, [...path, "agents"], { nonEmpty: true });
    if (raw.reviewer !== void 0 && raw.reviewers !== void 0)
      v.fail([...path, "reviewers"], 'set either "reviewer" (one judge) or "reviewers" (a list), not both');
    if (raw.reviewer !== void 0) review.reviewer = v.string(raw.reviewer, [...path, "reviewer"]);
    if (raw.reviewers !== void 0) {
      review.reviewers = v.stringList(raw.reviewers, [...path, "reviewers"], { nonEmpty: true });
      if (new Set(review.reviewers).size !== review.reviewers.length)
        v.fail([...path, "reviewers"], "lists an agent twice");
      review.reviewer = review.reviewers[0];
    }
    return review;
  },
  check(v, review, agents, path) {
    if (review.top !== void 0) {
      review.pool = Object.keys(agents);
      if (review.top > review.pool.length)
        v.fail(
          [...path, "agents"],
          `top-${review.top} needs at least ${review.top} agents; defined: ${review.pool.join(", ")}`
        );
      review.agents = review.pool.slice(0, review.top);
    }
    review.agents.forEach((name, i) => {
      if (!agents[name])
        v.fail([...path, "agents", i], `unknown agent "${name}"; defined: ${Object.keys(agents).join(", ")}`);
    });
    if (new Set(review.agents).size !== review.agents.length) v.fail([...path, "agents"], "lists an agent twice");
    const judges = reviewJudges(review);
    judges.forEach((name, i) => {
      const at = judges.length > 1 ? [...path, "reviewers", i] : [...path, "reviewer"];
      if (!agents[name]) v.fail(at, `unknown agent "${name}"; defined: ${Object.keys(agents).join(", ")}`);
    });
  },
  schema
};
function reviewStatusEntries(pipeline) {
  return [
    ...pipeline.agents.map((agent) => ({ agent, role: "answer", state: "pending" })),
    ...reviewJudges(pipeline).map((agent) => ({
      agent,
      role: "reviewer",
      state: "pending",
      note: "waits for the answers"
    }))
  ];
}

export {
  labelSchema,
  commandSchema,
  agentListSchema,
  reviewJudges,
  reviewConfig,
  reviewStatusEntries
};
