// Row builders and the validator: the exact shapes trainers accept, and line-numbered reasons when a line is not one.
import { describe, expect, it } from 'vitest';
import {
  datasetBaseName,
  datasetFileNames,
  dpoRow,
  openAiChatRow,
  toJsonl,
  trlSftRow,
} from '../../../src/dataset/formats.js';
import { validateJsonl, validateRow } from '../../../src/dataset/validate.js';

const example = {
  system: 'You are terse.',
  user: 'Why does render([]) throw?',
  answer: 'Because items[0] is undefined.',
};
const pair = { user: 'Why does render([]) throw?', chosen: 'Guard the empty list.', rejected: 'Wrap it in try/catch.' };
const msg = (role: string, content: string): { role: string; content: string } => ({ role, content });

describe('row builders', () => {
  it('build exactly the documented shapes, keys in the documented order', () => {
    expect(JSON.stringify(openAiChatRow(example))).toBe(
      '{"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Why does render([]) throw?"},{"role":"assistant","content":"Because items[0] is undefined."}]}',
    );
    expect(JSON.stringify(trlSftRow(example))).toBe(
      '{"prompt":[{"role":"system","content":"You are terse."},{"role":"user","content":"Why does render([]) throw?"}],"completion":[{"role":"assistant","content":"Because items[0] is undefined."}]}',
    );
    expect(JSON.stringify(dpoRow(pair))).toBe(
      '{"prompt":[{"role":"user","content":"Why does render([]) throw?"}],"chosen":[{"role":"assistant","content":"Guard the empty list."}],"rejected":[{"role":"assistant","content":"Wrap it in try/catch."}]}',
    );
  });

  it('produce rows the validator accepts', () => {
    expect(validateRow('openai-chat', openAiChatRow(example))).toBeUndefined();
    expect(validateRow('trl-sft', trlSftRow(example))).toBeUndefined();
    expect(validateRow('dpo', dpoRow(pair))).toBeUndefined();
  });

  it('toJsonl writes one compact line per value, each ending in a newline', () => {
    expect(toJsonl([{ a: 'x\ny' }, { b: 2 }])).toBe('{"a":"x\\ny"}\n{"b":2}\n');
    expect(toJsonl([])).toBe('');
  });

  it('names files by repository and issue, safely', () => {
    expect(datasetBaseName('acme/widgets', 42)).toBe('acme-widgets-issue-42');
    expect(datasetBaseName('../../etc', 1)).toBe('etc-issue-1');
    expect(datasetBaseName('', 3)).toBe('repository-issue-3');
    expect(datasetFileNames('acme-widgets-issue-42', 'dpo')).toEqual({
      data: 'acme-widgets-issue-42.dpo.jsonl',
      meta: 'acme-widgets-issue-42.dpo.meta.jsonl',
    });
  });
});

