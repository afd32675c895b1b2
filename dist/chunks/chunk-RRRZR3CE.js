import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  statusOf,
  transportFailure
} from "./chunk-N5OYCJPH.js";

// src/github/permissions.ts
var WRITERS = /* @__PURE__ */ new Set(["admin", "maintain", "write"]);
var grantsWrite = (role) => role !== void 0 && WRITERS.has(role);
async function permissionLevel(octokit, repo, login) {
  const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: login });
  return data.role_name ?? data.permission;
}
async function checkTriggerPermission(octokit, repo, trigger, allowedBots) {
  const isBot = trigger.type === "Bot" || trigger.login.endsWith("[bot]");
  if (isBot) {
    const allowed = allowedBots.some((b) => b.toLowerCase() === trigger.login.toLowerCase());
    return allowed ? { allowed: true, reason: `${trigger.login} is listed in allowed-bots` } : { allowed: false, reason: `${trigger.login} is a bot and not listed in the allowed-bots input` };
  }
  try {
    const role = await permissionLevel(octokit, repo, trigger.login);
    return grantsWrite(role) ? { allowed: true, reason: `${trigger.login} has ${role} permission` } : { allowed: false, reason: `${trigger.login} has ${role} permission; admin, maintain or write is required` };
  } catch (error) {
    const status = statusOf(error);
    const unreachable = transportFailure(error);
    const why = unreachable ? `GitHub could not be reached (${unreachable})` : status ? `HTTP ${status}` : error instanceof Error ? error.message : String(error);
    return {
      allowed: false,
      // 404: GitHub knows no such collaborator, which is an answer; anything else left the question open.
      lookupFailed: status !== 404,
      reason: `could not check ${trigger.login}'s permission (${why}); refusing to run`
    };
  }
}

export {
  grantsWrite,
  permissionLevel,
  checkTriggerPermission
};
