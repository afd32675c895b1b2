// A comment sink that records every call, for unit tests of pipelines and of the status comment (no network).
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
}
