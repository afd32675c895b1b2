import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  getBooleanInput,
  getInput,
  setSecret
} from "./chunk-GJWFR67G.js";

// src/inputs.ts
var DEFAULT_CONFIG_PATH = ".github/ai-orchestra.yml";
var MODES = ["run", "plan", "unit", "finalize", "dashboard"];
function readEventOverride(env, dryRun) {
  const eventPath = env.AI_ORCHESTRA_EVENT_PATH?.trim();
  if (!eventPath) return void 0;
  if (!dryRun)
    throw new Error(
      "AI_ORCHESTRA_EVENT_PATH (a payload to run on instead of the workflow event) works with dry-run: true only."
    );
  return { eventPath, eventName: env.AI_ORCHESTRA_EVENT_NAME?.trim() || void 0 };
}
function tuningNumber(env, name, { zero }) {
  const raw = env[name]?.trim();
  if (!raw) return void 0;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || !zero && value === 0) {
    throw new Error(
      `${name} is "${raw}"; it must be a ${zero ? "non-negative" : "positive"} number (see docs/settings.md).`
    );
  }
  return value;
}
function readTuning(env) {
  return {
    requestTimeoutMs: tuningNumber(env, "AI_ORCHESTRA_REQUEST_TIMEOUT_MS", { zero: false }) ?? 3e4,
    minWriteIntervalMs: tuningNumber(env, "AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS", { zero: true }),
    secondaryRateLimitWaitSec: tuningNumber(env, "AI_ORCHESTRA_SECONDARY_RATE_LIMIT_WAIT_S", { zero: true }),
    turnPollMs: tuningNumber(env, "AI_ORCHESTRA_TURN_POLL_MS", { zero: false }) ?? 2e4
  };
}
function optional(name) {
  const value = getInput(name).trim();
  return value === "" ? void 0 : value;
}
function readInputs(env = process.env) {
  const configPath = optional("config") ?? DEFAULT_CONFIG_PATH;
  const dryRun = optional("dry-run") === void 0 ? false : getBooleanInput("dry-run");
  const githubToken = getInput("github-token");
  if (githubToken) setSecret(githubToken);
  if (!githubToken && !dryRun) {
    throw new Error(
      "The github-token input is empty. Leave it at its default (${{ github.token }}) or pass a token with issues: write."
    );
  }
  const mode = (optional("mode") ?? "run").toLowerCase();
  if (!MODES.includes(mode))
    throw new Error(`The input mode is "${mode}"; it must be one of ${MODES.join(", ")}.`);
  if (mode !== "run" && dryRun) {
    throw new Error(
      `dry-run works with mode: run only; in mode ${mode} the jobs share their work through the issue's comments and the run's artifacts.`
    );
  }
  return {
    mode,
    unit: optional("unit"),
    githubToken,
    configPath,
    configRequired: configPath !== DEFAULT_CONFIG_PATH,
    dryRun,
    workingDirectory: optional("working-directory"),
    agentUser: optional("agent-user"),
    dropSudo: optional("drop-sudo") === void 0 ? false : getBooleanInput("drop-sudo"),
    install: optional("install") === void 0 ? false : getBooleanInput("install"),
    recordsBranch: optional("records-branch"),
    dashboardDir: optional("dashboard-dir") ?? "_site",
    allowedBots: (optional("allowed-bots") ?? "").split(/[\s,]+/).map((s) => s.trim()).filter(Boolean),
    eventOverride: readEventOverride(env, dryRun),
    tuning: readTuning(env)
  };
}

// src/run-context.ts
import { readFileSync } from "node:fs";
function inferEventName(payload) {
  if (payload.issue && payload.comment) return "issue_comment";
  if (payload.issue && payload.label) return "issues";
  if (payload.pull_request) return "pull_request";
  if (payload.inputs) return "workflow_dispatch";
  return "";
}
function loadRunContext(env, overrides = {}) {
  const eventPath = overrides.eventPath ?? env.GITHUB_EVENT_PATH;
  if (!eventPath) throw new Error("GITHUB_EVENT_PATH is not set: no event payload to read.");
  let payload;
  try {
    payload = JSON.parse(readFileSync(eventPath, "utf8"));
  } catch (error) {
    throw new Error(
      `Could not read the event payload ${eventPath}: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  const fullName = env.GITHUB_REPOSITORY ?? payload.repository?.full_name ?? "";
  const [owner = "", repo = ""] = fullName.split("/");
  const serverUrl = env.GITHUB_SERVER_URL ?? "https://github.com";
  const runId = env.GITHUB_RUN_ID ?? `local-${Date.now()}`;
  return {
    eventName: overrides.eventName ?? env.GITHUB_EVENT_NAME ?? inferEventName(payload),
    payload,
    owner,
    repo,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? "1",
    serverUrl,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    runnerTemp: env.RUNNER_TEMP ?? env.TMPDIR ?? "/tmp",
    runUrl: env.GITHUB_RUN_ID && fullName ? `${serverUrl}/${fullName}/actions/runs/${env.GITHUB_RUN_ID}` : void 0,
    defaultBranch: typeof payload.repository?.default_branch === "string" ? payload.repository.default_branch : void 0,
    commitSha: env.GITHUB_SHA
  };
}
function runContextFor(inputs, env = process.env) {
  const override = inputs.eventOverride;
  return override ? loadRunContext({ ...env, GITHUB_EVENT_NAME: override.eventName }, { eventPath: override.eventPath }) : loadRunContext(env);
}

export {
  DEFAULT_CONFIG_PATH,
  readTuning,
  readInputs,
  loadRunContext,
  runContextFor
};
