// Tests the rendered Markdown of src/report/*: markers and size limits, agent, status and review comments, job summary.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ReviewCommentInput,
  renderNoAnswers,
  renderReviewComment,
  renderReviewFailure,
} from '../../src/pipelines/ai-review/review-comment.js';
import { agentFacts, agentHeadline, renderAgentComment } from '../../src/report/agent-comment.js';
import {
  composeComment,
  fitCommentBody,
  GITHUB_COMMENT_LIMIT,
  parseMarker,
  renderMarker,
} from '../../src/report/comment-body.js';
import { cell, codeBlock, details, formatCost, formatDuration, formatTokens } from '../../src/report/markdown.js';
import { parseStatusState, renderStartingComment, renderStatusComment } from '../../src/report/status-comment.js';
import { renderSummary, type SummaryInput } from '../../src/report/summary.js';
import { REDACTED, Redactor } from '../../src/security/redact.js';
import { LocalReporter } from '../../src/sinks/local.js';
import { makeAgentRun, makeFailedRun, makeParsedReview, makeStatusEntry, makeStatusView } from './builders.js';

const RUN_URL = 'https://github.com/o/r/actions/runs/99';

describe('markdown helpers', () => {
  it('formats durations in ms, seconds, and minutes with seconds', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(999)).toBe('999 ms');
    expect(formatDuration(1_000)).toBe('1.0 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(60_000)).toBe('1 min 0 s');
    expect(formatDuration(65_400)).toBe('1 min 5 s');
    expect(formatDuration(3_600_000)).toBe('60 min 0 s');
  });

  it('never shows "60 s" in the minutes form', () => {
    expect(formatDuration(119_600)).toBe('2 min 0 s');
    expect(formatDuration(179_999)).toBe('3 min 0 s');
  });

  it('formats tokens with separators, marking an unknown side with "?"', () => {
    expect(formatTokens({})).toBeUndefined();
    expect(formatTokens({ inputTokens: 12_345, outputTokens: 678 })).toBe('12,345 in / 678 out tokens');
    expect(formatTokens({ outputTokens: 5 })).toBe('? in / 5 out tokens');
    expect(formatTokens({ inputTokens: 0 })).toBe('0 in / ? out tokens');
  });

  it('formats cost with four decimals below a cent, two above', () => {
    expect(formatCost({})).toBeUndefined();
    expect(formatCost({ inputTokens: 10, outputTokens: 2 })).toBe('cost unknown');
    expect(formatCost({ costUsd: 0.0042 })).toBe('$0.0042');
    expect(formatCost({ costUsd: 0 })).toBe('$0.0000');
    expect(formatCost({ costUsd: 1.234 })).toBe('$1.23');
  });

  it('keeps a table cell on one line and escapes column separators', () => {
    expect(cell('a | b\nc\r\n\nd')).toBe('a \\| b c d');
    expect(cell('   ')).toBe(' ');
  });

  it('fences code with more backticks than the content holds', () => {
    expect(codeBlock('plain')).toBe('```text\nplain\n```');
    expect(codeBlock('has ``` and ````` inside', 'sh')).toBe('``````sh\nhas ``` and ````` inside\n``````');
  });

  it('wraps a details block with blank lines so Markdown inside renders', () => {
    expect(details('Sum', 'Body')).toBe('<details><summary>Sum</summary>\n\nBody\n\n</details>');
  });
});

