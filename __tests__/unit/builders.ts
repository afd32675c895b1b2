// Test-data builders for the pure-logic unit tests: valid agent runs, issues, reviews and status views.
import type { AgentRun } from '../../src/agents/types.js';
import type { ParsedReview } from '../../src/parsers/ranking.js';
import type { ReviewPipelineConfig } from '../../src/pipelines/ai-review/config.js';
import type { IssueText } from '../../src/prompt/untrusted.js';
import type { StatusEntry, StatusView } from '../../src/report/status-comment.js';

/** A successful answer run of `agent` (default claude); every field can be overridden. */
export function makeAgentRun(overrides: Partial<AgentRun> = {}): AgentRun {
  const agent = overrides.agent ?? 'claude';
  const role = overrides.role ?? 'answer';
  return {
    agent,
    cli: agent,
    role,
    status: 'success',
    answer: `The answer of ${agent}.`,
    exitCode: 0,
    durationMs: 12_300,
    usage: {},
    promptSha256: 'a'.repeat(64),
    outputTail: '',
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:04:17.300Z',
    logFiles: { stdout: `/tmp/logs/${agent}-${role}.stdout.log`, stderr: `/tmp/logs/${agent}-${role}.stderr.log` },
    ...overrides,
  };
}

/** A failed run: non-zero exit, an error and the last lines of output. */
export function makeFailedRun(overrides: Partial<AgentRun> = {}): AgentRun {
  return makeAgentRun({
    status: 'failure',
    answer: '',
    error: 'exited with code 2',
    exitCode: 2,
    outputTail: 'Error: invalid API key\n',
    ...overrides,
  });
}

export function makeIssueText(overrides: Partial<IssueText> = {}): IssueText {
  return {
    repository: 'octo-org/widgets',
    number: 42,
    title: 'Crash when saving an empty widget',
    body: 'Saving a widget without a name throws `TypeError: name is undefined`.',
    ...overrides,
  };
}

export function makeReviewPipeline(overrides: Partial<ReviewPipelineConfig> = {}): ReviewPipelineConfig {
  return { label: 'ai-review', agents: ['claude', 'gemini', 'codex'], reviewer: 'claude', ...overrides };
}

export function makeParsedReview(overrides: Partial<ParsedReview> = {}): ParsedReview {
  return {
    synthesis: 'Guard against a missing name in `saveWidget`.',
    disagreements: '- A and B disagree on whether to throw or default; B is right.',
    ranking: [
      { letter: 'A', reason: 'fixes the root cause' },
      { letter: 'B', reason: 'right idea, no test' },
    ],
    unranked: [],
    structured: true,
    ...overrides,
  };
}

/** A reviewer's fixed-form answer, as buildReviewerPrompt asks for it. */
export function makeReviewText(ranking: string[] = ['1. A — best', '2. B — second']): string {
  return ['### Synthesis', 'Combined answer.', '', '### Disagreements', 'None', '', '### Ranking', ...ranking].join(
    '\n',
  );
}

export function makeStatusEntry(overrides: Partial<StatusEntry> = {}): StatusEntry {
  return { agent: 'claude', role: 'answer', state: 'pending', ...overrides };
}

export function makeStatusView(overrides: Partial<StatusView> = {}): StatusView {
  return {
    pipeline: 'ai-review',
    entries: [makeStatusEntry()],
    overall: 'running',
    startedAt: new Date('2025-01-02T03:04:05.000Z'),
    ...overrides,
  };
}
