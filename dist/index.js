import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  readInputs,
  runContextFor
} from "./chunks/chunk-ERKF2CLS.js";
import {
  listIssueComments
} from "./chunks/chunk-5G2TKJCC.js";
import "./chunks/chunk-PODBMNDR.js";
import {
  checkTriggerPermission
} from "./chunks/chunk-RRRZR3CE.js";
import {
  gitHubClients
} from "./chunks/chunk-N5OYCJPH.js";
import "./chunks/chunk-NIVG6WZ2.js";
import "./chunks/chunk-GJWFR67G.js";
import "./chunks/chunk-2GQDRHI5.js";
import "./chunks/chunk-UI6OCMSN.js";
import "./chunks/chunk-ZAUMI6SE.js";

// src/kernel/early-reads.ts
function earlyTarget(ctx) {
  const payload = ctx.payload;
  const number = payload.issue?.number ?? payload.pull_request?.number;
  const login = payload.sender?.login;
  if (typeof number !== "number" || typeof login !== "string" || login === "") return void 0;
  const trigger = { login, type: payload.sender?.type };
  if (ctx.eventName === "issues") return payload.action === "labeled" ? { number, trigger } : void 0;
  if (ctx.eventName === "pull_request" || ctx.eventName === "pull_request_target") return { number, trigger };
  if (ctx.eventName === "issue_comment") {
    const body = typeof payload.comment?.body === "string" ? payload.comment.body : "";
    return payload.action === "created" && body.trimStart().startsWith("/") ? { number, trigger } : void 0;
  }
  return void 0;
}
function startEarlyReads(inputs, ctx) {
  if (inputs.mode !== "run" || !inputs.githubToken || inputs.dryRun) return void 0;
  const target = earlyTarget(ctx);
  if (!target) return void 0;
  const clients = gitHubClients(inputs.githubToken, inputs.tuning);
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const listing = listIssueComments(clients.octokit, { ...repo, number: target.number });
  listing.catch(() => void 0);
  const permission = checkTriggerPermission(clients.octokit, repo, target.trigger, inputs.allowedBots);
  permission.catch(() => void 0);
  return {
    clients,
    listing: (number) => number === target.number ? listing : void 0,
    permission: (trigger) => trigger.login === target.trigger.login && trigger.type === target.trigger.type ? permission : void 0
  };
}
function beginRun() {
  try {
    const inputs = readInputs();
    if (inputs.mode === "dashboard") return void 0;
    const ctx = runContextFor(inputs);
    return { inputs, ctx, early: startEarlyReads(inputs, ctx) };
  } catch {
    return void 0;
  }
}

// src/index.ts
var begun = beginRun();
await begun?.early?.clients.onWire();
var { run } = await import("./chunks/main-6OLP6S3G.js");
await run(begun);
