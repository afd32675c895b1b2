// Reads the `patch` of a changed file as GitHub gives it: hunks, the new side's line numbers, what may be commented on.

export interface DiffLine {
  kind: 'add' | 'context' | 'del';
  text: string;
  /** Line number on the base side (context and deleted lines). */
  oldLine?: number;
  /** Line number on the head side (context and added lines). */
  newLine?: number;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The `@@ … @@` line, with the section heading GitHub puts after it. */
  header: string;
  lines: DiffLine[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The hunks of a unified-diff patch (no file headers, as in the pulls/files and compare APIs). */
export function parsePatch(patch: string | undefined): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  let oldLine = 0;
  let newLine = 0;
  // Lines each side still expects: a hunk ends when both are used up (a trailing newline is no context line).
  let oldLeft = 0;
  let newLeft = 0;
  for (const raw of (patch ?? '').split('\n')) {
    const header = HUNK_HEADER.exec(raw);
    if (header) {
      oldLine = Number(header[1]);
      newLine = Number(header[3]);
      oldLeft = header[2] === undefined ? 1 : Number(header[2]);
      newLeft = header[4] === undefined ? 1 : Number(header[4]);
      current = { oldStart: oldLine, oldLines: oldLeft, newStart: newLine, newLines: newLeft, header: raw, lines: [] };
      hunks.push(current);
      continue;
    }
    // Lines outside a hunk and "\ No newline at end of file" say nothing about lines.
    if (!current || raw.startsWith('\\') || (oldLeft <= 0 && newLeft <= 0)) continue;
    const marker = raw[0];
    const text = raw.slice(1);
    if (marker === '+') {
      current.lines.push({ kind: 'add', text, newLine: newLine++ });
      newLeft--;
    } else if (marker === '-') {
      current.lines.push({ kind: 'del', text, oldLine: oldLine++ });
      oldLeft--;
    } else if (marker === ' ' || raw === '') {
      current.lines.push({ kind: 'context', text, oldLine: oldLine++, newLine: newLine++ });
      oldLeft--;
      newLeft--;
    }
  }
  return hunks;
}

/**
 * The head-side lines a review comment may sit on (GitHub refuses the others), each with its hunk's index: a
 * multi-line comment must start and end in the same hunk.
 */
export function commentableLines(hunks: Hunk[]): Map<number, number> {
  const lines = new Map<number, number>();
  hunks.forEach((hunk, index) => {
    for (const l of hunk.lines) if (l.newLine !== undefined) lines.set(l.newLine, index);
  });
  return lines;
}

/** Whether a comment on head lines start..end is accepted by GitHub: both ends in the diff, in one hunk. */
export function rangeInDiff(commentable: ReadonlyMap<number, number>, start: number, end: number): boolean {
  const first = commentable.get(start);
  return first !== undefined && first === commentable.get(end);
}

/** The patch with the head side's line numbers in front, so an agent can cite lines without counting. */
export function renderNumberedPatch(hunks: Hunk[]): string {
  const width = Math.max(4, ...hunks.flatMap((h) => h.lines.map((l) => String(l.newLine ?? '').length)));
  return hunks
    .flatMap((hunk) => [
      hunk.header,
      ...hunk.lines.map(
        (l) =>
          `${String(l.newLine ?? '').padStart(width)} ${l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' '} ${l.text}`,
      ),
    ])
    .join('\n');
}

/** The head-side lines start..end with their numbers, from the hunks (for the judge); empty where not in the diff. */
export function excerpt(hunks: Hunk[], start: number, end: number, around = 3): string {
  const lines = hunks
    .flatMap((h) => h.lines)
    .filter((l) => l.newLine !== undefined && l.newLine >= start - around && l.newLine <= end + around);
  return lines.map((l) => `${String(l.newLine).padStart(4)} ${l.kind === 'add' ? '+' : ' '} ${l.text}`).join('\n');
}

/** Where base line `line` of a file is after the diff; undefined when the diff removed it. */
export function mapBaseLine(hunks: Hunk[], line: number): number | undefined {
  let shift = 0;
  for (const hunk of hunks) {
    const before = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    if (line <= before) break;
    if (line <= before + hunk.oldLines) return hunk.lines.find((l) => l.oldLine === line)?.newLine;
    const newBefore = hunk.newLines === 0 ? hunk.newStart : hunk.newStart - 1;
    shift = newBefore + hunk.newLines - (before + hunk.oldLines);
  }
  return line + shift;
}

/**
 * Follows base lines start..end of a file through a diff of it (compare from the old head to the new one):
 * `touched` when a line in the range was removed or lines were inserted inside it; otherwise where it is now.
 */
export function followRange(
  hunks: Hunk[],
  start: number,
  end: number,
): { touched: true } | { touched: false; start: number; end: number } {
  for (const hunk of hunks) {
    let lastOld = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    for (const l of hunk.lines) {
      if (l.kind === 'del' && l.oldLine! >= start && l.oldLine! <= end) return { touched: true };
      // An insertion after base line `lastOld` lands inside the range when start <= lastOld < end.
      if (l.kind === 'add' && lastOld >= start && lastOld < end) return { touched: true };
      if (l.oldLine !== undefined) lastOld = l.oldLine;
    }
  }
  const newStart = mapBaseLine(hunks, start);
  const newEnd = mapBaseLine(hunks, end);
  return newStart === undefined || newEnd === undefined
    ? { touched: true }
    : { touched: false, start: newStart, end: newEnd };
}
