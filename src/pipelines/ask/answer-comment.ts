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

export function renderAnswerComment(run: AgentRun, question: QuestionRef, runUrl?: string): string {
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
    `<sub>AI Orchestra · ask${link}</sub>`,
  ].join('\n');
}