describe('comment markers', () => {
  it('renders the hidden v1 marker', () => {
    expect(renderMarker({ runId: '12345', pipeline: 'ai-review', key: 'agent:claude' })).toBe(
      '<!-- ai-orchestra:v1 run=12345 pipeline=ai-review key=agent:claude -->',
    );
  });

  it('round-trips through parseMarker, also inside a longer body', () => {
    const fields = { runId: '777-2', pipeline: 'ai-review', key: 'review' };
    expect(parseMarker(renderMarker(fields))).toEqual(fields);
    expect(parseMarker(`${renderMarker(fields)}\n### 🧭 Review\nbody`)).toEqual(fields);
  });

  it('replaces characters that could break the marker, so a key cannot close the comment early', () => {
    const marker = renderMarker({ runId: '1 2', pipeline: 'ai review', key: 'agent:x --> <b>' });
    expect(marker).toBe('<!-- ai-orchestra:v1 run=1_2 pipeline=ai_review key=agent:x_--___b_ -->');
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(parseMarker(marker)).toEqual({ runId: '1_2', pipeline: 'ai_review', key: 'agent:x_--___b_' });
  });

  it('finds no marker in bodies without one', () => {
    expect(parseMarker(undefined)).toBeUndefined();
    expect(parseMarker(null)).toBeUndefined();
    expect(parseMarker('')).toBeUndefined();
    expect(parseMarker('<!-- ai-orchestra:v2 run=1 pipeline=p key=k -->')).toBeUndefined();
    expect(parseMarker('just a comment')).toBeUndefined();
  });
});

