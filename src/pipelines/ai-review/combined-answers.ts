// Posts ai-review's answers as sections of as few comments as GitHub's size limit allows (settings.comment-mode: combined):
// GitHub spaces comment creation (the throttling plugin: 3 s apart), while updating a comment costs one ordinary write.
import type { AgentRun } from '../../agents/types.js';
import {
  type AnswerSection,
  answersKey,
  fitsWith,
  renderAnswerSection,
  renderAnswersComment,
} from './answers-comment.js';

interface Part {
  key: string;
  number: number;
  sections: AnswerSection[];
  dirty: boolean;
  writing?: Promise<void>;
  /** Callers waiting for a write that includes their section. */
  waiting: ((url: string | undefined) => void)[];
}

export class CombinedAnswers {
  private readonly parts: Part[] = [];

  constructor(
    /** Creates or updates one comment; resolves with its URL, or undefined when it could not be written. */
    private readonly write: (key: string, body: string) => Promise<string | undefined>,
    private readonly context: { total: number; runUrl?: string },
    /** How long a write waits for more answers: agents that finish together then share one write. */
    private readonly gatherMs = 0,
  ) {}

  /**
   * Adds an answer as the next section. Resolves once a write that includes it is done, with the URL of the comment that
   * holds it (undefined if that write failed). Answers arriving while a comment is being written go in its next write.
   */
  add(run: AgentRun, index: number): Promise<string | undefined> {
    const section = renderAnswerSection(run, index);
    let part = this.parts.at(-1);
    if (!part || !fitsWith(part.sections, section)) {
      part = {
        key: answersKey(this.parts.length + 1),
        number: this.parts.length + 1,
        sections: [],
        dirty: false,
        waiting: [],
      };
      this.parts.push(part);
    }
    part.sections.push(section);
    const target = part;
    return new Promise((resolve) => {
      target.waiting.push(resolve);
      this.schedule(target);
    });
  }

  private schedule(part: Part): void {
    part.dirty = true;
    part.writing ??= this.drain(part).finally(() => {
      part.writing = undefined;
      if (part.dirty) this.schedule(part);
    });
  }

  private async drain(part: Part): Promise<void> {
    while (part.dirty) {
      if (this.gatherMs > 0) await new Promise((resolve) => setTimeout(resolve, this.gatherMs));
      part.dirty = false;
      const waiting = part.waiting.splice(0);
      const body = renderAnswersComment({ part: part.number, sections: part.sections, ...this.context });
      const url = await this.write(part.key, body).catch(() => undefined);
      for (const resolve of waiting) resolve(url);
    }
  }
}
