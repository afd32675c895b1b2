// The status comment that matrix units share: the rendered table plus a hidden copy of its rows, so a unit can
// re-read the comment, change its own row and write it back without knowing what the other units did.
import { renderStatusComment, type StatusEntry, type StatusView } from '../../report/status-comment.js';

const ROWS_LINE = /<!-- ai-orchestra:rows=([A-Za-z0-9_-]+) -->/;

interface StoredView {
  pipeline: string;
  startedAt: string;
  runUrl?: string;
  entries: StatusEntry[];
}

/** The status comment while units run: as run mode renders it, and one hidden line that carries its rows. */
export function renderSharedStatus(view: StatusView): string {
  const stored: StoredView = {
    pipeline: view.pipeline,
    startedAt: view.startedAt.toISOString(),
    runUrl: view.runUrl,
    entries: view.entries,
  };
  return `${renderStatusComment(view)}\n<!-- ai-orchestra:rows=${Buffer.from(JSON.stringify(stored)).toString('base64url')} -->`;
}

/** The running view a shared status comment holds; undefined when it holds none (finalized, or not a matrix run's). */
export function parseSharedStatus(body: string | undefined): StatusView | undefined {
  const m = body ? ROWS_LINE.exec(body) : null;
  if (!m) return undefined;
  try {
    const stored = JSON.parse(Buffer.from(m[1] ?? '', 'base64url').toString('utf8')) as StoredView;
    if (!Array.isArray(stored.entries) || typeof stored.pipeline !== 'string') return undefined;
    return {
      pipeline: stored.pipeline,
      startedAt: new Date(stored.startedAt),
      runUrl: stored.runUrl,
      entries: stored.entries,
      overall: 'running',
    };
  } catch {
    return undefined;
  }
}

function sameEntry(a: StatusEntry, b: StatusEntry): boolean {
  return a.agent === b.agent && a.role === b.role;
}

/** The body with one row replaced by `entry` (the others as read), or undefined when the body is no shared status. */
export function withEntry(body: string | undefined, entry: StatusEntry): string | undefined {
  const view = parseSharedStatus(body);
  if (!view || !view.entries.some((e) => sameEntry(e, entry))) return undefined;
  return renderSharedStatus({ ...view, entries: view.entries.map((e) => (sameEntry(e, entry) ? { ...entry } : e)) });
}

/** Whether the body shows `entry` exactly as given (another unit's write may have put back an older row). */
export function showsEntry(body: string | undefined, entry: StatusEntry): boolean {
  const found = parseSharedStatus(body)?.entries.find((e) => sameEntry(e, entry));
  return found !== undefined && JSON.stringify(found) === JSON.stringify({ ...entry });
}
