import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  GitHubReporter,
  LocalReporter,
  createOctokit,
  describeMissing,
  executeReview,
  findMissingPrograms,
  info,
  killAllRunning,
  loadConfig,
  loadRunContext,
  readInputs,
  redactorFor,
  routeEvent,
  runDirectory,
  setFailed,
  setOutput,
  setSecret,
  statusOf,
  summary,
  warning
} from "./chunks/chunk-L6HZSHYB.js";

// src/main.ts
import { join, resolve } from "node:path";

// src/github/permissions.ts
var WRITERS = /* @__PURE__ */ new Set(["admin", "maintain", "write"]);
async function checkTriggerPermission(octokit, repo, trigger, allowedBots) {
  const isBot = trigger.type === "Bot" || trigger.login.endsWith("[bot]");
  if (isBot) {
    const allowed = allowedBots.some((b) => b.toLowerCase() === trigger.login.toLowerCase());
    return allowed ? { allowed: true, reason: `${trigger.login} is listed in allowed-bots` } : { allowed: false, reason: `${trigger.login} is a bot and not listed in the allowed-bots input` };
  }
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: trigger.login });
    const role = data.role_name ?? data.permission;
    return WRITERS.has(role) ? { allowed: true, reason: `${trigger.login} has ${role} permission` } : { allowed: false, reason: `${trigger.login} has ${role} permission; admin, maintain or write is required` };
  } catch (error) {
    const status = statusOf(error);
    return {
      allowed: false,
      reason: `could not check ${trigger.login}'s permission (${status ? `HTTP ${status}` : error instanceof Error ? error.message : String(error)}); refusing to run`
    };
  }
}

// src/security/log.ts
import { randomUUID } from "node:crypto";
function logUntrusted(write, text) {
  const token = randomUUID();
  write(`::stop-commands::${token}`);
  write(text);
  write(`::${token}::`);
}

// src/main.ts
function setOutputs(pipeline, status, resultFile = "") {
  setOutput("pipeline", pipeline);
  setOutput("status", status);
  setOutput("result-file", resultFile);
}
function cancelOnSignals(controller) {
  const hardStop = () => {
    killAllRunning("SIGKILL");
    process.exit(1);
  };
  const onSignal = (signal) => {
    if (controller.signal.aborted) return hardStop();
    warning(`Received ${signal}: the workflow is being cancelled; stopping every agent.`);
    controller.abort();
    setTimeout(hardStop, 4500).unref();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}
function staleAfterMs(config) {
  const longest = Math.max(...Object.values(config.agents).map((a) => a.timeoutSec));
  return (longest + config.settings.killGraceSec + 60) * 1e3;
}
async function run() {
  const controller = new AbortController();
  const stopListening = cancelOnSignals(controller);
  try {
    const inputs = readInputs();
    const ctx = loadRunContext(process.env);
    const config = loadConfig(resolve(ctx.workspace, inputs.configPath), { required: inputs.configRequired });
    const route = routeEvent(ctx, config);
    if (route.kind === "skip") {
      info(`Nothing to do: ${route.reason}.`);
      return setOutputs("none", "skipped");
    }
    if (route.pipeline !== "ai-review") {
      warning(`The ${route.pipeline} pipeline is not available in this version of AI Orchestra yet; nothing was run.`);
      return setOutputs(route.pipeline, "skipped");
    }
    const redactor = redactorFor(inputs.githubToken, process.env, Object.values(config.agents));
    for (const value of redactor.knownValues) setSecret(value);
    const octokit = inputs.githubToken ? createOctokit(inputs.githubToken, {
      requestTimeoutMs: 3e4,
      maxRateLimitRetries: 3,
      minWriteIntervalMs: process.env.AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS ? Number(process.env.AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS) : void 0
    }) : void 0;
    const repo = { owner: ctx.owner, repo: ctx.repo };
    if (octokit) {
      const verdict = await checkTriggerPermission(octokit, repo, route.sender, inputs.allowedBots);
      if (!verdict.allowed) {
        warning(`Not running ${route.pipeline} on #${route.issue.number}: ${verdict.reason}.`);
        return setOutputs(route.pipeline, "skipped");
      }
      info(`Permission: ${verdict.reason}.`);
    }
    const review = config.pipelines["ai-review"];
    const agentSpecs = [.../* @__PURE__ */ new Set([...review.agents, review.reviewer])].map((name) => config.agents[name]);
    const missing = findMissingPrograms(agentSpecs, process.env.PATH ?? "");
    if (missing.length > 0) warning(`Some agent programs are missing; those agents will fail:
${describeMissing(missing)}`);
    const dir = runDirectory(join(ctx.runnerTemp, "ai-orchestra"), ctx, route.issue.number);
    const runMarker = { runId: ctx.runId, pipeline: route.pipeline };
    const reporter = inputs.dryRun || !octokit ? new LocalReporter(join(dir, "comments"), runMarker, redactor, (text) => logUntrusted(info, text)) : new GitHubReporter(octokit, { ...repo, number: route.issue.number }, runMarker, redactor);
    if (reporter instanceof GitHubReporter) {
      const claim = await reporter.claim({ staleAfterMs: staleAfterMs(config), now: /* @__PURE__ */ new Date(), runUrl: ctx.runUrl });
      if (!claim.claimed) {
        warning(`Not running ${route.pipeline} on #${route.issue.number}: ${claim.reason}.`);
        return setOutputs(route.pipeline, "skipped");
      }
    }
    info(`Running ai-review on ${route.issue.repository}#${route.issue.number} with ${review.agents.join(", ")}; reviewer ${review.reviewer}.`);
    const { outcome, resultFile, summary: summary2 } = await executeReview({
      ctx,
      config,
      issue: route.issue,
      reporter,
      redactor,
      workingDirectory: resolve(ctx.workspace, inputs.workingDirectory ?? "."),
      dir,
      env: process.env,
      signal: controller.signal,
      warn: warning
    });
    setOutputs(route.pipeline, outcome.status === "success" ? "success" : "failure", resultFile);
    await summary.addRaw(summary2).write();
    if (outcome.status !== "success") setFailed(redactor.redact(outcome.error ?? `ai-review ended with status ${outcome.status}`));
  } catch (error) {
    setOutput("status", "failure");
    setFailed(error instanceof Error ? error.message : String(error));
  } finally {
    stopListening();
  }
}

// src/index.ts
await run();
