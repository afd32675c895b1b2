// The ask pipeline's run: read the thread, choose the agents, give each the thread and the question, post one
// answer comment each.
import { randomBytes } from 'node:crypto';
import type { AgentRun } from '../../agents/types.js';
import { grantsWrite } from '../../github/permissions.js';
import type { PipelineDeps, PipelineOutcome, PipelineRequest, ThreadComment } from '../../kernel/definition.js';
import {
  commentPoster,
  markCancelled,
  markThrown,
  startOutcome,
  statusNote,
  threadContextBytes,
} from '../../kernel/kit.js';
import type { AgentRow } from '../../kernel/status-views.js';
import { sanitizeUntrusted } from '../../prompt/untrusted.js';
import { renderAnswerComment } from './answer-comment.js';
import { type AgentChoice, chooseAgents } from './choose.js';
import { parseAskCommand } from './command.js';
import type { AskConfig } from './config.js';
import { buildThreadContext, loginsToCheck, type ThreadContext } from './context.js';
import {
  answerWithSession,
  type ContextSource,
  describeSource,
  earlierSession,
  keepSession,
  restoreSession,
  resumePrompt,
} from './session.js';

export interface AskOutcome extends PipelineOutcome {
  choice?: AgentChoice;
  context?: Omit<ThreadContext, 'prompt'>;
  /** Per agent: whether it resumed its session or got the thread, and its session id for the next follow-up. */
  sessions: Record<string, ContextSource & { sessionId?: string }>;
}

const randomBoundary = (purpose: string): string => `UNTRUSTED-${purpose}-${randomBytes(8).toString('hex')}`;

export async function runAsk(request: PipelineRequest<AskConfig>, deps: PipelineDeps<AgentRow>): Promise<AskOutcome> {
  const outcome: AskOutcome = startOutcome({ sessions: {} });
  const { target, config, trigger } = request;
  try {
    if (trigger.kind !== 'command') throw new Error('ask starts only from its command in a comment.');
    const comments: ThreadComment[] = deps.github ? await deps.github.listComments(target.number) : [];
    if (!deps.github)
      deps.log.warning('No GitHub access (a dry run): the agents get the issue text and the question only.');
    const command = parseAskCommand(trigger.argument, config.agents);
    const choice = chooseAgents(command, config, comments);
    outcome.choice = choice;
    deps.log.info(`ask: ${choice.agents.join(', ')} (${choice.reason})`);
    const question = {
      id: trigger.comment.id,
      url: trigger.comment.url,
      author: trigger.comment.author,
      text: command.question,
    };
    const writers = await writersAmong(comments, deps.github);
    const context = buildThreadContext({
      target,
      comments,
      question,
      contextBytes: threadContextBytes(config, request.settings),
      includeOthers: config.includeOthers,
      writers,
      boundary: randomBoundary,
    });
    const { prompt, ...counts } = context;
    outcome.context = counts;
    deps.status.append(
      choice.agents.map((agent) => ({ agent, role: 'answer', state: 'pending', note: choice.reason })),
    );
    const quoted = { url: question.url, author: question.author, text: sanitizeUntrusted(command.question) };
    const poster = commentPoster(deps.sink, outcome.comments);
    const questionPrompt = resumePrompt(question);
    const scopeOf = (agent: string) => ({ repository: target.repository, issue: target.number, agent });
    // One restore at a time, all before any agent starts (a cache restore puts a guard on PATH while it extracts).
    const restored = new Map<string, Awaited<ReturnType<typeof restoreSession>>>();
    for (const agent of choice.agents)
      restored.set(agent, await restoreSession(deps.sessions, scopeOf(agent), earlierSession(comments, agent)));
    outcome.runs = await Promise.all(
      choice.agents.map(async (agent): Promise<AgentRun> => {
        const { run, source } = await answerWithSession({
          agent,
          runner: deps.runner,
          restored: restored.get(agent)!,
          threadPrompt: prompt,
          questionPrompt,
          request: {
            mode: 'read-only',
            role: 'answer',
            onStart: () => deps.status.update(`${agent}/answer`, { state: 'running', note: 'running' }),
          },
          log: deps.log,
        });
        outcome.sessions[agent] = {
          ...source,
          ...(run.sessionId && !run.inPlaceOf ? { sessionId: run.sessionId } : {}),
        };
        const key = `ask:${question.id}:${agent}`;
        const body = renderAnswerComment(run, quoted, request.run.url, describeSource(source));
        // A cancelled run's answer is kept for the record but not posted. The session id goes only into the hidden
        // marker: the next follow-up resumes it from there.
        const own = run.sessionId && !run.inPlaceOf ? { session: run.sessionId } : {};
        let url: string | undefined;
        if (run.status === 'cancelled') outcome.comments.set(key, body);
        else url = await poster.post(key, body, own);
        const how = source.kind === 'resumed' ? 'resumed session' : 'thread context';
        deps.status.update(`${agent}/answer`, {
          state: run.status,
          durationMs: run.durationMs,
          note: `${statusNote(run, 'answer')} (${how})`,
          commentUrl: url,
        });
        return run;
      }),
    );
    // One save at a time, after every agent has ended (a cache save changes HOME while it archives).
    if (deps.sessions)
      for (const run of outcome.runs) await keepSession(deps.sessions, scopeOf(run.agent), run, deps.log);
    const postFailure = poster.failure('Some answers');
    if (deps.signal.aborted) markCancelled(outcome);
    else if (postFailure) outcome.error = postFailure;
    else if (outcome.runs.every((run) => run.status !== 'success')) outcome.error = 'No agent answered.';
    else outcome.status = 'success';
  } catch (error) {
    markThrown(outcome, error, deps.signal);
  }
  // Who answered and why stays under the headline (e.g. that no ranking was found and the fallback answered).
  const who = outcome.choice && `_Asked ${outcome.choice.agents.join(', ')}: ${outcome.choice.reason}._`;
  await deps.status.finish(
    outcome.status,
    [outcome.error && `**${outcome.error}**`, who].filter(Boolean).join('\n\n') || undefined,
  );
  return outcome;
}

/** The authors whose permission GitHub confirms as write, maintain or admin, with it (never from the association alone). */
async function writersAmong(
  comments: ThreadComment[],
  github: PipelineDeps<AgentRow>['github'],
): Promise<Map<string, string>> {
  const writers = new Map<string, string>();
  const permissionOf = github?.permissionOf?.bind(github);
  if (!permissionOf) return writers;
  for (const login of loginsToCheck(comments)) {
    const role = await permissionOf(login);
    if (role && grantsWrite(role)) writers.set(login, role);
  }
  return writers;
}
