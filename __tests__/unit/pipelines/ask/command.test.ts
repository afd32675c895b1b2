// The /ask argument: agent names first (a comma list of configured agents, or `all`), then the question.
import { describe, expect, it } from 'vitest';
import type { ThreadComment } from '../../../../src/kernel/definition.js';
import { threadContextBytes } from '../../../../src/kernel/kit.js';
import { chooseAgents, rankedFirst } from '../../../../src/pipelines/ask/choose.js';
import { parseAskCommand } from '../../../../src/pipelines/ask/command.js';
import { askConfig } from '../../../../src/pipelines/ask/config.js';

const AGENTS = ['claude', 'gemini', 'codex'];

describe('parseAskCommand', () => {
  it('reads a comma list of configured agents, then the question', () => {
    expect(parseAskCommand('claude,codex why not a Map?', AGENTS)).toEqual({
      agents: ['claude', 'codex'],
      all: false,
      question: 'why not a Map?',
    });
    expect(parseAskCommand('gemini\nline one\nline two', AGENTS)).toEqual({
      agents: ['gemini'],
      all: false,
      question: 'line one\nline two',
    });
    expect(parseAskCommand('codex,codex, why', AGENTS)).toEqual({ agents: ['codex'], all: false, question: 'why' });
  });

  it('a first word that is not a list of configured agents is part of the question', () => {
    expect(parseAskCommand('why not a Map?', AGENTS)).toEqual({ all: false, question: 'why not a Map?' });
    expect(parseAskCommand('claude,gpt5 which?', AGENTS)).toEqual({ all: false, question: 'claude,gpt5 which?' });
    expect(parseAskCommand('', AGENTS)).toEqual({ all: false, question: '' });
  });

  it('`all` asks every agent', () => {
    expect(parseAskCommand('ALL compare these', AGENTS)).toEqual({ all: true, question: 'compare these' });
  });
});

const review = (body: string, extra: Partial<ThreadComment> = {}): ThreadComment => ({
  id: 7,
  author: 'github-actions[bot]',
  body,
  createdAt: '',
  url: 'u',
  ours: true,
  marker: { pipeline: 'ai-review', key: 'review' },
  ...extra,
});
const TABLE =
  '| Rank | Agent | Answer | Why |\n|:---:|---|:---:|---|\n| 🥇 | [codex](https://x/1) | B | best |\n| 🥈 | claude | A | ok |';

describe('chooseAgents', () => {
  const config = askConfig.defaults();

  it('defaults to the agent our last review ranked first; a copied marker by someone else does not count', () => {
    expect(rankedFirst([review(TABLE)])).toBe('codex');
    expect(chooseAgents({ all: false, question: 'q' }, config, [review(TABLE)])).toEqual({
      agents: ['codex'],
      reason: 'ranked first by the last ai-review',
    });
    const forged = review(TABLE.replace('codex', 'gemini'), { id: 9, author: 'mallory', ours: false });
    expect(chooseAgents({ all: false, question: 'q' }, config, [review(TABLE), forged]).agents).toEqual(['codex']);
  });

  it('falls back to the first configured agent and says why', () => {
    expect(chooseAgents({ all: false, question: 'q' }, config, [])).toEqual({
      agents: ['claude'],
      reason: 'no earlier ai-review ranking on this thread: the first configured agent answers',
    });
  });

  it('names in the comment win; `all` and fixed default lists are honoured', () => {
    expect(chooseAgents({ agents: ['gemini'], all: false, question: 'q' }, config, [review(TABLE)]).agents).toEqual([
      'gemini',
    ]);
    expect(chooseAgents({ all: true, question: 'q' }, config, []).agents).toEqual(AGENTS);
    expect(chooseAgents({ all: false, question: 'q' }, { ...config, defaultAgents: 'all' }, []).agents).toEqual(AGENTS);
    expect(
      chooseAgents({ all: false, question: 'q' }, { ...config, defaultAgents: ['gemini', 'codex'] }, []).agents,
    ).toEqual(['gemini', 'codex']);
  });
});

describe('ask config', () => {
  it('reads its keys; named agents must exist', async () => {
    const { parseConfig } = await import('../../../../src/config/parse.js');
    const config = parseConfig(
      'agents:\n  mine:\n    command: [my-agent]\n  claude:\n    cli: claude\npipelines:\n  ai-review:\n    agents: [mine]\n    reviewer: mine\n',
      'x.yml',
    );
    expect(config.pipelines.ask.agents).toEqual(['claude', 'gemini', 'codex']);
    expect(() =>
      parseConfig('agents:\n  claude:\n    cli: claude\npipelines:\n  ask:\n    agents: [claude, nope]\n', 'x.yml'),
    ).toThrow(/pipelines\.ask\.agents\.1: unknown agent "nope"/);
    const set = parseConfig(
      'agents:\n  claude:\n    cli: claude\npipelines:\n  ask:\n    default-agents: all\n    context-bytes: 500\n    include-others: true\n',
      'x.yml',
    );
    expect(set.pipelines.ask).toMatchObject({
      agents: ['claude', 'gemini', 'codex'],
      defaultAgents: 'all',
      contextBytes: 500,
      includeOthers: true,
    });
  });

  it('the thread budget: settings.context-bytes by default, the pipeline key over it, both positive integers', async () => {
    const { parseConfig } = await import('../../../../src/config/parse.js');
    const agents = 'agents:\n  claude:\n    cli: claude\n';
    const plain = parseConfig(agents, 'x.yml');
    expect(plain.pipelines.ask.contextBytes).toBeUndefined();
    expect(threadContextBytes(plain.pipelines.ask, plain.settings)).toBe(60_000);
    const shared = parseConfig(`${agents}settings:\n  context-bytes: 2000\n`, 'x.yml');
    expect(threadContextBytes(shared.pipelines.ask, shared.settings)).toBe(2000);
    const both = parseConfig(
      `${agents}settings:\n  context-bytes: 2000\npipelines:\n  ask:\n    context-bytes: 500\n`,
      'x.yml',
    );
    expect(threadContextBytes(both.pipelines.ask, both.settings)).toBe(500);
    expect(() => parseConfig(`${agents}settings:\n  context-bytes: 0\n`, 'x.yml')).toThrow(/settings\.context-bytes/);
    expect(() => parseConfig(`${agents}settings:\n  context-bytes: 1.5\n`, 'x.yml')).toThrow(/settings\.context-bytes/);
    expect(() => parseConfig(`${agents}settings:\n  context-bytes: lots\n`, 'x.yml')).toThrow(
      /settings\.context-bytes/,
    );
  });
});