describe('validateRow', () => {
  it.each([
    [
      'openai-chat',
      { messages: [msg('user', 'q'), msg('assistant', 'a')], id: 'x' },
      'row: unexpected key "id" (allowed: messages)',
    ],
    ['openai-chat', {}, 'row: missing key messages'],
    ['openai-chat', [], 'a row must be a JSON object, not an array'],
    ['openai-chat', { messages: [] }, 'messages must not be empty'],
    [
      'openai-chat',
      { messages: [msg('user', 'q'), msg('bot', 'a')] },
      'messages[1].role must be "system", "user" or "assistant", not "bot"',
    ],
    ['openai-chat', { messages: [msg('user', 'q'), msg('assistant', '  ')] }, 'messages[1].content is empty'],
    [
      'openai-chat',
      { messages: [msg('user', 'q'), { role: 'assistant', content: 5 }] },
      'messages[1].content must be a string, not a number',
    ],
    [
      'openai-chat',
      { messages: [msg('user', 'q'), msg('system', 's'), msg('assistant', 'a')] },
      'messages[1]: a system message may only come first',
    ],
    [
      'openai-chat',
      { messages: [msg('system', 's'), msg('user', 'q')] },
      'messages must end with an assistant message',
    ],
    ['openai-chat', { messages: [msg('system', 's'), msg('assistant', 'a')] }, 'messages has no user message'],
    [
      'openai-chat',
      { messages: [msg('user', 'q'), { role: 'assistant', content: 'a', weight: 2 }] },
      'messages[1].weight must be 0 or 1, on assistant messages only',
    ],
    [
      'openai-chat',
      { messages: [msg('user', 'q'), msg('assistant', 'broken \ud800 half')] },
      'messages[1].content has an unpaired surrogate (not valid UTF-8 once written)',
    ],
    [
      'trl-sft',
      { prompt: [msg('user', 'q')], completion: [msg('assistant', 'a')], messages: [] },
      'row: unexpected key "messages" (allowed: prompt, completion)',
    ],
    [
      'trl-sft',
      {
        prompt: [msg('user', 'q'), { role: 'assistant', content: 'a', weight: 1 }],
        completion: [msg('assistant', 'a')],
      },
      'prompt[1]: unexpected key "weight" (allowed: role, content)',
    ],
    [
      'trl-sft',
      { prompt: [msg('system', 's')], completion: [msg('assistant', 'a')] },
      'prompt must end with a user message',
    ],
    [
      'trl-sft',
      { prompt: [msg('user', 'q')], completion: [msg('user', 'a')] },
      'completion must hold assistant messages only',
    ],
    [
      'trl-sft',
      { prompt: 'q', completion: [msg('assistant', 'a')] },
      'prompt must be an array of messages, not a string',
    ],
    ['dpo', { prompt: [msg('user', 'q')], chosen: [msg('assistant', 'a')] }, 'row: missing key rejected'],
    [
      'dpo',
      { prompt: [msg('user', 'q')], chosen: [msg('assistant', 'a')], rejected: [msg('assistant', 'a')] },
      'chosen and rejected are identical',
    ],
    [
      'dpo',
      { prompt: [msg('user', 'q')], chosen: [msg('assistant', 'a')], rejected: [msg('system', 'b')] },
      'rejected must hold assistant messages only',
    ],
  ] as const)('%s: %j → %s', (format, row, message) => {
    expect(validateRow(format, row)).toBe(message);
  });

  it('accepts multi-turn conversations and OpenAI’s name and weight keys', () => {
    const turns = [
      msg('system', 's'),
      msg('user', 'q1'),
      { role: 'assistant', content: 'a1', weight: 0 },
      { role: 'user', content: 'q2', name: 'ann' },
      msg('assistant', 'a2'),
    ];
    expect(validateRow('openai-chat', { messages: turns })).toBeUndefined();
    expect(
      validateRow('trl-sft', {
        prompt: [msg('user', 'q1'), msg('assistant', 'a1'), msg('user', 'q2')],
        completion: [msg('assistant', 'a2')],
      }),
    ).toBeUndefined();
  });
});

describe('validateJsonl', () => {
  const good = JSON.stringify(openAiChatRow(example));

  it('counts valid rows and tolerates the final newline and CRLF line ends', () => {
    expect(validateJsonl(`${good}\n${good}\n`, 'openai-chat')).toEqual({
      valid: 2,
      rows: 2,
      invalid: 0,
      errors: [],
      moreErrors: false,
    });
    expect(validateJsonl(`${good}\r\n${good}`, 'openai-chat').valid).toBe(2);
  });

  it('names the first invalid lines by number, blank lines and JSON errors included', () => {
    const report = validateJsonl(`${good}\n\nnot json\n{"messages":[]}\n${good}\n`, 'openai-chat');
    expect(report).toMatchObject({ valid: 2, rows: 4, invalid: 3, moreErrors: false });
    expect(report.errors.map((e) => [e.line, e.message.split(':')[0]])).toEqual([
      [2, 'blank line'],
      [3, 'not JSON'],
      [4, 'messages must not be empty'],
    ]);
  });

  it('stops listing at maxErrors but keeps counting', () => {
    const report = validateJsonl('x\ny\nz\n', 'dpo', 2);
    expect(report.errors.map((e) => e.line)).toEqual([1, 2]);
    expect(report).toMatchObject({ invalid: 3, moreErrors: true });
  });

  it('a line valid for one format is invalid for another', () => {
    expect(validateJsonl(`${JSON.stringify(dpoRow(pair))}\n`, 'trl-sft').errors[0]?.message).toBe(
      'row: unexpected keys "chosen", "rejected" (allowed: prompt, completion)',
    );
  });
});
