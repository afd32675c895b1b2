// The lenient reader of an agent's findings block.
import { describe, expect, it } from 'vitest';
import {
  FINDING_LIMITS,
  fencedBlocks,
  normalizePath,
  parseFindings,
} from '../../../../src/pipelines/pr-review/findings.js';

const block = (json: string, fence = '```'): string => `${fence}ai-orchestra-findings\n${json}\n${fence}`;
const one = {
  path: 'src/a.ts',
  line: 42,
  end_line: 44,
  severity: 'high',
  title: 'Off by one',
  body: 'The loop skips the last item.',
  suggestion: 'for (let i = 0; i <= n; i++) {\n',
};

describe('parseFindings', () => {
  it('reads the documented form, trailing prose included', () => {
    const answer = `I looked at it.\n\n${block(JSON.stringify({ summary: 'Looks fine mostly.', findings: [one] }))}\n\nHope this helps!`;
    const parsed = parseFindings(answer);
    expect(parsed).toEqual({
      kind: 'findings',
      summary: 'Looks fine mostly.',
      dropped: [],
      findings: [
        {
          path: 'src/a.ts',
          line: 42,
          endLine: 44,
          severity: 'high',
          title: 'Off by one',
          body: 'The loop skips the last item.',
          suggestion: 'for (let i = 0; i <= n; i++) {',
        },
      ],
    });
  });

  it('the last valid block wins; an example block before it does not count', () => {
    const example = block(
      '{"summary": "example", "findings": [{"path": "x", "line": 1, "severity": "nit", "title": "t"}]}',
    );
    const real = block(JSON.stringify({ summary: 'real', findings: [] }));
    const parsed = parseFindings(`Form:\n${example}\nMine:\n${real}`);
    expect(parsed.kind === 'findings' && parsed.summary).toBe('real');
  });

  it('a broken last block falls back to the last one that parses', () => {
    const good = block(JSON.stringify({ summary: 'good', findings: [one] }));
    const parsed = parseFindings(`${good}\n${block('{"summary": "oops", "findings": [')}`);
    expect(parsed.kind === 'findings' && parsed.summary).toBe('good');
  });

  it('no block, or no block that parses, is prose with a reason', () => {
    expect(parseFindings('Just some thoughts about the code.')).toEqual({
      kind: 'prose',
      reason: 'no ai-orchestra-findings block',
    });
    const bad = parseFindings(block('{not json'));
    expect(bad.kind).toBe('prose');
    expect(bad.kind === 'prose' && bad.reason).toMatch(/not valid JSON/);
    expect(parseFindings(block('{"summary": "no list"}'))).toEqual({
      kind: 'prose',
      reason: 'its ai-orchestra-findings block has no "findings" list',
    });
    expect(parseFindings(block('[1, 2]')).kind).toBe('prose');
    // A ```json block is not ours.
    expect(parseFindings('```json\n{"summary": "", "findings": []}\n```').kind).toBe('prose');
  });

  it('forgives trailing commas, tildes, longer fences, an unclosed last fence and numbers as strings', () => {
    expect(
      parseFindings(
        block('{"summary": "s", "findings": [{"path": "a", "line": "3", "severity": "LOW", "title": "t",},],}', '~~~'),
      ).kind,
    ).toBe('findings');
    const long = parseFindings('````ai-orchestra-findings\n{"summary": "has ``` inside", "findings": []}\n````');
    expect(long.kind === 'findings' && long.summary).toBe('has ``` inside');
    const unclosed = parseFindings('```ai-orchestra-findings\n{"summary": "cut", "findings": []}');
    expect(unclosed.kind === 'findings' && unclosed.summary).toBe('cut');
    const low = parseFindings(
      block('{"summary": "", "findings": [{"path": "a", "line": "3", "severity": "LOW", "title": "t"}]}'),
    );
    expect(low.kind === 'findings' && low.findings[0]).toMatchObject({ line: 3, severity: 'low' });
  });

  it('drops entries it cannot use and says why; keeps the rest', () => {
    const parsed = parseFindings(
      block(
        JSON.stringify({
          summary: '',
          findings: [
            one,
            'text',
            { line: 1, severity: 'high', title: 't' },
            { path: 'a', line: 0, severity: 'high', title: 't' },
            { path: 'a', line: 2, severity: 'blocker', title: 't' },
            { path: 'a', line: 2, severity: 'nit' },
          ],
        }),
      ),
    );
    expect(parsed.kind === 'findings' && parsed.findings).toHaveLength(1);
    expect(parsed.kind === 'findings' && parsed.dropped).toEqual([
      'finding 2: not an object',
      'finding 3: no path',
      'finding 4 (a): line is not a positive integer',
      'finding 5 (a:2): severity "blocker" is not one of critical, high, medium, low, nit',
      'finding 6 (a:2): no title and no body',
    ]);
  });

  it('an end_line not after line is left out; a missing title is taken from the body', () => {
    const parsed = parseFindings(
      block(
        JSON.stringify({
          summary: '',
          findings: [{ path: 'a', line: 5, end_line: 5, severity: 'nit', body: 'First line.\nSecond.' }],
        }),
      ),
    );
    expect(parsed.kind === 'findings' && parsed.findings[0]).toEqual({
      path: 'a',
      line: 5,
      severity: 'nit',
      title: 'First line.',
      body: 'First line.\nSecond.',
    });
  });

  it('caps findings per agent and the length of texts', () => {
    const many = Array.from({ length: FINDING_LIMITS.perAgent + 5 }, (_, i) => ({
      path: 'a',
      line: i + 1,
      severity: 'nit',
      title: 'x'.repeat(500),
      body: 'b',
    }));
    const parsed = parseFindings(block(JSON.stringify({ summary: 's'.repeat(10_000), findings: many })));
    if (parsed.kind !== 'findings') throw new Error('expected findings');
    expect(parsed.findings).toHaveLength(FINDING_LIMITS.perAgent);
    expect(parsed.dropped).toHaveLength(5);
    expect(parsed.findings[0]!.title.length).toBe(FINDING_LIMITS.title);
    expect(parsed.summary.length).toBe(FINDING_LIMITS.summary);
  });

  it('reads diff-style and relative paths as the changed file', () => {
    const known = new Set(['src/a.ts']);
    expect(normalizePath('b/src/a.ts', known)).toBe('src/a.ts');
    expect(normalizePath('./src/a.ts', known)).toBe('src/a.ts');
    expect(normalizePath('/src/a.ts')).toBe('src/a.ts');
    // Not a diff prefix when the file really is called so.
    expect(normalizePath('b/x.ts', new Set(['b/x.ts']))).toBe('b/x.ts');
  });
});

describe('fencedBlocks', () => {
  it('skips other blocks, including one that contains our info string inside it', () => {
    const text = '````md\n```ai-orchestra-findings\n{}\n```\n````\n```ai-orchestra-findings\n{"a": 1}\n```';
    expect(fencedBlocks(text, 'ai-orchestra-findings')).toEqual(['{"a": 1}']);
  });
});
