// The layouts of the live status comment: the agent table (ai-review, persona-data and most pipelines) and helpers.
import { type EntryState, renderMention, renderStatusComment, type StatusEntry } from '../report/status-comment.js';
import type { LiveStatus, OverallState, StatusLayout } from './definition.js';

/** A row of the agent table: one agent in one role. */
export type AgentRow = StatusEntry;
export type AgentRowState = EntryState;

/** The key of an agent-table row, for LiveStatus.update. */
export function agentRowKey(agent: string, role: string): string {
  return `${agent}/${role}`;
}

/** Marks a row that never finished: cancelled with the run, or not run. */
export function closeAgentRow(row: AgentRow, overall: OverallState): AgentRow {
  if (row.state !== 'pending' && row.state !== 'running') return row;
  return {
    ...row,
    state: overall === 'cancelled' ? 'cancelled' : 'skipped',
    note: row.note ?? (overall === 'cancelled' ? 'cancelled' : 'not run'),
  };
}

/** The agent table: `rows(config)` lists the rows before anything ran. */
export function agentRowsLayout<C>(rows: (config: C) => AgentRow[]): StatusLayout<C, AgentRow> {
  return {
    rows,
    key: (row) => agentRowKey(row.agent, row.role),
    render: (snapshot) => renderStatusComment({ ...snapshot, entries: snapshot.rows }),
    trailer: (snapshot) => renderMention(snapshot),
    close: closeAgentRow,
  };
}

/** The agent table addressed by agent and role: a view of the kernel's status handle (it owns the one writer). */
export interface AgentTable {
  update(agent: string, role: string, patch: Partial<AgentRow>): void;
  /** Changes a row without writing: the next write (at the latest finish) carries it. */
  set(agent: string, role: string, patch: Partial<AgentRow>): void;
}

export function agentTable(status: LiveStatus<AgentRow>): AgentTable {
  return {
    update: (agent, role, patch) => status.update(agentRowKey(agent, role), patch),
    set: (agent, role, patch) => status.set(agentRowKey(agent, role), patch),
  };
}
