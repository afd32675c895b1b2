// Reads a relay stage's verdict: only the last `VERDICT: WORD` line outside code and quotes counts.

export type Verdict = { found: true; word: string; reason: string } | { found: false; problem: string };

/** A line that starts like a verdict, once Markdown emphasis around it is removed. */
const VERDICT_START = /^VERDICT\b/i;
/**
 * The whole verdict line: the word, then nothing, a full stop, or a separator and a reason. Anything else
 * after the word ("APPROVED?", "PASS/FAIL", "PASS or FAIL") makes the line malformed, hence no verdict.
 */
const VERDICT_LINE = /^VERDICT\s*:\s*([A-Z][A-Z0-9_-]*)(?:\.?|\s*(?:[—–:]|\s-|\.)\s+(.+))$/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Removes what models put around a verdict line without changing its words: a heading mark and emphasis
 * (`## **VERDICT:** PASS`, `__VERDICT: PASS__`). Underscores inside a word (CHANGES_REQUESTED) stay.
 */
function stripEmphasis(line: string): string {
  return line
    .replace(/^#{1,6}\s+/, '')
    .replace(/\*+/g, '')
    .replace(/(^|[\s:])_+|_+(?=[\s:]|$)/g, '$1')
    .trim();
}

/** Lines that are the answer's own words: not inside a fenced code block, not a blockquote. */
function ownLines(text: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const marker = FENCE.exec(raw)?.[1];
    if (fence) {
      // A fence closes with the same character, at least as long, and nothing after it.
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && raw.trim() === marker) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    if (/^\s*>/.test(raw)) continue;
    out.push(raw.trim());
  }
  return out;
}

/**
 * The verdict of an answer: the last line beginning with VERDICT decides. When that line is not exactly
 * `VERDICT: WORD` (optionally followed by a reason), there is no verdict: an earlier line never stands in for it.
 */
export function parseVerdict(text: string): Verdict {
  const candidates = ownLines(text)
    .map(stripEmphasis)
    .filter((line) => VERDICT_START.test(line));
  const last = candidates.at(-1);
  if (last === undefined) return { found: false, problem: 'no verdict: the answer has no line "VERDICT: <WORD>"' };
  const m = VERDICT_LINE.exec(last);
  if (!m)
    return {
      found: false,
      problem: `no verdict: the last verdict line is not of the form "VERDICT: <WORD>" (${clipLine(last)})`,
    };
  return { found: true, word: m[1]!.toUpperCase(), reason: (m[2] ?? '').trim() };
}

/** Whether the verdict's word is one of `pass` (compared without regard to case). */
export function verdictPasses(verdict: Verdict, pass: readonly string[]): boolean {
  return verdict.found && pass.some((word) => word.toUpperCase() === verdict.word);
}

function clipLine(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 79)}…` : line);
}
