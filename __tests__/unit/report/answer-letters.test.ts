// The review comment names the agents behind the reviewer's answer letters.
import { describe, expect, it } from 'vitest';
import type { AgentRun } from '../../../src/agents/types.js';
import { nameAnswerLetters } from '../../../src/pipelines/ai-review/review-comment.js';

const run = (agent: string): AgentRun =>
  ({
    agent,
    cli: agent,
    role: 'answer',
    status: 'success',
    answer: '',
    exitCode: 0,
    durationMs: 1,
    usage: {},
    promptSha256: '',
    outputTail: '',
    startedAt: '',
    finishedAt: '',
    logFiles: { stdout: '', stderr: '' },
  }) as AgentRun;
const answers = new Map([
  ['A', run('claude')],
  ['B', run('gemini')],
  ['C', run('codex')],
]);

describe('nameAnswerLetters', () => {
  it('names single letters and lists of letters after "answer(s)"', () => {
    expect(nameAnswerLetters('Answer B is best; answers A and C agree.', answers)).toBe(
      'Answer B (gemini) is best; answers A (claude) and C (codex) agree.',
    );
    expect(nameAnswerLetters('Answers A, B or C', answers)).toBe('Answers A (claude), B (gemini) or C (codex)');
  });

  it('leaves other capital letters, unknown letters and already-named letters alone', () => {
    expect(nameAnswerLetters('A cache. Plan B. Answer D. Answer A (claude).', answers)).toBe(
      'A cache. Plan B. Answer D. Answer A (claude).',
    );
    expect(nameAnswerLetters('Answering Bob', answers)).toBe('Answering Bob');
  });
});
