// Grouping findings across agents, the judge's prompt and verdicts, and what goes inline.
import { describe, expect, it } from 'vitest';
import { commentableLines, parsePatch } from '../../../../src/pipelines/pr-review/diff.js';
import type { Finding } from '../../../../src/pipelines/pr-review/findings.js';
import { type AgentFinding, groupFindings, similarity } from '../../../../src/pipelines/pr-review/grouping.js';
import { buildJudgePrompt, parseVerdicts } from '../../../../src/pipelines/pr-review/judge.js';
import type { PullRequestData } from '../../../../src/pipelines/pr-review/pull-request.js';
import {
  agreedSuggestion,
  DEFAULT_SELECTION,
  placeGroups,
  reviewEvent,
  type SelectionContext,
} from '../../../../src/pipelines/pr-review/selection.js';

const f = (agent: string, over: Partial<Finding>): AgentFinding => ({
  agent,
  finding: {
    path: 'src/list.ts',
    line: 4,
    severity: 'high',
    title: 'Off-by-one skips the last item',
    body: 'The loop stops one item early, so the last item is never drawn.',
    ...over,
  },
});

const PATCH =
  '@@ -2,5 +2,5 @@\n const list = items;\n if (!list) return;\n-for (i < n - 1)\n+for (i < n)\n   draw(list[i]);\n }';
const PULL: PullRequestData = {
  repository: 'acme/widgets',
  number: 12,
  title: 'Fix render',
  body: 'Fixes it.',
  url: '',
  baseRef: 'main',
  baseSha: 'b'.repeat(40),
  headSha: 'a'.repeat(40),
  files: [{ path: 'src/list.ts', status: 'modified', patch: PATCH }],
};

describe('groupFindings', () => {
  it('same file, overlapping lines, similar wording: one group naming both agents, highest severity', () => {
    const groups = groupFindings([
      f('claude', {}),
      f('gemini', {
        line: 3,
        endLine: 4,
        severity: 'medium',
        title: 'Last item skipped by off-by-one loop bound',
        body: 'i < length - 1 skips the last item.',
      }),
      f('codex', { path: 'src/other.ts', line: 4 }),
    ]);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({
      id: 'G1',
      path: 'src/list.ts',
      severity: 'high',
      agents: ['claude', 'gemini'],
      line: 4,
      endLine: 4,
    });
    expect(groups[0]!.lead.agent).toBe('claude');
    expect(groups[1]).toMatchObject({ id: 'G2', path: 'src/other.ts', agents: ['codex'] });
  });

  it('different problems on the same line stay apart; near lines need closer wording', () => {
    const groups = groupFindings([
      f('claude', {}),
      f('gemini', { title: 'Typo in variable name', body: 'Spelling: lsit instead of list.' }),
    ]);
    expect(groups).toHaveLength(2);
    // Five lines apart: never one group, however alike.
    expect(groupFindings([f('claude', {}), f('gemini', { line: 9 })])).toHaveLength(2);
    expect(groupFindings([f('claude', {}), f('gemini', { line: 7 })])).toHaveLength(1);
  });

  it('similarity is a cosine of word counts: 1 for the same words, 0 for none shared', () => {
    const a = f('x', {}).finding;
    expect(similarity(a, a)).toBeCloseTo(1);
    expect(similarity(a, { ...a, title: 'Unrelated', body: 'Totally different wording here.' })).toBe(0);
  });

  it('orders groups most severe first, then by agreement', () => {
    const groups = groupFindings([
      f('a', { path: 'z.ts', severity: 'low' }),
      f('b', { path: 'y.ts', severity: 'critical' }),
    ]);
    expect(groups.map((g) => g.severity)).toEqual(['critical', 'low']);
  });
});

describe('the judge', () => {
  const groups = groupFindings([
    f('claude', {}),
    f('gemini', { path: 'src/other.ts', title: 'Missing null check', body: 'x may be null.' }),
  ]);

  it('sees the groups without agent names, with the lines they are about, fenced as data', () => {
    const prompt = buildJudgePrompt(PULL, groups, new Map([['src/list.ts', parsePatch(PATCH)]]), 'BOUNDARY');
    expect(prompt).not.toMatch(/claude|gemini/);
    expect(prompt).toContain('#### G1 · src/list.ts · line 4 · high');
    expect(prompt).toContain('   4 + for (i < n)');
    expect(prompt).toContain('These lines are not in the diff.');
    expect(prompt).toContain('<<<BOUNDARY');
    expect(prompt).toContain('BOUNDARY>>>');
    expect(prompt).toContain('The GitHub pull request #12 of acme/widgets follows');
    expect(prompt).toContain('with one entry for every group (G1, G2)');
  });

  it('reads verdicts leniently and ignores unknown groups, verdicts and repeats', () => {
    const answer = [
      'Thinking…',
      '```ai-orchestra-verdicts',
      '{"verdicts": [{"group": "g1", "verdict": "Invalid", "reason": "The loop\\n  is right."}, {"group": "G1", "verdict": "valid"},',
      ' {"group": "G9", "verdict": "valid"}, {"group": "G2", "verdict": "maybe"},]}',
      '```',
    ].join('\n');
    expect(parseVerdicts(answer, ['G1', 'G2'])).toEqual(
      new Map([['G1', { verdict: 'invalid', reason: 'The loop is right.' }]]),
    );
    expect(parseVerdicts('no block', ['G1']).size).toBe(0);
    expect(
      parseVerdicts('```ai-orchestra-verdicts\n[{"group": "G1", "verdict": "unsure"}]\n```', ['G1']).get('G1'),
    ).toEqual({ verdict: 'unsure', reason: '' });
  });
});

