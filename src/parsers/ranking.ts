// Parses the reviewer's fixed-form answer (Synthesis, Disagreements, Ranking) into parts we can render.

export interface RankedAnswer {
  letter: string;
  reason: string;
}

export interface ParsedReview {
  synthesis: string;
  disagreements: string;
  /** Best first; only letters that were given to the reviewer, each once. */
  ranking: RankedAnswer[];
  /** Letters the reviewer did not rank. */
  unranked: string[];
  /** False when no section headings were found: the whole text is then the synthesis. */
  structured: boolean;
  /** How sure the reviewer said it is of its ranking (its `Confidence:` line); undefined when it did not say. */
  confidence?: ReviewConfidence;
}

export type ReviewConfidence = 'high' | 'medium' | 'low';

const CONFIDENCE_LINE = /^\s*(?:[-*]\s*)?\**\s*confidence\s*\**\s*[:=—–-]+\s*\**\s*(high|medium|low)\b/im;

/** The reviewer's `Confidence: high|medium|low` line of the ranking section. */
export function parseConfidence(text: string): ReviewConfidence | undefined {
  const m = CONFIDENCE_LINE.exec(text);
  return m ? ((m[1] ?? '').toLowerCase() as ReviewConfidence) : undefined;
}

const HEADING = /^\s{0,3}#{1,6}\s*\**\s*(synthesis|disagreements|ranking)\b[^\n]*$/gim;
const RANK_LINE =
  /^\s*(?:[-*]\s*)?#?(\d+)\s*[.):]?\s*\**\s*(?:answer\s+)?\**\s*([A-Z][0-9]?)\b\**\s*(?:[—–:|-]+\s*)?(.*)$/i;

function splitSections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  const matches = [...text.matchAll(HEADING)];
  matches.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = matches[i + 1]?.index ?? text.length;
    const name = (m[1] ?? '').toLowerCase();
    // The last section of a name wins: reviewers sometimes restate the template before answering.
    sections.set(name, text.slice(start, end).trim());
  });
  return sections;
}

export function parseRanking(text: string, letters: string[]): { ranking: RankedAnswer[]; unranked: string[] } {
  const known = new Map(letters.map((l) => [l.toUpperCase(), l]));
  const ranking: RankedAnswer[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    const m = RANK_LINE.exec(line);
    const letter = m ? known.get((m[2] ?? '').toUpperCase()) : undefined;
    if (!m || !letter || seen.has(letter)) continue;
    seen.add(letter);
    ranking.push({ letter, reason: (m[3] ?? '').replace(/\*+/g, '').trim() });
  }
  return { ranking, unranked: letters.filter((l) => !seen.has(l)) };
}

export function parseReview(text: string, letters: string[]): ParsedReview {
  const sections = splitSections(text);
  if (!sections.has('ranking') && !sections.has('synthesis')) {
    return { synthesis: text.trim(), disagreements: '', ranking: [], unranked: [...letters], structured: false };
  }
  const { ranking, unranked } = parseRanking(sections.get('ranking') ?? '', letters);
  const confidence = parseConfidence(sections.get('ranking') ?? '');
  return {
    synthesis: sections.get('synthesis') ?? '',
    disagreements: sections.get('disagreements') ?? '',
    ranking,
    unranked,
    structured: true,
    ...(confidence ? { confidence } : {}),
  };
}