describe('fitCommentBody and composeComment', () => {
  it('leaves a body within the budget alone', () => {
    expect(fitCommentBody('short')).toEqual({ body: 'short', cut: false });
  });

  it('cuts a 200k body below GitHub’s limit with a visible note, and keeps the marker', () => {
    const body = 'x'.repeat(200_000);
    const fitted = fitCommentBody(body);
    expect(fitted.cut).toBe(true);
    expect(fitted.body.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(fitted.body).toContain('> [!NOTE]');
    expect(fitted.body).toMatch(/This comment was cut at 64,512 of 200,000 characters \(GitHub allows 65,536\)/);
    expect(GITHUB_COMMENT_LIMIT).toBe(65_536);

    const marker = { runId: '1', pipeline: 'ai-review', key: 'agent:claude' };
    const composed = composeComment(marker, body);
    expect(composed.cut).toBe(true);
    expect(composed.body.length).toBeLessThan(65_536);
    expect(composed.body.startsWith(`${renderMarker(marker)}\n`)).toBe(true);
    expect(parseMarker(composed.body)).toEqual(marker);
    expect(composed.body).toContain('This comment was cut');
  });

  it('closes a code fence the cut left open, so the note renders outside it', () => {
    const fitted = fitCommentBody(`intro\n\`\`\`ts\n${'const x = 1;\n'.repeat(10_000)}`, 1_000);
    const beforeNote = fitted.body.slice(0, fitted.body.indexOf('\n\n> [!NOTE]'));
    expect(beforeNote.endsWith('\n```')).toBe(true);
    expect(beforeNote.match(/^\s*```/gm)).toHaveLength(2);
  });

  it('does not add a fence when the cut text has none open', () => {
    const fitted = fitCommentBody(`\`\`\`\ncode\n\`\`\`\n${'y'.repeat(5_000)}`, 1_000);
    expect(fitted.body.slice(0, fitted.body.indexOf('\n\n> [!NOTE]'))).toBe(
      `\`\`\`\ncode\n\`\`\`\n${'y'.repeat(1_000 - 13)}`,
    );
  });

  it('never cuts inside a surrogate pair', () => {
    const fitted = fitCommentBody(`a${'😀'.repeat(100)}`, 4);
    expect(fitted.body.startsWith('a😀\n\n> [!NOTE]')).toBe(true);
    expect(fitted.body).toContain('cut at 3 of 201 characters');
    expect(fitted.body.toWellFormed()).toBe(fitted.body);
  });
});

describe('renderAgentComment', () => {
  it('shows the agent, model, duration, tokens and cost of a successful answer', () => {
    const run = makeAgentRun({
      agent: 'claude',
      model: 'claude-sonnet-4-5',
      durationMs: 12_345,
      usage: { inputTokens: 1_234, outputTokens: 567, costUsd: 0.0123 },
      answer: '\n  The fix is X.  \n',
    });
    const body = renderAgentComment(run, { index: 2, total: 3, runUrl: RUN_URL });
    const lines = body.split('\n');
    expect(lines[0]).toBe('### 🤖 claude · `claude-sonnet-4-5`');
    expect(lines[1]).toBe('<sub>✅ answered in 12.3 s · 1,234 in / 567 out tokens · $0.01</sub>');
    expect(body).toContain('\nThe fix is X.\n');
    expect(lines.at(-1)).toBe(`<sub>AI Orchestra · ai-review · answer 2 of 3 · [workflow run](${RUN_URL})</sub>`);
    expect(body).not.toContain('Error');
  });

  it('leaves out the model, tokens and cost when they are not known', () => {
    const run = makeAgentRun({ agent: 'local', durationMs: 800 });
    expect(agentHeadline(run)).toBe('### 🤖 local');
    expect(agentFacts(run)).toBe('✅ answered in 800 ms');
    expect(renderAgentComment(run, { index: 1, total: 1 }).split('\n').at(-1)).toBe(
      '<sub>AI Orchestra · ai-review · answer 1 of 1</sub>',
    );
  });

  it('shows the error, the exit code and the output tail of a failed run', () => {
    const run = makeFailedRun({
      agent: 'gemini',
      exitCode: 41,
      error: 'gemini exited with code 41',
      outputTail: 'line 1\nAuth failed: ``` bad key\n\n',
      durationMs: 2_000,
    });
    const body = renderAgentComment(run, { index: 1, total: 3 });
    expect(body).toContain('<sub>❌ failed in 2.0 s (exit code 41)</sub>');
    expect(body).toContain('**Error:** gemini exited with code 41');
    expect(body).toContain('<details><summary>Last lines of output</summary>');
    expect(body).toContain('````text\nline 1\nAuth failed: ``` bad key\n````');
    expect(body).not.toContain(run.answer || 'The answer of');
  });

  it('says "unknown error" and shows no output block when there is neither', () => {
    const body = renderAgentComment(makeFailedRun({ error: undefined, outputTail: '  \n', exitCode: null }), {
      index: 1,
      total: 1,
    });
    expect(body).toContain('**Error:** unknown error');
    expect(body).not.toContain('<details>');
    expect(body).not.toContain('exit code');
  });

  it('shows a timeout without a duration, and cancellation', () => {
    expect(
      agentFacts(
        makeFailedRun({ status: 'timeout', durationMs: 605_000, exitCode: null, error: 'timed out after 600 s' }),
      ),
    ).toBe('⏱️ timed out');
    expect(agentFacts(makeFailedRun({ status: 'cancelled', durationMs: 1_500, exitCode: null }))).toBe(
      '🚫 cancelled in 1.5 s',
    );
    const body = renderAgentComment(
      makeFailedRun({ status: 'timeout', exitCode: null, error: 'timed out after 600 s' }),
      { index: 3, total: 3 },
    );
    expect(body).toContain('**Error:** timed out after 600 s');
  });

  it('shows known usage of a failed run too', () => {
    expect(agentFacts(makeFailedRun({ exitCode: 1, usage: { inputTokens: 10, outputTokens: 0 } }))).toBe(
      '❌ failed in 12.3 s (exit code 1) · 10 in / 0 out tokens · cost unknown',
    );
  });
});

describe('renderStatusComment', () => {
  const startedAt = new Date('2025-01-02T03:04:05.000Z');

  it('renders one row per entry with icon, agent, role, time and result', () => {
    const body = renderStatusComment(
      makeStatusView({
        startedAt,
        runUrl: RUN_URL,
        entries: [
          makeStatusEntry({ agent: 'claude', state: 'pending' }),
          makeStatusEntry({ agent: 'gemini', state: 'running', note: 'running' }),
          makeStatusEntry({
            agent: 'codex',
            state: 'success',
            durationMs: 65_400,
            note: 'answer',
            commentUrl: 'https://c/1',
          }),
          makeStatusEntry({ agent: 'local', state: 'failure', durationMs: 2_000, note: 'failed (exit code 2)' }),
          makeStatusEntry({ agent: 'slow', state: 'timeout', durationMs: 600_000 }),
          makeStatusEntry({ agent: 'claude', role: 'reviewer', state: 'pending', note: 'waits for the answers' }),
        ],
      }),
    );
    expect(body).toContain('| | Agent | Role | Time | Result |');
    expect(body).toContain('| 🕓 | claude | answer |  | pending |');
    expect(body).toContain('| ⏳ | gemini | answer |  | running |');
    expect(body).toContain('| ✅ | codex | answer | 1 min 5 s | [answer](https://c/1) |');
    expect(body).toContain('| ❌ | local | answer | 2.0 s | failed (exit code 2) |');
    expect(body).toContain('| ⏱️ | slow | answer | 10 min 0 s | timeout |');
    expect(body).toContain('| 🕓 | claude | reviewer |  | waits for the answers |');
    expect(body).toContain(`⏳ **Running** · 3 of 6 done · [job log](${RUN_URL})`);
    expect(body).toContain(`<sub>started 2025-01-02 03:04:05 UTC</sub>`);
  });

  it('says "done" for a success without a note, and the state otherwise', () => {
    const body = renderStatusComment(
      makeStatusView({
        entries: [
          makeStatusEntry({ state: 'success' }),
          makeStatusEntry({ agent: 'x', state: 'skipped' }),
          makeStatusEntry({ agent: 'y', state: 'cancelled' }),
        ],
      }),
    );
    expect(body).toContain('| ✅ | claude | answer |  | done |');
    expect(body).toContain('| ⏭️ | x | answer |  | skipped |');
    expect(body).toContain('| 🚫 | y | answer |  | cancelled |');
  });

  it('keeps each row on one line: long notes are shortened, pipes and newlines escaped', () => {
    const body = renderStatusComment(
      makeStatusView({ entries: [makeStatusEntry({ state: 'failure', note: `bad | thing\n${'z'.repeat(300)}` })] }),
    );
    const row = body.split('\n').find((l) => l.startsWith('| ❌'))!;
    expect(row).toContain('bad \\| thing zzz');
    expect(row).toContain('…');
    expect(row.length).toBeLessThan(200);
  });

  it('shows the finished state with the elapsed time and a message', () => {
    const finishedAt = new Date(startedAt.getTime() + 95_000);
    const entries = [
      makeStatusEntry({ state: 'success' }),
      makeStatusEntry({ agent: 'claude', role: 'reviewer', state: 'success' }),
    ];
    expect(renderStatusComment(makeStatusView({ startedAt, finishedAt, overall: 'success', entries }))).toContain(
      '✅ **Finished** in 1 min 35 s',
    );
    const failed = renderStatusComment(
      makeStatusView({ startedAt, finishedAt, overall: 'failure', entries, message: '**No agent answered**' }),
    );
    expect(failed).toContain('❌ **Failed** in 1 min 35 s\n\n**No agent answered**\n');
    expect(renderStatusComment(makeStatusView({ startedAt, finishedAt, overall: 'cancelled', entries }))).toContain(
      '🚫 **Cancelled** in 1 min 35 s',
    );
  });

  it('flags a success with failed agents', () => {
    const entries = [
      makeStatusEntry({ state: 'success' }),
      makeStatusEntry({ agent: 'x', state: 'failure' }),
      makeStatusEntry({ agent: 'y', state: 'timeout' }),
    ];
    const body = renderStatusComment(
      makeStatusView({ startedAt, finishedAt: new Date(startedAt.getTime() + 5_000), overall: 'success', entries }),
    );
    expect(body).toContain('⚠️ **Finished** in 5.0 s · 2 of 3 failed');
  });

  it('declares its overall state in a hidden line that later runs can read back', () => {
    for (const overall of ['running', 'success', 'failure', 'cancelled'] as const) {
      const body = renderStatusComment(makeStatusView({ startedAt, overall }));
      expect(body.split('\n')[0]).toBe(`<!-- ai-orchestra:state=${overall} started=2025-01-02T03:04:05.000Z -->`);
      expect(parseStatusState(body)).toEqual({ state: overall, startedAt });
    }
    expect(parseStatusState('no state here')).toBeUndefined();
  });

  it('renders a starting comment that declares the run as running', () => {
    const body = renderStartingComment('ai-review', startedAt, RUN_URL);
    expect(parseStatusState(body)).toEqual({ state: 'running', startedAt });
    expect(body).toContain(`⏳ **Starting**… · [job log](${RUN_URL})`);
  });
});

describe('renderReviewComment', () => {
  const claude = makeAgentRun({ agent: 'claude', model: 'claude-sonnet-4-5' });
  const gemini = makeAgentRun({ agent: 'gemini' });
  const codex = makeAgentRun({ agent: 'codex' });
  const reviewer = makeAgentRun({
    agent: 'claude',
    role: 'reviewer',
    model: 'claude-opus',
    durationMs: 30_000,
    usage: { inputTokens: 9_000, outputTokens: 800, costUsd: 0.25 },
  });

  function input(overrides: Partial<ReviewCommentInput> = {}): ReviewCommentInput {
    return {
      review: makeParsedReview({
        synthesis: 'Answer B is right; answers A and C miss the null case.',
        disagreements: '- A throws, B defaults.',
        ranking: [
          { letter: 'B', reason: 'complete | tested' },
          { letter: 'A', reason: 'good' },
          { letter: 'C', reason: 'wrong file' },
        ],
      }),
      answers: new Map([
        ['A', codex],
        ['B', claude],
        ['C', gemini],
      ]),
      reviewer,
      failed: [],
      commentUrls: new Map([['claude', 'https://c/claude']]),
      runUrl: RUN_URL,
      ...overrides,
    };
  }

  it('has a headline with the reviewer and its usage', () => {
    const body = renderReviewComment(input());
    expect(body.split('\n')[0]).toBe('### 🧭 Review by claude · `claude-opus`');
    expect(body).toContain('<sub>reviewed 3 answers in 30.0 s · 9,000 in / 800 out tokens · $0.25</sub>');
  });

  it('maps the ranked letters back to agent names in the ranking table, with medals and links', () => {
    const body = renderReviewComment(input());
    expect(body).toContain('| Rank | Agent | Answer | Why |');
    expect(body).toContain('| 🥇 | [claude](https://c/claude) | B | complete \\| tested |');
    expect(body).toContain('| 🥈 | codex | A | good |');
    expect(body).toContain('| 🥉 | gemini | C | wrong file |');
    expect(body.indexOf('🥇')).toBeLessThan(body.indexOf('🥈'));
  });

  it('numbers places after the third and lists unranked answers', () => {
    const d = makeAgentRun({ agent: 'local' });
    const answers = new Map([
      ['A', codex],
      ['B', claude],
      ['C', gemini],
      ['D', d],
    ]);
    const review = makeParsedReview({ ranking: ['A', 'B', 'C', 'D'].map((letter) => ({ letter, reason: 'r' })) });
    expect(renderReviewComment(input({ answers, review }))).toContain('| 4 | local | D | r |');
    const partial = makeParsedReview({ ranking: [{ letter: 'C', reason: 'only one' }], unranked: ['A', 'B'] });
    const body = renderReviewComment(input({ review: partial }));
    expect(body).toContain('| – | codex | A | not ranked by the reviewer |');
    expect(body).toContain('| – | [claude](https://c/claude) | B | not ranked by the reviewer |');
  });

  it('contains the synthesis and disagreements, naming the agents behind answer letters', () => {
    const body = renderReviewComment(input());
    expect(body).toContain(
      '#### Synthesis\nAnswer B (claude) is right; answers A (codex) and C (gemini) miss the null case.',
    );
    expect(body).toContain('#### Disagreements\n- A throws, B defaults.');
  });

  it('explains how the letters map back to agents', () => {
    expect(renderReviewComment(input())).toContain(
      'the letters were mapped back afterwards: A = codex, B = claude, C = gemini.',
    );
  });

  it('lists the agents left out of the review', () => {
    const failed = [makeFailedRun({ agent: 'local' }), makeFailedRun({ agent: 'slow', status: 'timeout' })];
    const body = renderReviewComment(input({ failed }));
    expect(body).toContain('> [!WARNING]\n> Left out of this review: **local** (failed), **slow** (timed out).');
    expect(renderReviewComment(input())).not.toContain('[!WARNING]');
  });

  it('says so when the reviewer gave no ranking, synthesis or disagreements', () => {
    const review = makeParsedReview({ synthesis: '', disagreements: '', ranking: [], unranked: ['A', 'B', 'C'] });
    const body = renderReviewComment(input({ review }));
    expect(body).toContain('_The reviewer gave no ranking in the expected form._');
    expect(body).toContain('_The reviewer gave no synthesis._');
    expect(body).toContain('_None noted._');
    expect(body.match(/not ranked by the reviewer/g)).toHaveLength(3);
  });

  it('shows an unstructured review as written', () => {
    const review = makeParsedReview({
      structured: false,
      synthesis: 'Answer C is best.',
      disagreements: '',
      ranking: [],
      unranked: ['A', 'B', 'C'],
    });
    const body = renderReviewComment(input({ review }));
    expect(body).toContain(
      '_The reviewer did not answer in the expected form; its answer follows as written._\n\nAnswer C (gemini) is best.',
    );
    expect(body).not.toContain('#### Ranking');
  });

  it('links the workflow run in the footer', () => {
    expect(renderReviewComment(input()).split('\n').at(-1)).toBe(
      `<sub>AI Orchestra · ai-review · [workflow run](${RUN_URL})</sub>`,
    );
    expect(
      renderReviewComment(input({ runUrl: undefined }))
        .split('\n')
        .at(-1),
    ).toBe('<sub>AI Orchestra · ai-review</sub>');
  });
});

describe('renderReviewFailure and renderNoAnswers', () => {
  it('reports a failed reviewer with its error and output tail', () => {
    const reviewer = makeFailedRun({
      agent: 'claude',
      role: 'reviewer',
      durationMs: 4_000,
      error: 'claude exited with code 1',
      outputTail: 'rate limited\n',
    });
    const body = renderReviewFailure(reviewer, 2, RUN_URL);
    expect(body).toContain('### 🧭 Review by claude');
    expect(body).toContain('<sub>failed after 4.0 s</sub>');
    expect(body).toContain('❌ The reviewer could not review the 2 answers above: claude exited with code 1');
    expect(body).toContain('```text\nrate limited\n```');
    expect(body).toContain(`[workflow run](${RUN_URL})`);
    expect(renderReviewFailure(makeFailedRun({ status: 'timeout', outputTail: '' }), 1)).toMatch(
      /timed out after .*\n\n❌ The reviewer could not review the 1 answer above/,
    );
  });

  it('reports that no agent answered, naming each with its state and error', () => {
    const body = renderNoAnswers(
      [
        makeFailedRun({ agent: 'claude', error: 'no API key' }),
        makeFailedRun({ agent: 'gemini', status: 'timeout', error: undefined }),
      ],
      RUN_URL,
    );
    expect(body).toContain(
      '❌ No agent answered, so there is nothing to review: **claude** failed (no API key); **gemini** timed out (no error given).',
    );
    expect(body).toContain(`[workflow run](${RUN_URL})`);
  });
});

describe('renderSummary', () => {
  function summaryInput(overrides: Partial<SummaryInput> = {}): SummaryInput {
    return {
      pipeline: 'ai-review',
      target: 'o/r#42',
      status: 'success',
      runs: [
        makeAgentRun({
          agent: 'claude',
          model: 'claude-sonnet-4-5',
          durationMs: 12_345,
          usage: { inputTokens: 1_234, outputTokens: 56, costUsd: 0.01234 },
        }),
        makeFailedRun({ agent: 'gemini', durationMs: 900 }),
        makeAgentRun({ agent: 'claude', role: 'reviewer', durationMs: 61_000 }),
      ],
      comments: new Map([
        ['status', 'STATUS BODY'],
        ['agent:claude', 'CLAUDE BODY'],
        ['agent:gemini', 'GEMINI BODY'],
        ['review', 'REVIEW BODY'],
      ]),
      ...overrides,
    };
  }

  it('has a headline, the status, and a table row per run with status, duration, tokens and cost', () => {
    const summary = renderSummary(summaryInput());
    expect(summary).toContain('## 🎼 AI Orchestra · ai-review · o/r#42');
    expect(summary).toContain('**Status:** success\n');
    expect(summary).toContain('| Agent | Role | Model | Status | Duration | Tokens in | Tokens out | Cost |');
    expect(summary).toContain('| ✅ claude | answer | `claude-sonnet-4-5` | success | 12.3 s | 1234 | 56 | $0.0123 |');
    expect(summary).toContain('| ❌ gemini | answer |  | failure | 900 ms |  |  |  |');
    expect(summary).toContain('| ✅ claude | reviewer |  | success | 1 min 1 s |  |  |  |');
  });

  it('shows the error next to the status', () => {
    expect(renderSummary(summaryInput({ status: 'failure', error: 'No agent answered' }))).toContain(
      '**Status:** failure — No agent answered',
    );
  });

  it('contains the review and every answer, but not the status comment', () => {
    const summary = renderSummary(summaryInput());
    expect(summary).toContain('REVIEW BODY');
    expect(summary).toContain('<details><summary>Answer of claude</summary>\n\nCLAUDE BODY\n\n</details>');
    expect(summary).toContain('<details><summary>Answer of gemini</summary>\n\nGEMINI BODY\n\n</details>');
    expect(summary).not.toContain('STATUS BODY');
    expect(summary.indexOf('REVIEW BODY')).toBeLessThan(summary.indexOf('### Answers'));
  });

  it('stays within GitHub’s 1 MiB step-summary limit, cutting answers visibly', () => {
    const big = (c: string): string => c.repeat(600_000);
    const summary = renderSummary(
      summaryInput({
        comments: new Map([
          ['review', big('r').slice(0, 50_000)],
          ['agent:claude', big('a')],
          ['agent:gemini', big('g')],
          ['agent:codex', big('c')],
        ]),
      }),
    );
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(summary).toContain('a'.repeat(600_000));
    expect(
      summary.match(/_\(cut: the job summary is limited to 1 MiB; the full text is in result-file\)_/g),
    ).toHaveLength(2);
    expect(summary).toContain('<details><summary>Answer of codex</summary>');
    expect(summary).toContain('r'.repeat(50_000));
  });
});

describe('LocalReporter', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes each comment with its marker, redacted, to a numbered file and prints all but the status', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ai-orchestra-local-'));
    const printed: string[] = [];
    const reporter = new LocalReporter(
      join(dir, 'comments'),
      { runId: 'local', pipeline: 'ai-review' },
      new Redactor(['my-known-secret']),
      (t) => printed.push(t),
    );
    await reporter.acknowledge();
    await reporter.upsertComment('status', 'first status');
    const ref = await reporter.upsertComment('agent:claude', 'answer with my-known-secret');
    await reporter.upsertComment('status', 'second status');
    await reporter.addLabel('ai-processed');

    expect(readdirSync(join(dir, 'comments')).sort()).toEqual(['01-status.md', '02-agent_claude.md']);
    expect(ref.url).toBe(join(dir, 'comments', '02-agent_claude.md'));
    expect(readFileSync(join(dir, 'comments', '01-status.md'), 'utf8')).toBe(
      '<!-- ai-orchestra:v1 run=local pipeline=ai-review key=status -->\nsecond status',
    );
    expect(reporter.comments.get('agent:claude')).toBe(
      `<!-- ai-orchestra:v1 run=local pipeline=ai-review key=agent:claude -->\nanswer with ${REDACTED}`,
    );
    expect(reporter.labels).toEqual(['ai-processed']);
    expect(printed.some((t) => t.includes('agent:claude') && t.includes(REDACTED))).toBe(true);
    expect(printed.some((t) => t.includes('first status') || t.includes('second status'))).toBe(false);
    expect(printed.some((t) => t.includes('my-known-secret'))).toBe(false);
  });
});

describe('job summary size in bytes', () => {
  it('keeps a summary of multibyte answers under 1 MiB and says where the rest is', async () => {
    const { renderSummary } = await import('../../src/report/summary.js');
    const huge = '日本語😀'.repeat(200_000);
    const comments = new Map([
      ['agent:claude', huge],
      ['agent:gemini', huge],
      ['review', 'R'.repeat(10)],
    ]);
    const text = renderSummary({
      pipeline: 'ai-review',
      target: 'acme/widgets#1',
      status: 'success',
      runs: [],
      comments,
    });
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(1_000_000);
    expect(text).toContain('the full text is in result-file');
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
