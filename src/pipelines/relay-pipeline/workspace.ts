// The relay's working directory through git, and how its result leaves the runner (push, pull request).
import { dirname, join } from 'node:path';
import { BOT_AUTHOR, GitRepo } from '../../git/repo.js';
import type {
  PipelineDeps,
  PipelineRequest,
  PreparedWorkspace,
  PrepareWorkspaceArgs,
  RunWorkspace,
} from '../../kernel/definition.js';
import { runCommand } from '../../process/command.js';
import { sanitizeOutput } from '../../security/sanitize-output.js';
import { filesWithSecrets, writePolicy } from '../../security/write-policy.js';
import type { RelayPipelineConfig } from './config.js';
import type { CommitInfo, FollowUpPublisher, PushResult, RelayPublisher, RelayWorkspace } from './model.js';
import { describeCommit, isRelayCommit } from './result.js';

/** The relay's prepared workspace: our own repository and the stage copy the agents work in. */
export interface RelayCheckout extends PreparedWorkspace {
  repo: GitRepo;
}

/**
 * Records where the relay starts (the user's repository, read before any agent runs) and copies the working tree
 * for the agents into a folder with no `.git`; the agents run at its `agentDirectory`.
 */
export async function openRelayCheckout(args: PrepareWorkspaceArgs<RelayPipelineConfig>): Promise<RelayCheckout> {
  const repo = await GitRepo.open({
    cwd: args.workingDirectory,
    scratchDir: join(args.runDir, 'git'),
    parentEnv: args.env,
    signal: args.signal,
    killGraceMs: args.killGraceMs,
    policy: writePolicy({ allow: args.config.allowProtectedPaths }),
    protectFiles: args.configFile ? [args.configFile] : [],
    // The local run's --out folder (the run folder's parent) may be inside the working tree: it is no part of the change.
    exclude: [dirname(args.runDir)],
    patchFile: join(args.runDir, 'changes.patch'),
  });
  return {
    repo,
    agentDirectory: repo.agentDirectory,
    // The start is what the copy holds once prepared for the agents (agent-user ACLs included), before any agent ran.
    ready: () => repo.stage.markStart(),
    close: () => repo.close(),
  };
}

/** The stage copy and our own repository; a checkout that could not be opened fails the relay at prepare(). */
export function gitWorkspace(deps: Pick<PipelineDeps, 'workspace' | 'signal' | 'redactor'>): {
  workspace: RelayWorkspace;
  repo: () => GitRepo;
} {
  const place: RunWorkspace = deps.workspace;
  const { killGraceMs } = place;
  const checkout = place.prepared;
  const opened = (): GitRepo => {
    if (checkout === undefined) throw new Error('the relay workspace was not prepared');
    if (checkout instanceof Error) throw checkout;
    return (checkout as RelayCheckout).repo;
  };
  const workspace: RelayWorkspace = {
    async prepare() {
      return { branch: opened().branch, commit: opened().baseSha };
    },
    afterStage: async () => ({
      gitMetadata: await opened().restoreMetadata(),
      agentConfig: await opened().restoreAgentConfig(),
    }),
    changes: (maxChars) => opened().changes(maxChars),
    // The commit message is published with the branch: it goes through the redactor like every comment.
    commit: (branch, message) => opened().commit(branch, deps.redactor.redact(message)),
    // `run` commands execute code the agents wrote: they run as the agents run when those are isolated.
    runCommand: ({ stage, round, argv, timeoutSec }) =>
      runCommand({
        argv,
        cwd: opened().agentDirectory,
        timeoutMs: timeoutSec * 1_000,
        killGraceMs,
        parentEnv: place.env,
        outputDir: join(place.runDir, 'logs'),
        label: `run-${stage}-r${round}`,
        signal: deps.signal,
        ...(place.agentIdentity?.runAs
          ? { runAs: place.agentIdentity.runAs, identityEnv: place.agentIdentity.env }
          : {}),
      }),
  };
  return { workspace, repo: opened };
}

/** Push and pull request through GitHub; undefined in a dry run (nothing leaves the runner). */
export function publisherFor(
  request: Pick<PipelineRequest<RelayPipelineConfig, unknown>, 'target'>,
  deps: Pick<PipelineDeps, 'github' | 'redactor'>,
  repo: () => GitRepo,
): RelayPublisher | undefined {
  const { github, redactor } = deps;
  const issue = request.target;
  if (!github) return undefined;
  const auth = github.gitAuth;
  return {
    async push(commit) {
      const leak = secretScan(repo(), commit, redactor);
      if (leak) return leak;
      const head = await repo().remoteHead(commit.branch, auth);
      if (!head.ok) return head;
      if (head.sha) {
        // A force-push would drop whatever the branch holds: only an earlier relay commit for this issue may go.
        const raw = await repo()
          .remoteCommit(commit.branch, head.sha, auth)
          .catch((error: unknown) => error as Error);
        if (raw instanceof Error)
          return {
            ok: false,
            denied: false,
            error: `could not read the commit origin's branch points to: ${raw.message}`,
          };
        if (!isRelayCommit(raw, issue.number, BOT_AUTHOR.email)) {
          return {
            ok: false,
            denied: false,
            kept: true,
            error: `origin's \`${commit.branch}\` ends in a commit that is not the relay's (${describeCommit(head.sha, raw)})`,
          };
        }
      }
      return repo().push(commit.branch, commit.sha, auth, head.sha);
    },
    removeBranch: (commit) => repo().deleteRemoteBranch(commit.branch, commit.sha, auth),
    openPullRequest: (pull) =>
      github.openPullRequest({
        ...pull,
        title: sanitizeOutput(pull.title, redactor),
        body: sanitizeOutput(pull.body, redactor),
      }),
  };
}

/**
 * Agents have API keys in their environment; a change that writes one into a file, in any encoding and whatever the
 * file's type or attributes, must not be published. The file is named, never the value. Undefined when clean.
 */
function secretScan(
  repo: GitRepo,
  commit: CommitInfo,
  redactor: PipelineDeps['redactor'],
): Extract<PushResult, { ok: false }> | undefined {
  const leaking = filesWithSecrets(repo.committedFiles(commit.sha), redactor.knownValues);
  if (leaking.length === 0) return undefined;
  return {
    ok: false,
    denied: false,
    error: `the changes contain a known secret value (literal or encoded) or text shaped like a token in ${leaking.map((p) => `\`${p}\``).join(', ')}, so nothing was pushed`,
  };
}

/** A follow-up round's way to its pull request: the secret scan, a fast-forward push, the description, replies. */
export function followUpPublisherFor(
  pullNumber: number,
  deps: Pick<PipelineDeps, 'github' | 'redactor'>,
  repo: () => GitRepo,
): FollowUpPublisher | undefined {
  const { github, redactor } = deps;
  if (!github) return undefined;
  return {
    push: async (commit) =>
      secretScan(repo(), commit, redactor) ?? repo().pushFastForward(commit.branch, commit.sha, github.gitAuth),
    async updateBody(body) {
      if (!github.updatePullRequest) throw new Error('this GitHub access cannot update a pull request');
      await github.updatePullRequest(pullNumber, { body });
    },
    reply(commentId, body) {
      if (!github.replyToReviewComment) throw new Error('this GitHub access cannot reply to review comments');
      return github.replyToReviewComment(pullNumber, commentId, body);
    },
  };
}
