// The relay's working directory through git, and how its result leaves the runner (push, pull request).
import { join } from 'node:path';
import { BOT_AUTHOR, GitRepo } from '../../git/repo.js';
import type { PipelineDeps, PipelineRequest, RunWorkspace } from '../../kernel/definition.js';
import { runCommand } from '../../process/command.js';
import type { RelayPipelineConfig } from './config.js';
import type { RelayOutcome, RelayPublisher, RelayWorkspace } from './model.js';
import { describeCommit, isRelayCommit } from './result.js';

/** The working directory through git; the repository is looked at only when the relay starts (prepare). */
export function gitWorkspace(deps: Pick<PipelineDeps, 'workspace' | 'signal' | 'redactor'>): { workspace: RelayWorkspace; repo: () => GitRepo } {
  const place: RunWorkspace = deps.workspace;
  const { killGraceMs } = place;
  let repo: GitRepo | undefined;
  const opened = (): GitRepo => {
    if (!repo) throw new Error('the relay workspace was used before prepare()');
    return repo;
  };
  const workspace: RelayWorkspace = {
    async prepare() {
      repo = await GitRepo.open({ cwd: place.workingDirectory, scratchDir: join(place.runDir, 'git'), parentEnv: place.env, signal: deps.signal, killGraceMs });
      return { branch: repo.branch };
    },
    afterStage: async () => ({ gitMetadata: await opened().restoreMetadata(), agentConfig: await opened().restoreAgentConfig() }),
    changes: (maxChars) => opened().changes(maxChars),
    // The commit message is published with the branch: it goes through the redactor like every comment.
    commit: (branch, message) => opened().commit(branch, deps.redactor.redact(message)),
    // `run` commands execute code the agents wrote: they run as the agents run when those are isolated.
    runCommand: ({ stage, round, argv, timeoutSec }) =>
      runCommand({
        argv,
        cwd: place.workingDirectory,
        timeoutMs: timeoutSec * 1_000,
        killGraceMs,
        parentEnv: place.env,
        outputDir: join(place.runDir, 'logs'),
        label: `run-${stage}-r${round}`,
        signal: deps.signal,
        ...(place.agentIdentity?.runAs ? { runAs: place.agentIdentity.runAs, identityEnv: place.agentIdentity.env } : {}),
      }),
  };
  return { workspace, repo: opened };
}

/** Push and pull request through GitHub; undefined in a dry run (nothing leaves the runner). */
export function publisherFor(request: PipelineRequest<RelayPipelineConfig>, deps: Pick<PipelineDeps, 'github' | 'redactor'>, repo: () => GitRepo): RelayPublisher | undefined {
  const { github, redactor } = deps;
  const issue = request.target;
  if (!github) return undefined;
  const auth = github.gitAuth;
  return {
    async push(commit) {
      // Agents have API keys in their environment; a change that writes one into a file must not be published.
      const diff = await repo().committedDiff(commit.sha);
      if (redactor.redact(diff) !== diff) {
        return { ok: false, denied: false, error: 'the changes contain text that looks like a secret (a known secret value or a token pattern), so nothing was pushed' };
      }
      const head = await repo().remoteHead(commit.branch, auth);
      if (!head.ok) return head;
      if (head.sha) {
        // A force-push would drop whatever the branch holds: only an earlier relay commit for this issue may go.
        const raw = await repo().remoteCommit(commit.branch, head.sha, auth).catch((error: unknown) => error as Error);
        if (raw instanceof Error) return { ok: false, denied: false, error: `could not read the commit origin's branch points to: ${raw.message}` };
        if (!isRelayCommit(raw, issue.number, BOT_AUTHOR.email)) {
          return { ok: false, denied: false, kept: true, error: `origin's \`${commit.branch}\` ends in a commit that is not the relay's (${describeCommit(head.sha, raw)})` };
        }
      }
      return repo().push(commit.branch, commit.sha, auth, head.sha);
    },
    removeBranch: (commit) => repo().deleteRemoteBranch(commit.branch, commit.sha, auth),
    openPullRequest: (pull) => github.openPullRequest({ ...pull, title: redactor.redact(pull.title), body: redactor.redact(pull.body) }),
  };
}

/** The relay's part of result.json. */
export function relayRecord(outcome: RelayOutcome): Record<string, unknown> {
  return {
    relay: {
      branch: outcome.branch,
      prUrl: outcome.prUrl,
      delivery: outcome.delivery?.kind,
      failure: outcome.failure,
      stages: outcome.executions.map((e) => ({
        stage: e.stage,
        agent: e.agent,
        round: e.round,
        passed: e.passed,
        verdict: e.verdict?.found ? e.verdict.word : undefined,
        reason: e.reason,
        command: e.command ? { argv: e.command.argv, exitCode: e.command.exitCode } : undefined,
      })),
    },
  };
}
