// The three fine-tuning formats as trainers read them: row shapes, row builders, JSONL text and file names.

export const DATASET_FORMATS = ['openai-chat', 'trl-sft', 'dpo'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export function isDatasetFormat(value: string): value is DatasetFormat {
  return (DATASET_FORMATS as readonly string[]).includes(value);
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** OpenAI chat fine-tuning: `{"messages":[system, user, assistant]}`. */
export interface OpenAiChatRow {
  messages: ChatMessage[];
}

/** TRL SFTTrainer, conversational prompt-completion: the loss is on the completion only. */
export interface TrlSftRow {
  prompt: ChatMessage[];
  completion: ChatMessage[];
}

/** TRL DPOTrainer, conversational preference data with an explicit prompt. */
export interface DpoRow {
  prompt: ChatMessage[];
  chosen: ChatMessage[];
  rejected: ChatMessage[];
}

export type DatasetRow = OpenAiChatRow | TrlSftRow | DpoRow;

/** One persona's answer to the shared prompt: everything a supervised row is built from. */
export interface Example {
  system: string;
  user: string;
  answer: string;
}

/** Two answers to the same user prompt; `chosen` was ranked best, `rejected` worst. */
export interface PreferencePair {
  user: string;
  chosen: string;
  rejected: string;
}

// Object literals with exactly the format's keys, in the documented order: nothing else reaches the file.
export function openAiChatRow(e: Example): OpenAiChatRow {
  return {
    messages: [
      { role: 'system', content: e.system },
      { role: 'user', content: e.user },
      { role: 'assistant', content: e.answer },
    ],
  };
}

export function trlSftRow(e: Example): TrlSftRow {
  return {
    prompt: [
      { role: 'system', content: e.system },
      { role: 'user', content: e.user },
    ],
    completion: [{ role: 'assistant', content: e.answer }],
  };
}

/**
 * The prompt carries no system message: chosen and rejected were written under different personas' system
 * prompts, and a preference pair must compare two answers to one and the same prompt.
 */
export function dpoRow(p: PreferencePair): DpoRow {
  return {
    prompt: [{ role: 'user', content: p.user }],
    chosen: [{ role: 'assistant', content: p.chosen }],
    rejected: [{ role: 'assistant', content: p.rejected }],
  };
}

/** JSON Lines: one compact JSON value per line, `\n` after each (an empty list is an empty file). */
export function toJsonl(values: readonly unknown[]): string {
  return values.map((v) => `${JSON.stringify(v)}\n`).join('');
}

/** `acme-widgets-issue-42`: the repository and issue a file's rows come from, safe as a file name. */
export function datasetBaseName(repository: string, issueNumber: number): string {
  const repo = repository.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+|-+$/g, '') || 'repository';
  return `${repo}-issue-${issueNumber}`;
}

/** The dataset file of one format and its provenance sidecar, `<base>.<format>.jsonl` and `<base>.<format>.meta.jsonl`. */
export function datasetFileNames(base: string, format: DatasetFormat): { data: string; meta: string } {
  return { data: `${base}.${format}.jsonl`, meta: `${base}.${format}.meta.jsonl` };
}
