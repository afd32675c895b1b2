import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  renderMention,
  renderStatusComment
} from "./chunk-ERVVLCZQ.js";

// src/kernel/status-views.ts
function agentRowKey(agent, role) {
  return `${agent}/${role}`;
}
function closeAgentRow(row, overall) {
  if (row.state !== "pending" && row.state !== "running") return row;
  return {
    ...row,
    state: overall === "cancelled" ? "cancelled" : "skipped",
    note: row.note ?? (overall === "cancelled" ? "cancelled" : "not run")
  };
}
function agentRowsLayout(rows) {
  return {
    rows,
    key: (row) => agentRowKey(row.agent, row.role),
    render: (snapshot) => renderStatusComment({ ...snapshot, entries: snapshot.rows }),
    trailer: (snapshot) => renderMention(snapshot),
    close: closeAgentRow
  };
}
function agentTable(status) {
  return {
    update: (agent, role, patch) => status.update(agentRowKey(agent, role), patch),
    set: (agent, role, patch) => status.set(agentRowKey(agent, role), patch)
  };
}

export {
  agentRowKey,
  agentRowsLayout,
  agentTable
};
