// The one live status comment: changes are coalesced so at most one write is in flight, writes can be paced so the
// status does not take the write slots (GitHub: 1 s apart) the answers need, the last write is never lost, and a
// cancelled run's last write overtakes one still in flight. Every layout (agent table, relay checklist) is a view.
import type {
  Clock,
  CommentSink,
  LiveStatus,
  OverallState,
  StatusLayout,
  StatusRowBase,
  StatusSnapshot,
} from './definition.js';

export interface LiveStatusOptions {
  clock: Clock;
  /** Least time between the starts of two writes, except the last one. */
  minIntervalMs?: number;
  onWriteError: (error: unknown) => void;
  /** The comment key (default "status"). */
  key?: string;
  /**
   * How often a long quiet stretch rewrites the status so "running for ..." stays true, through the same pacing
   * (default a minute; 0 never). The timer never keeps the process alive and stops at finish().
   */
  refreshMs?: number;
  /** The run's totals line, asked for at finish() (the kernel counts every agent run). */
  totals?: () => string | undefined;
}

export class LiveStatusComment<C, R extends StatusRowBase> implements LiveStatus<R> {
  private readonly snapshot: StatusSnapshot<R>;
  private readonly key: string;
  private writing?: Promise<void>;
  private dirty = false;
  private closed = false;
  private lastWriteAt = -Infinity;
  /** Ends the wait between paced writes early (finish does, so the last write never waits). */
  private wake?: AbortController;
  private refresh?: ReturnType<typeof setInterval>;

  constructor(
    private readonly sink: CommentSink,
    private readonly layout: StatusLayout<C, R>,
    private readonly config: C,
    init: {
      pipeline: string;
      startedAt: Date;
      runUrl?: string;
      issueStamp?: string;
      note?: string;
      rows?: R[];
      startedBy?: string;
      notice?: string;
    },
    private readonly options: LiveStatusOptions,
  ) {
    const rows = init.rows ?? layout.rows(config);
    this.snapshot = {
      pipeline: init.pipeline,
      startedAt: init.startedAt,
      runUrl: init.runUrl,
      ...(init.issueStamp !== undefined ? { issueStamp: init.issueStamp } : {}),
      ...(init.note !== undefined ? { note: init.note } : {}),
      ...(init.startedBy !== undefined ? { startedBy: init.startedBy } : {}),
      ...(init.notice !== undefined ? { notice: init.notice } : {}),
      rows: rows.map((r) => ({ ...r })),
      overall: 'running',
    };
    this.key = options.key ?? 'status';
    const refreshMs = options.refreshMs ?? 60_000;
    if (refreshMs > 0) {
      this.refresh = setInterval(() => {
        if (!this.writing && !this.closed) this.schedule();
      }, refreshMs);
      this.refresh.unref();
    }
  }

  /** The body as it would be written now. */
  render(): string {
    return this.layout.render(this.snapshot, this.config);
  }

  private own(): { trailer?: string } | undefined {
    const trailer = this.layout.trailer?.(this.snapshot);
    return trailer ? { trailer } : undefined;
  }

  rows(): R[] {
    return this.snapshot.rows.map((r) => ({ ...r }));
  }

  update(key: string, patch: Partial<R>): void {
    if (this.patch(key, patch)) this.schedule();
  }

  set(key: string, patch: Partial<R>): void {
    this.patch(key, patch);
  }

  append(rows: R[]): void {
    if (this.closed) return;
    this.snapshot.rows.push(...rows.map((r) => ({ ...r })));
    this.schedule();
  }

  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  async finish(
    overall: Exclude<OverallState, 'running'>,
    message?: string,
    finishedAt: Date = this.options.clock.now(),
    totals?: string,
  ): Promise<void> {
    clearInterval(this.refresh);
    if (this.closed) return this.flush();
    this.snapshot.rows = this.snapshot.rows.map((r) => this.layout.close(r, overall));
    const total = totals ?? this.options.totals?.();
    Object.assign(this.snapshot, { overall, finishedAt, message, ...(total !== undefined ? { totals: total } : {}) });
    const inFlight = this.writing !== undefined;
    this.schedule();
    this.closed = true;
    this.wake?.abort();
    if (overall === 'cancelled' && inFlight && this.sink.overwriteCommentNow) {
      // A write in flight may be held back by GitHub's spacing for seconds we do not have: write the final state past
      // it now. The ordinary write scheduled above rewrites it once the stale one lands, if we live that long.
      try {
        if (await this.sink.overwriteCommentNow(this.key, this.render(), this.own())) return;
      } catch (error) {
        this.options.onWriteError(error);
      }
    }
    await this.flush();
  }

  private patch(key: string, patch: Partial<R>): boolean {
    const row = this.snapshot.rows.find((r) => this.layout.key(r) === key);
    if (!row || this.closed) return false;
    Object.assign(row, patch);
    return true;
  }

  private schedule(): void {
    this.dirty = true;
    this.writing ??= this.drain().finally(() => {
      this.writing = undefined;
      // A change made after drain's last check but before this callback found a write "in flight" and started none.
      if (this.dirty) this.schedule();
    });
  }

  private async drain(): Promise<void> {
    // Changes made while the run still claims the issue go out together, in the first write after it.
    if (this.sink.ready) await this.sink.ready();
    while (this.dirty) {
      await this.pace();
      this.dirty = false;
      this.lastWriteAt = this.options.clock.now().getTime();
      this.snapshot.now = this.options.clock.now();
      try {
        await this.sink.upsertComment(this.key, this.render(), this.own());
      } catch (error) {
        this.options.onWriteError(error);
      }
    }
  }

  private async pace(): Promise<void> {
    // Before our first write, the sink's own write of this comment (the claim posted it) counts as the previous one.
    const last = this.lastWriteAt > -Infinity ? this.lastWriteAt : (this.sink.writtenAt?.(this.key) ?? -Infinity);
    const wait = last + (this.options.minIntervalMs ?? 0) - this.options.clock.now().getTime();
    if (wait <= 0 || this.closed) return;
    this.wake = new AbortController();
    await this.options.clock.sleep(wait, this.wake.signal);
    this.wake = undefined;
  }
}
