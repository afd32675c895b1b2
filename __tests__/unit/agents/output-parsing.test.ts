// Tolerant JSON extraction shared by the adapters.
import { describe, expect, it } from 'vitest';
import { clip, extractJson, keepEnd, parseJsonLines, tailLines } from '../../../src/agents/output-parsing.js';

describe('extractJson', () => {
  it('parses a whole document', () => {
    expect(extractJson('  {"a":1}\n')).toEqual({ a: 1 });
  });

  it('finds a pretty-printed document between log lines, even after a bracketed log line', () => {
    const text = '[WARN] slow start\nLoaded cached credentials.\n{\n  "response": "hi"\n}\nbye';
    expect(extractJson(text)).toEqual({ response: 'hi' });
  });

  it('finds a one-line document among log lines', () => {
    expect(extractJson('starting {\n{"type":"result"}\nnot json }')).toEqual({ type: 'result' });
  });

  it('returns undefined for text without JSON', () => {
    expect(extractJson('')).toBeUndefined();
    expect(extractJson('hello {world}')).toBeUndefined();
  });
});

describe('parseJsonLines', () => {
  it('keeps JSON objects and skips everything else', () => {
    expect(parseJsonLines('{"a":1}\nnoise\n[1,2]\n{"b":\n{"c":3}\r\n')).toEqual([{ a: 1 }, { c: 3 }]);
  });
});

describe('tailLines and clip', () => {
  it('keeps the last lines', () => {
    expect(tailLines('1\n2\n3\n4\n5\n6\n7\n\n')).toBe('3\n4\n5\n6\n7');
  });

  it('clips long text', () => {
    expect(clip('x'.repeat(1005))).toBe(`${'x'.repeat(1000)}…`);
  });

  it('keeps only the end of one endless line, never half a surrogate pair', () => {
    expect(tailLines(`start ${'x'.repeat(5_000_000)} end`)).toBe(`…${'x'.repeat(996)} end`);
    expect(keepEnd(`ab${'😀'.repeat(3)}`, 5)).toBe('…😀😀');
  });
});
