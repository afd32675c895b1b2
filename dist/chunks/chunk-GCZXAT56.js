import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  buildReviewerPrompt
} from "./chunk-INKC534X.js";

// src/parsers/ranking.ts
var CONFIDENCE_LINE = /^\s*(?:[-*]\s*)?\**\s*confidence\s*\**\s*[:=—–-]+\s*\**\s*(high|medium|low)\b/im;
function parseConfidence(text) {
  const m = CONFIDENCE_LINE.exec(text);
  return m ? (m[1] ?? "").toLowerCase() : void 0;
}
var HEADING = /^\s{0,3}#{1,6}\s*\**\s*(synthesis|disagreements|ranking)\b[^\n]*$/gim;
var RANK_LINE = /^\s*(?:[-*]\s*)?#?(\d+)\s*[.):]?\s*\**\s*(?:answer\s+)?\**\s*([A-Z][0-9]?)\b\**\s*(?:[—–:|-]+\s*)?(.*)$/i;
function splitSections(text) {
  const sections = /* @__PURE__ */ new Map();
  const matches = [...text.matchAll(HEADING)];
  matches.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = matches[i + 1]?.index ?? text.length;
    const name = (m[1] ?? "").toLowerCase();
    sections.set(name, text.slice(start, end).trim());
  });
  return sections;
}
function parseRanking(text, letters) {
  const known = new Map(letters.map((l) => [l.toUpperCase(), l]));
  const ranking = [];
  const seen = /* @__PURE__ */ new Set();
  for (const line of text.split("\n")) {
    const m = RANK_LINE.exec(line);
    const letter = m ? known.get((m[2] ?? "").toUpperCase()) : void 0;
    if (!m || !letter || seen.has(letter)) continue;
    seen.add(letter);
    ranking.push({ letter, reason: (m[3] ?? "").replace(/\*+/g, "").trim() });
  }
  return { ranking, unranked: letters.filter((l) => !seen.has(l)) };
}
function parseReview(text, letters) {
  const sections = splitSections(text);
  if (!sections.has("ranking") && !sections.has("synthesis")) {
    return { synthesis: text.trim(), disagreements: "", ranking: [], unranked: [...letters], structured: false };
  }
  const { ranking, unranked } = parseRanking(sections.get("ranking") ?? "", letters);
  const confidence = parseConfidence(sections.get("ranking") ?? "");
  return {
    synthesis: sections.get("synthesis") ?? "",
    disagreements: sections.get("disagreements") ?? "",
    ranking,
    unranked,
    structured: true,
    ...confidence ? { confidence } : {}
  };
}

// src/judging/aggregate.ts
function place(r, letter) {
  if (!r.shown.includes(letter)) return void 0;
  const i = r.ranked.indexOf(letter);
  return i >= 0 ? i : r.ranked.length;
}
function bordaScore(r, letter) {
  const p = place(r, letter);
  if (p === void 0) return void 0;
  return r.shown.length <= 1 ? 1 : (r.shown.length - 1 - Math.min(p, r.shown.length - 1)) / (r.shown.length - 1);
}
function pairVerdict(a, b, rankings) {
  const signs = /* @__PURE__ */ new Set();
  for (const r of rankings) {
    const pa = place(r, a);
    const pb = place(r, b);
    if (pa === void 0 || pb === void 0 || pa === pb) continue;
    signs.add(pa < pb ? -1 : 1);
  }
  if (signs.size > 1) return void 0;
  return signs.values().next().value ?? 0;
}
function aggregateRankings(letters, rankings) {
  const scored = letters.map((letter, index) => {
    const scores = rankings.map((r) => bordaScore(r, letter)).filter((s) => s !== void 0);
    return {
      letter,
      index,
      seenBy: scores.length,
      score: scores.length > 0 ? scores.reduce((x, y) => x + y, 0) / scores.length : 0
    };
  });
  scored.sort((x, y) => y.score - x.score || x.index - y.index);
  const disputed = [];
  for (let i = 0; i < letters.length; i++) {
    for (let j = i + 1; j < letters.length; j++)
      if (pairVerdict(letters[i], letters[j], rankings) === void 0) disputed.push([letters[i], letters[j]]);
  }
  const isDisputed = (a, b) => disputed.some(([x, y]) => x === a && y === b || x === b && y === a);
  const rows = [];
  scored.forEach((s, i) => {
    const previous = rows[i - 1];
    const tiedWithPrevious = previous !== void 0 && (Math.abs(previous.score - s.score) < 1e-9 || isDisputed(previous.letter, s.letter));
    if (tiedWithPrevious) previous.tied = true;
    rows.push({
      letter: s.letter,
      rank: tiedWithPrevious ? previous.rank : i + 1,
      score: s.score,
      seenBy: s.seenBy,
      tied: tiedWithPrevious,
      // Seen in one order only (a judge run failed), or disputed: the position may be the judge's bias.
      confidence: s.seenBy < 2 || disputed.some(([x, y]) => x === s.letter || y === s.letter) ? "low" : "high"
    });
  });
  return { rows, disputed };
}

