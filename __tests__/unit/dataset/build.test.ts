// buildDatasets: one row and one provenance line per kept answer, stable ids, a single dpo pair from the ranking.
import { describe, expect, it } from 'vitest';
import { type AnswerRecord, buildDatasets, type Preference, type Provenance } from '../../../src/dataset/build.js';
import { exampleId, pairId } from '../../../src/dataset/ids.js';

function answer(persona: string, agent: string, overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    persona,
    agent,
    cli: agent,
    system: `You are the ${persona}.`,
    answer: `The ${persona}'s answer.`,
    durationMs: 1_200,
    inputTokens: 100,
    outputTokens: 20,
    promptSha256: 'b'.repeat(64),
    finishedAt: '2025-01-02T03:04:05.000Z',
    ...overrides,
  };
}

const provenance: Provenance = {
  repository: 'acme/widgets',
  issueNumber: 42,
  issueUrl: 'https://github.com/acme/widgets/issues/42',
  promptTemplateSha256: 'c'.repeat(64),
};
const user = 'Cache is not thread-safe\n\nTwo workers corrupt it.';
const answers = [
  answer('architect', 'claude', { model: 'claude-sonnet-4-5' }),
  answer('pragmatist', 'codex', { inputTokens: undefined, outputTokens: undefined }),
];
const preference: Preference = {
  chosen: answers[1]!,
  rejected: answers[0]!,
  ranking: ['pragmatist', 'architect'],
  reviewer: {
    agent: 'judge',
    cli: 'claude',
    model: 'claude-opus',
    durationMs: 3_000,
    inputTokens: 500,
    outputTokens: 50,
    finishedAt: '2025-01-02T03:05:00.000Z',
  },
  confidence: {
    level: 'high',
    rankings: 2,
    agreeing: 2,
    orders: [
      ['pragmatist', 'architect'],
      ['pragmatist', 'architect'],
    ],
  },
};

describe('buildDatasets', () => {
  const built = buildDatasets({ formats: ['openai-chat', 'trl-sft', 'dpo'], user, answers, preference, provenance });
  const [chat, sft, dpo] = built;

  it('keeps the configured format order and one row per answer, in answer order', () => {
    expect(built.map((d) => [d.format, d.rows.length, d.meta.length])).toEqual([
      ['openai-chat', 2, 2],
      ['trl-sft', 2, 2],
      ['dpo', 1, 1],
    ]);
    expect(chat!.rows[0]).toEqual({
      messages: [
        { role: 'system', content: 'You are the architect.' },
        { role: 'user', content: user },
        { role: 'assistant', content: "The architect's answer." },
      ],
    });
    expect(sft!.rows[1]).toEqual({
      prompt: [
        { role: 'system', content: 'You are the pragmatist.' },
        { role: 'user', content: user },
      ],
      completion: [{ role: 'assistant', content: "The pragmatist's answer." }],
    });
    expect(dpo!.rows[0]).toEqual({
      prompt: [{ role: 'user', content: user }],
      chosen: [{ role: 'assistant', content: "The pragmatist's answer." }],
      rejected: [{ role: 'assistant', content: "The architect's answer." }],
    });
  });

  it('gives a row the same id in every supervised format, from its prompt, persona and agent', () => {
    const id = exampleId({ system: 'You are the architect.', user, persona: 'architect', agent: 'claude' });
    expect(chat!.meta[0]!.id).toBe(id);
    expect(sft!.meta[0]!.id).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    // Stable: rebuilding gives the same ids; another persona or agent, another id.
    expect(buildDatasets({ formats: ['openai-chat'], user, answers, provenance })[0]!.meta.map((m) => m.id)).toEqual(
      chat!.meta.map((m) => m.id),
    );
    expect(exampleId({ system: 'You are the architect.', user, persona: 'architect', agent: 'gemini' })).not.toBe(id);
    expect(dpo!.meta[0]!.id).toBe(
      pairId({
        user,
        chosen: { persona: 'pragmatist', agent: 'codex' },
        rejected: { persona: 'architect', agent: 'claude' },
      }),
    );
  });

  it('writes every provenance field on every line, null when unknown', () => {
    expect(chat!.meta[1]).toEqual({
      id: expect.any(String),
      persona: 'pragmatist',
      agent: 'codex',
      cli: 'codex',
      model: null,
      cli_version: null,
      duration_ms: 1_200,
      tokens: { input: null, output: null },
      repository: 'acme/widgets',
      issue_number: 42,
      issue_url: 'https://github.com/acme/widgets/issues/42',
      run_url: null,
      commit_sha: null,
      prompt_template_sha256: 'c'.repeat(64),
      prompt_sha256: 'b'.repeat(64),
      created_at: '2025-01-02T03:04:05.000Z',
    });
    expect(Object.keys(chat!.meta[0]!)).toEqual(Object.keys(chat!.meta[1]!));
    expect(dpo!.meta[0]).toMatchObject({
      chosen: { persona: 'pragmatist', agent: 'codex' },
      rejected: { persona: 'architect', agent: 'claude', model: 'claude-sonnet-4-5' },
      reviewer: { agent: 'judge', cli: 'claude', model: 'claude-opus', tokens: { input: 500, output: 50 } },
      ranking: ['pragmatist', 'architect'],
      confidence: {
        level: 'high',
        rankings: 2,
        agreeing: 2,
        orders: [
          ['pragmatist', 'architect'],
          ['pragmatist', 'architect'],
        ],
      },
      created_at: '2025-01-02T03:05:00.000Z',
    });
  });

  it('has no dpo rows without a preference', () => {
    expect(buildDatasets({ formats: ['dpo'], user, answers, provenance })).toEqual([
      { format: 'dpo', rows: [], meta: [] },
    ]);
  });
});
