// Renders ai-review's answers as sections of shared comments (settings.comment-mode: combined), packed to GitHub's size limit.
import type { AgentRun } from '../../agents/types.js';
import { agentBody, agentFacts } from '../../report/agent-comment.js';
import { GITHUB_COMMENT_LIMIT } from '../../report/comment-body.js';

/** Room for the sections of one comment: the limit less the marker, heading, footer and what redaction may add. */
export const ANSWERS_BUDGET = GITHUB_COMMENT_LIMIT - 2_048;

const SEPARATOR = '\n\n---\n\n';

export interface AnswerSection {
  /** The answer's number, in the order the agents finished. */
  index: number;
  text: string;
}

export function renderAnswerSection(run: AgentRun, index: number): AnswerSection {
  const model = run.model ? ` · \`${run.model}\`` : '';
  return {
    index,
    text: [`#### ${index}. 🤖 ${run.agent}${model}`, `<sub>${agentFacts(run)}</sub>`, '', ...agentBody(run)].join('\n'),
  };
}

/** The marker key of the n-th answers comment (1-based): answers, answers-2, answers-3... */
export function answersKey(part: number): string {
  return part === 1 ? 'answers' : `answers-${part}`;
}

export function renderAnswersComment(input: {
  part: number;
  sections: AnswerSection[];
  total: number;
  runUrl?: string;
}): string {
  const first = input.sections[0]?.index;
  const last = input.sections.at(-1)?.index;
  const range = first === last ? `answer ${first}` : `answers ${first}–${last}`;
  const run = input.runUrl ? ` · [workflow run](${input.runUrl})` : '';
  return [
    input.part === 1 ? '### 🤖 Answers' : '### 🤖 Answers (continued)',
    '',
    input.sections.map((s) => s.text).join(SEPARATOR),
    '',
    `<sub>AI Orchestra · ai-review · ${range} of ${input.total}${run}</sub>`,
  ].join('\n');
}

/** Whether `section` still fits in a comment holding `sections`; a lone section always does (and is cut if too long). */
export function fitsWith(sections: AnswerSection[], section: AnswerSection, budget = ANSWERS_BUDGET): boolean {
  if (sections.length === 0) return true;
  const used = sections.reduce((sum, s) => sum + s.text.length + SEPARATOR.length, 0);
  return used + section.text.length <= budget;
}
