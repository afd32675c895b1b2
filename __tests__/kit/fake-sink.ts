// Comment sinks for unit tests of pipelines and of the status comment (no network): one records every call, one keeps
// each comment's latest body.
import type { CommentRef, CommentSink } from '../../src/kernel/definition.js';

export type SinkCall =
  | { kind: 'acknowledge' }
  | { kind: 'upsert'; key: string; body: string }
  | { kind: 'overwrite'; key: string; body: string }
  | { kind: 'label'; name: string };

export class FakeSink implements CommentSink {
  readonly calls: SinkCall[] = [];

  /** `failing`: comment key → error message its writes throw. */
  constructor(private readonly failing: Record<string, string> = {}) {}

  async acknowledge(): Promise<void> {
    this.calls.push({ kind: 'acknowledge' });
  }

  async upsertComment(key: string, body: string): Promise<CommentRef> {
    this.calls.push({ kind: 'upsert', key, body });
    const failure = this.failing[key];
    if (failure) throw new Error(failure);
    return { url: `https://github.test/o/r/issues/42#${key}` };
  }

  async addLabel(name: string): Promise<void> {
    this.calls.push({ kind: 'label', name });
  }

  upserts(key?: string): { key: string; body: string }[] {
    return this.calls.filter(
      (c): c is Extract<SinkCall, { kind: 'upsert' }> => c.kind === 'upsert' && (key === undefined || c.key === key),
    );
  }

  /** The last body written for `key`, or undefined. */
  last(key: string): string | undefined {
    return this.upserts(key).at(-1)?.body;
  }

  /** Keys of the non-status comments, in the order they were first written. */
  commentKeys(): string[] {
    return [...new Set(this.upserts().map((c) => c.key))].filter((k) => k !== 'status');
  }

  labels(): string[] {
    return this.calls.flatMap((c) => (c.kind === 'label' ? [c.name] : []));
  }
}

/** A sink that keeps only each comment's latest body and the labels; `failing` keys throw "cannot post <key>". */
export class MemorySink implements CommentSink {
  readonly comments = new Map<string, string>();
  readonly labels: string[] = [];

  constructor(private readonly failing: string[] = []) {}

  async acknowledge(): Promise<void> {}

  async upsertComment(key: string, body: string): Promise<CommentRef> {
    if (this.failing.includes(key)) throw new Error(`cannot post ${key}`);
    this.comments.set(key, body);
    return { url: `https://example.test/${key}` };
  }

  async addLabel(name: string): Promise<void> {
    this.labels.push(name);
  }
}