// src/judging/judge-answers.ts
function vendorOf(agent) {
  return agent.cli && agent.cli !== "command" ? agent.cli : `command:${agent.name ?? agent.agent ?? ""}`;
}
function assignAnswers(judges, candidates) {
  const assignment = new Map(judges.map((j) => [j.agent, []]));
  const ownVendor = [];
  for (const c of candidates) {
    const others = judges.filter((j) => j.vendor !== c.vendor);
    if (others.length === 0) ownVendor.push(c.letter);
    for (const j of others.length > 0 ? others : judges) assignment.get(j.agent).push(c.letter);
  }
  const keep = candidates.length > 1 ? (letters) => letters.length >= 2 : (letters) => letters.length > 0;
  for (const [judge, letters] of assignment) if (!keep(letters)) assignment.delete(judge);
  if (assignment.size === 0 && candidates.length > 1) {
    for (const j of judges)
      assignment.set(
        j.agent,
        candidates.map((c) => c.letter)
      );
    ownVendor.splice(
      0,
      ownVendor.length,
      ...candidates.filter((c) => judges.some((j) => j.vendor === c.vendor)).map((c) => c.letter)
    );
  }
  for (const judge of candidates.length === 1 ? [...assignment.keys()].slice(1) : []) assignment.delete(judge);
  return { assignment, ownVendor };
}
async function judgeAnswers(input) {
  const { assignment, ownVendor } = assignAnswers(input.judges, input.candidates);
  const byLetter = new Map(input.candidates.map((c) => [c.letter, c]));
  const jobs = [...assignment].flatMap(([judge, letters]) => {
    const shown = letters.map((l) => byLetter.get(l));
    const orders = shown.length > 1 ? [
      ["shown", shown],
      ["reversed", [...shown].reverse()]
    ] : [["shown", shown]];
    return orders.map(async ([order, answers]) => {
      const run = await input.runner.run({
        agent: judge,
        prompt: buildReviewerPrompt(
          input.issue,
          answers.map(({ letter, text }) => ({ letter, text }))
        ),
        mode: "read-only",
        role: "reviewer",
        onStart: () => input.onStart(judge)
      });
      return {
        judge,
        order,
        run,
        ...run.status === "success" ? {
          review: parseReview(
            run.answer,
            answers.map((a) => a.letter)
          )
        } : {}
      };
    });
  });
  const runs = await Promise.all(jobs);
  const rankings = runs.flatMap((r) => {
    if (!r.review || r.review.ranking.length === 0) return [];
    const shown = assignment.get(r.judge);
    return [
      {
        judge: r.judge,
        shown: r.order === "shown" ? shown : [...shown].reverse(),
        ranked: r.review.ranking.map((x) => x.letter)
      }
    ];
  });
  return {
    runs,
    rankings,
    aggregate: aggregateRankings(
      input.candidates.map((c) => c.letter),
      rankings
    ),
    assignment,
    ownVendor
  };
}
function preferencePair(j) {
  const ranked = j.aggregate.rows.filter((r) => r.seenBy > 0);
  if (j.rankings.length === 0 || ranked.length < 2) return { none: "ranked fewer than two answers" };
  if (j.rankings.length < 2) return { none: "only one of the two orders was ranked, so the pair was dropped" };
  const best = ranked[0].letter;
  const worst = ranked.at(-1).letter;
  if (pairVerdict(best, worst, j.rankings) !== -1)
    return { none: "the two orders disagreed on which answer is better (position bias), so the pair was dropped" };
  const agreeing = j.rankings.filter((r) => r.shown.includes(best) && r.shown.includes(worst)).length;
  return { best, worst, agreeing };
}
function describeJudging(j) {
  const judges = [...j.assignment].map(([judge, letters]) => `${judge} (answers ${letters.join(", ")})`).join("; ");
  const counted = j.rankings.length;
  const parts = [
    `Each judge ranked the answers it was given twice, the second time in reverse order, so that an answer's position cannot decide its rank; the ${counted === 1 ? "one ranking that came back was" : `${counted} rankings that came back were`} combined by Borda count.`,
    "Where the rankings disagree on a pair of answers, the pair is shown as a tie with low confidence.",
    `Judges: ${judges || "none"}. A judge does not rank an answer of its own vendor's CLI when another judge can.`,
    "Judges were told not to prefer an answer for its length; the table shows each answer's length."
  ];
  if (j.ownVendor.length > 0)
    parts.push(
      `No judge of another vendor was available for answer${j.ownVendor.length === 1 ? "" : "s"} ${j.ownVendor.join(", ")}.`
    );
  return parts.join(" ");
}

export {
  vendorOf,
  judgeAnswers,
  preferencePair,
  describeJudging
};
