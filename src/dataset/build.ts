// Turns kept persona answers (and the reviewer's preference) into the rows and provenance lines of each format.
import { type DatasetFormat, type DatasetRow, dpoRow, openAiChatRow, trlSftRow } from './formats.js';
import { exampleId, pairId } from './ids.js';

/** One persona's cleaned answer and what is known about how it was made. */
export interface AnswerRecord {
  persona: string;
  agent: string;
  cli: string;
  model?: string;
  cliVersion?: string;
  /** The persona's system prompt. */
  system: string;
  answer: string;
  durationMs: number;
  inputTokens?: number;
  outputTokens?: number;
  /** SHA-256 of the exact prompt the CLI received on stdin. */
  promptSha256: string;
  finishedAt: string;
}

export interface ReviewerRecord {
  agent: string;
  cli: string;
  model?: string;
  cliVersion?: string;
  durationMs: number;
  inputTokens?: number;
  outputTokens?: number;
  finishedAt: string;
}

/** The reviewer's judgement: best and worst of the ranked answers, and the whole ranking by persona. */
export interface Preference {
  chosen: AnswerRecord;
  rejected: AnswerRecord;
  ranking: string[];
  reviewer: ReviewerRecord;
  /** How sure the judging is of chosen over rejected: every ranking (both orders) agreed, or not. */
  confidence: PreferenceConfidence;
}

export interface PreferenceConfidence {
  level: 'high' | 'low';
  /** How many rankings (orders) counted, and how many of them put chosen above rejected. */
  rankings: number;
  agreeing: number;
  /** Each ranking by persona, best first, in the order they were made. */
  orders: string[][];
}

/** Where every row of one run comes from. */
export interface Provenance {
  repository: string;
  issueNumber: number;
  issueUrl: string;
  runUrl?: string;
  commitSha?: string;
  promptTemplateSha256: string;
}

export interface BuiltDataset {
  format: DatasetFormat;
  rows: DatasetRow[];
  /** One provenance line per row, same order, joined by `id`. */
  meta: MetaLine[];
}

export type MetaLine = Record<string, unknown> & { id: string };

function tokens(r: { inputTokens?: number; outputTokens?: number }): { input: number | null; output: number | null } {
  return { input: r.inputTokens ?? null, output: r.outputTokens ?? null };
}

// Every line of a sidecar has the same keys (unknowns are null), so it loads as one table.
function origin(p: Provenance): Record<string, unknown> {
  return {
    repository: p.repository,
    issue_number: p.issueNumber,
    issue_url: p.issueUrl,
    run_url: p.runUrl ?? null,
    commit_sha: p.commitSha ?? null,
    prompt_template_sha256: p.promptTemplateSha256,
  };
}

function producer(r: AnswerRecord | ReviewerRecord): Record<string, unknown> {
  return {
    agent: r.agent,
    cli: r.cli,
    model: r.model ?? null,
    cli_version: r.cliVersion ?? null,
    duration_ms: r.durationMs,
    tokens: tokens(r),
  };
}

function answerMeta(id: string, a: AnswerRecord, p: Provenance): MetaLine {
  return {
    id,
    persona: a.persona,
    ...producer(a),
    ...origin(p),
    prompt_sha256: a.promptSha256,
    created_at: a.finishedAt,
  };
}

function preferenceMeta(id: string, pref: Preference, p: Provenance): MetaLine {
  return {
    id,
    chosen: { persona: pref.chosen.persona, ...producer(pref.chosen) },
    rejected: { persona: pref.rejected.persona, ...producer(pref.rejected) },
    reviewer: producer(pref.reviewer),
    ranking: pref.ranking,
    confidence: {
      level: pref.confidence.level,
      rankings: pref.confidence.rankings,
      agreeing: pref.confidence.agreeing,
      orders: pref.confidence.orders,
    },
    ...origin(p),
    created_at: pref.reviewer.finishedAt,
  };
}

export function buildDatasets(input: {
  formats: readonly DatasetFormat[];
  /** The neutral user message every persona answered. */
  user: string;
  answers: readonly AnswerRecord[];
  preference?: Preference;
  provenance: Provenance;
}): BuiltDataset[] {
  const { user, provenance } = input;
  return input.formats.map((format) => {
    if (format === 'dpo') {
      const pref = input.preference;
      if (!pref) return { format, rows: [], meta: [] };
      const id = pairId({ user, chosen: pref.chosen, rejected: pref.rejected });
      return {
        format,
        rows: [dpoRow({ user, chosen: pref.chosen.answer, rejected: pref.rejected.answer })],
        meta: [preferenceMeta(id, pref, provenance)],
      };
    }
    const toRow = format === 'openai-chat' ? openAiChatRow : trlSftRow;
    return {
      format,
      rows: input.answers.map((a) => toRow({ system: a.system, user, answer: a.answer })),
      meta: input.answers.map((a) =>
        answerMeta(exampleId({ system: a.system, user, persona: a.persona, agent: a.agent }), a, provenance),
      ),
    };
  });
}
