// Decides whether the user who triggered the run may make the action spend AI credits and post on the issue.
import { type Octokit, statusOf, transportFailure } from './client.js';

const WRITERS = new Set(['admin', 'maintain', 'write']);

/** Whether a repository role (role_name or permission) grants write access. */
export const grantsWrite = (role: string | undefined): boolean => role !== undefined && WRITERS.has(role);

/** A login's role in the repository: admin, maintain, write, triage, read or none. Throws when GitHub does not answer. */
export async function permissionLevel(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  login: string,
): Promise<string> {
  const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: login });
  // role_name distinguishes maintain/triage, which the legacy `permission` field folds into write/read.
  return (data as { role_name?: string }).role_name ?? data.permission;
}

export interface Trigger {
  login: string;
  type?: string;
}

/** `lookupFailed`: GitHub did not answer the question (5xx, network, a token that may not ask), unlike a plain no. */
export type PermissionVerdict =
  | { allowed: true; reason: string }
  | { allowed: false; reason: string; lookupFailed?: boolean };

/** Fails closed: any error while checking refuses the run. */
export async function checkTriggerPermission(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  trigger: Trigger,
  allowedBots: string[],
): Promise<PermissionVerdict> {
  const isBot = trigger.type === 'Bot' || trigger.login.endsWith('[bot]');
  if (isBot) {
    const allowed = allowedBots.some((b) => b.toLowerCase() === trigger.login.toLowerCase());
    return allowed
      ? { allowed: true, reason: `${trigger.login} is listed in allowed-bots` }
      : { allowed: false, reason: `${trigger.login} is a bot and not listed in the allowed-bots input` };
  }
  try {
    const role = await permissionLevel(octokit, repo, trigger.login);
    return grantsWrite(role)
      ? { allowed: true, reason: `${trigger.login} has ${role} permission` }
      : { allowed: false, reason: `${trigger.login} has ${role} permission; admin, maintain or write is required` };
  } catch (error) {
    const status = statusOf(error);
    // A request that got no answer is not GitHub's HTTP 500: say that GitHub could not be reached, and why.
    const unreachable = transportFailure(error);
    const why = unreachable
      ? `GitHub could not be reached (${unreachable})`
      : status
        ? `HTTP ${status}`
        : error instanceof Error
          ? error.message
          : String(error);
    return {
      allowed: false,
      // 404: GitHub knows no such collaborator, which is an answer; anything else left the question open.
      lookupFailed: status !== 404,
      reason: `could not check ${trigger.login}'s permission (${why}); refusing to run`,
    };
  }
}