describe('placeGroups', () => {
  const context = (over: Partial<SelectionContext> = {}): SelectionContext => ({
    commentable: new Map([['src/list.ts', commentableLines(parsePatch(PATCH))]]),
    verdicts: new Map(),
    reviewersOf: () => 3,
    ...over,
  });

  it('two of three agents agree: inline; one alone: body, with the reason', () => {
    const groups = groupFindings([
      f('claude', {}),
      f('gemini', {}),
      f('codex', { line: 2, title: 'Unused variable', body: 'list is redundant.' }),
    ]);
    const placed = placeGroups(groups, context(), DEFAULT_SELECTION);
    expect(placed.map((p) => [p.group.agents, p.placement, p.why])).toEqual([
      [['claude', 'gemini'], 'inline', undefined],
      [['codex'], 'body', 'found by 1 agent, 2 needed to agree'],
    ]);
  });

  it('one agent suffices when only one reviewed the file (one answered, or the diff was split)', () => {
    const placed = placeGroups(groupFindings([f('claude', {})]), context({ reviewersOf: () => 1 }), DEFAULT_SELECTION);
    expect(placed[0]!.placement).toBe('inline');
  });

  it('judged invalid, below min-severity, or outside the diff: body', () => {
    const groups = groupFindings([f('claude', {}), f('gemini', {})]);
    const invalid = placeGroups(
      groups,
      context({ verdicts: new Map([['G1', { verdict: 'invalid', reason: 'the loop is right' }]]) }),
      DEFAULT_SELECTION,
    );
    expect(invalid[0]).toMatchObject({ placement: 'body', why: 'judged invalid: the loop is right' });
    const unsure = placeGroups(
      groups,
      context({ verdicts: new Map([['G1', { verdict: 'unsure', reason: '' }]]) }),
      DEFAULT_SELECTION,
    );
    expect(unsure[0]!.placement).toBe('inline');
    const low = placeGroups(
      groupFindings([f('claude', { severity: 'low' }), f('gemini', { severity: 'nit' })]),
      context(),
      DEFAULT_SELECTION,
    );
    expect(low[0]).toMatchObject({ placement: 'body', why: 'low, below min-severity (medium)' });
    expect(
      placeGroups(
        low.map((p) => p.group),
        context(),
        { ...DEFAULT_SELECTION, minSeverity: 'low' },
      )[0]!.placement,
    ).toBe('inline');
    const outside = placeGroups(
      groupFindings([f('claude', { line: 40 }), f('gemini', { line: 40 })]),
      context(),
      DEFAULT_SELECTION,
    );
    expect(outside[0]).toMatchObject({ placement: 'body', why: 'its lines are not in the diff' });
  });

  it('a committable suggestion only when every agent suggested the same text for the same lines', () => {
    const same = groupFindings([
      f('claude', { suggestion: 'for (i < n)  ' }),
      f('gemini', { suggestion: 'for (i < n)' }),
    ]);
    expect(agreedSuggestion(same[0]!)).toBe('for (i < n)');
    expect(placeGroups(same, context(), DEFAULT_SELECTION)[0]!.suggestion).toBe('for (i < n)');
    expect(
      agreedSuggestion(groupFindings([f('claude', { suggestion: 'a' }), f('gemini', { suggestion: 'b' })])[0]!),
    ).toBeUndefined();
    expect(agreedSuggestion(groupFindings([f('claude', { suggestion: 'a' }), f('gemini', {})])[0]!)).toBeUndefined();
    expect(
      agreedSuggestion(
        groupFindings([f('claude', { suggestion: 'a' }), f('gemini', { suggestion: 'a', endLine: 5 })])[0]!,
      ),
    ).toBeUndefined();
  });

  it('the event is COMMENT, and REQUEST_CHANGES only when asked and an inline comment is critical', () => {
    const critical = placeGroups(
      groupFindings([f('claude', { severity: 'critical' }), f('gemini', {})]),
      context(),
      DEFAULT_SELECTION,
    );
    expect(reviewEvent(critical, DEFAULT_SELECTION)).toBe('COMMENT');
    expect(reviewEvent(critical, { ...DEFAULT_SELECTION, requestChangesOnCritical: true })).toBe('REQUEST_CHANGES');
    const bodyOnly = placeGroups(groupFindings([f('claude', { severity: 'critical' })]), context(), DEFAULT_SELECTION);
    expect(reviewEvent(bodyOnly, { ...DEFAULT_SELECTION, requestChangesOnCritical: true })).toBe('COMMENT');
  });
});
