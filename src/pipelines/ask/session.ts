// Follow-up questions resume the agent's CLI session of its last answer on the thread when the session store has it;
// otherwise (or when the resume fails) the agent gets the whole thread as context.
import type { AgentRun, AgentRunner, AgentRunRequest } from '../../agents/types.js';
import type { Logger, ThreadComment } from '../../kernel/definition.js';
import { sanitizeUntrusted } from '../../prompt/untrusted.js';
import type { SessionScope, SessionStore } from '../../sessions/store.js';

/** How an agent's answer got its context, for the record, the status row and the answer comment. */
export type ContextSource = { kind: 'resumed'; session: string } | { kind: 'thread'; reason: string };

/** The session behind `agent`'s latest answer on the thread: ours (marker and identity), an ask answer, with an id. */
export function earlierSession(comments: readonly ThreadComment[], agent: string): string | undefined {
  const answer = comments
    .filter((c) => c.ours && c.marker?.pipeline === 'ask' && c.marker.key.endsWith(`:${agent}`) && c.marker.session)
    .at(-1);
  return answer?.marker?.session;
}

/** What a resumed session is sent: the new question only (the session holds the thread so far). */
export function resumePrompt(question: { author: string; url: string; text: string }): string {
  const text = sanitizeUntrusted(question.text).trim() || '(no question text: answer what the thread asks next)';
  return [
    `A follow-up question on the same GitHub thread, by @${question.author} (${question.url}). Answer it; do not edit files.`,
    '',
    text,
    '',
  ].join('\n');
}

/** For the answer comment: no session id and no reason (ids stay in the hidden marker, reasons in the log and record). */
export function describeSource(source: ContextSource): string {
  return source.kind === 'resumed' ? 'resumed its earlier session' : 'context rebuilt from the thread';
}

export interface SessionAnswer {
  run: AgentRun;
  source: ContextSource;
}

/** The session to resume, once the store restored it; else why not. Restores run one at a time, before any agent. */
export async function restoreSession(
  sessions: SessionStore | undefined,
  scope: SessionScope,
  earlier: string | undefined,
): Promise<{ resume?: string; reason: string }> {
  if (!earlier) return { reason: 'no earlier answer with a session on this thread' };
  if (!sessions) return { reason: 'no session store in this run' };
  const restored = await sessions.restore(scope, earlier);
  return restored.ok
    ? { resume: earlier, reason: '' }
    : { reason: `session ${earlier} not restored: ${restored.reason}` };
}

/**
 * Runs `agent` on the question: resuming the restored session (restoreSession) with the question only, else with the
 * thread prompt. The caller keeps the run's session (keepSession) once every agent has ended.
 */
export async function answerWithSession(args: {
  agent: string;
  runner: AgentRunner;
  restored: { resume?: string; reason: string };
  threadPrompt: string;
  questionPrompt: string;
  request: Omit<AgentRunRequest, 'agent' | 'prompt' | 'resume'>;
  log: Logger;
}): Promise<SessionAnswer> {
  const { agent, log } = args;
  let reason = args.restored.reason;
  const resume = args.restored.resume;
  if (resume) {
    const run = await args.runner.run({ ...args.request, agent, prompt: args.questionPrompt, resume });
    if (run.resumed && (run.status === 'success' || run.status === 'cancelled' || run.status === 'budget')) {
      return { run, source: { kind: 'resumed', session: resume } };
    }
    reason = `resuming session ${resume} failed: ${run.error ?? run.status}`;
  }
  if (reason && !reason.startsWith('no earlier answer'))
    log.info(`ask: ${agent}: ${reason}; it gets the thread as context instead.`);
  const run = await args.runner.run({ ...args.request, agent, prompt: args.threadPrompt });
  return { run, source: { kind: 'thread', reason } };
}

/** Keeps the session of `run` in the store for the next follow-up. Store trouble is logged, never fatal. */
export async function keepSession(
  sessions: SessionStore,
  scope: SessionScope,
  run: AgentRun,
  log: Logger,
): Promise<void> {
  if (!run.sessionId || run.inPlaceOf) return;
  const saved = await sessions.save(scope, run.sessionId);
  if (saved.ok)
    log.info(`ask: kept ${run.agent}'s session ${run.sessionId} in ${sessions.where} (${saved.files} file(s)).`);
  else log.info(`ask: ${run.agent}'s session ${run.sessionId} was not kept: ${saved.reason}`);
}
