// One agent's answer to a follow-up question: it quotes and links the question. The sink neutralizes the answer.
import type { AgentRun } from '../../agents/types.js';
import { agentBody, agentFacts, agentHeadline } from '../../report/agent-comment.js';

export interface QuestionRef {
  url: string;
  author: string;
  /** The question as sanitized for the prompt. */
  text: string;
}

export function quote(text: string): string {
  const lines = text.trim() === '' ? ['(no question text)'] : text.trim().split('\n');
  return lines.map((line) => `> ${line}`.trimEnd()).join('\n');
}

/** `context`: how the agent got the conversation (it resumed its session, or the thread was rebuilt), shown small. */
export function renderAnswerComment(run: AgentRun, question: QuestionRef, runUrl?: string, context?: string): string {
  const link = runUrl ? ` · [workflow run](${runUrl})` : '';
  return [
    agentHeadline(run),
    `<sub>${agentFacts(run)}</sub>`,
    '',
    `In reply to [this question](${question.url}) by **${question.author}**:`,
    '',
    quote(question.text),
    '',
    ...agentBody(run),
    '',
    `<sub>AI Orchestra · ask${context ? ` · ${context}` : ''}${link}</sub>`,
  ].join('\n');
}
