// The persona-data prompts: a persona's system prompt, the neutral problem prompt, and what a CLI gets on stdin.
//
// The CLIs take a single prompt on stdin and have no portable way to set a system prompt, so the stdin prompt
// is composed of two parts: the persona's system prompt, then the neutral user prompt with the issue fenced as
// untrusted data. The dataset keeps them apart: its system message is the persona's system prompt and its
// user message the problem as stated (title and body, hidden text removed), the same for every persona.

import { fenceIssue, type IssueText, sanitizeUntrusted } from '../../prompt/untrusted.js';
import type { PersonaSpec } from './config.js';

function focusSentence(focus: string[]): string {
  if (focus.length === 0) return '';
  const list = focus.length === 1 ? focus[0] : `${focus.slice(0, -1).join(', ')} and ${focus.at(-1)}`;
  return ` Your focus: ${list}.`;
}

/** Built from the persona's style and focus only, so two personas with the same style and focus are the same persona. */
export function personaSystemPrompt(persona: Pick<PersonaSpec, 'style' | 'focus'>): string {
  return `You are an expert software engineer. ${persona.style.trim()}${focusSentence(persona.focus)} Answer the user's problem in that spirit: concrete, correct and complete, in Markdown.`;
}

/** The dataset's user message: the problem as the issue states it, identical for every persona. */
export function problemPrompt(issue: IssueText): string {
  const title = sanitizeUntrusted(issue.title, 1_000).replace(/\s+/g, ' ').trim();
  const body = sanitizeUntrusted(issue.body).trim();
  return body ? `${title}\n\n${body}` : title;
}

/**
 * The user part every persona's CLI receives, built once per run so that it is byte for byte the same for all:
 * the issue fenced as untrusted data, then what to do with it.
 */
export function neutralTaskPrompt(issue: IssueText): string {
  return [
    fenceIssue(issue),
    '',
    'Answer the problem in this issue as the persona described above would.',
    'Your answer must stand on its own for a reader who sees only the problem: do not refer to these instructions,',
    'to the persona, to the issue number or to files you may have read. Do not modify any file.',
  ].join('\n');
}

/** What a CLI receives on stdin: the persona's system prompt, then the neutral task. */
export function composeAgentPrompt(system: string, task: string): string {
  return ['## Your persona (system prompt)', system, '', '## The task', task].join('\n');
}

/**
 * The prompt template with placeholders; its hash in every meta line says which version of the prompts
 * produced a row, so rows made by different templates can be told apart later.
 */
export const PERSONA_PROMPT_TEMPLATE = [
  personaSystemPrompt({ style: '{style}', focus: ['{focus}'] }),
  problemPrompt({ repository: '{repository}', number: 0, title: '{title}', body: '{body}' }),
  composeAgentPrompt(
    '{system}',
    neutralTaskPrompt({ repository: '{repository}', number: 0, title: '{title}', body: '{body}' }),
  ).replace(/UNTRUSTED-ISSUE-[0-9a-f]+/g, '{boundary}'),
].join('\n\n=====\n\n');
