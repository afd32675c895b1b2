// The dry-run sink: comments become Markdown files in a folder and are printed, nothing is posted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OwnText, withTrailer } from '../kernel/definition.js';
import { composeComment, fitForSanitizing } from '../report/comment-body.js';
import type { Redactor } from '../security/redact.js';
import { sanitizeOutput } from '../security/sanitize-output.js';
import type { CommentRef, IssueReporter } from './sink.js';

export class LocalReporter implements IssueReporter {
  readonly comments = new Map<string, string>();
  readonly labels: string[] = [];
  private readonly order: string[] = [];

  constructor(
    readonly dir: string,
    private readonly run: { runId: string; pipeline: string },
    private readonly redactor: Redactor,
    private readonly print: (text: string) => void,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  async acknowledge(): Promise<void> {
    this.print('[dry-run] would react 👀 to the issue');
  }

  async upsertComment(key: string, body: string, own?: OwnText): Promise<CommentRef> {
    const composed = composeComment(
      { ...this.run, key, ...(own?.session ? { session: own.session } : {}) },
      withTrailer(sanitizeOutput(fitForSanitizing(body), this.redactor), own),
      body.length,
    ).body;
    if (!this.order.includes(key)) this.order.push(key);
    this.comments.set(key, composed);
    const file = join(
      this.dir,
      `${String(this.order.indexOf(key) + 1).padStart(2, '0')}-${key.replace(/[^A-Za-z0-9_.-]/g, '_')}.md`,
    );
    writeFileSync(file, composed);
    // The status comment changes many times; print only the comments that carry answers.
    if (key !== 'status') this.print(`\n──── [dry-run] comment "${key}" (${file}) ────\n${composed}\n`);
    return { url: file };
  }

  async readComment(key: string): Promise<string | undefined> {
    return this.comments.get(key);
  }

  async addLabel(name: string): Promise<void> {
    this.labels.push(name);
    this.print(`[dry-run] would add the label "${name}"`);
  }
}
