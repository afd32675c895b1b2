// Counts an agent's usage while it runs, from the JSON lines its CLI streams into the stdout log, and says when to stop it.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { AgentSpec, StreamState, StreamUsage, Usage } from '../agents/types.js';
import { type BudgetLedger, type LiveUsage, overLimit } from './ledger.js';
import { type ModelPrice, withCost } from './prices.js';

/** Bytes read from the log per check: a flood of output is read over several checks, never all at once. */
const READ_CHUNK = 1024 ** 2;
/** A line longer than this (one huge answer event) is skipped: usage events are small. */
const MAX_LINE = 16 * 1024 ** 2;

export class UsageMeter implements LiveUsage {
  private readonly state: StreamState = { usage: {}, messages: new Map() };
  private offset = 0;
  private partial = '';
  private skipping = false;
  private readonly buffer = Buffer.alloc(READ_CHUNK);
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly file: string,
    private readonly agent: AgentSpec,
    private readonly stream: StreamUsage | undefined,
    private readonly ledger: BudgetLedger,
    private readonly prices: Record<string, ModelPrice>,
  ) {}

  /** Usage so far, with its cost from the price table when the CLI streams tokens but no cost. */
  current(): Usage {
    return withCost(this.state.usage, this.state.model ?? this.agent.model, this.prices);
  }

  /** Reads what the agent printed since the last check; the reason to stop it, or undefined to let it go on. */
  check(): string | undefined {
    if (this.stream) this.readNewLines();
    const own = overLimit(this.agent.limits, this.current());
    if (own) return `${this.agent.name} went over its budget (${own})`;
    return this.ledger.exceeded();
  }

  private readNewLines(): void {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return;
    }
    try {
      const read = readSync(fd, this.buffer, 0, READ_CHUNK, this.offset);
      if (read === 0) return;
      this.offset += read;
      this.consume(this.decoder.write(this.buffer.subarray(0, read)));
    } finally {
      closeSync(fd);
    }
  }

  private consume(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    if (this.partial.length > MAX_LINE) {
      this.partial = '';
      this.skipping = true;
    }
    for (const line of lines) {
      if (this.skipping) {
        this.skipping = false;
        continue;
      }
      this.apply(line);
    }
  }

  private apply(line: string): void {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) return;
    let event: unknown;
    try {
      event = JSON.parse(trimmed);
    } catch {
      return;
    }
    if (typeof event === 'object' && event !== null && !Array.isArray(event))
      this.stream?.(event as Record<string, unknown>, this.state);
  }
}
