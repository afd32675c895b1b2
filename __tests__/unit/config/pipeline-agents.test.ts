import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse.js';
import { pipelineAgentNames, staleAfterMs } from '../../../src/config/pipeline-agents.js';

const config = parseConfig(
  `
agents:
  claude: { cli: claude, timeout: 600 }
  gemini: { cli: gemini, timeout: 300 }
  codex: { cli: codex, timeout: 120 }
  slow: { command: [slow-model], timeout: 3000 }
pipelines:
  ai-review:
    agents: [gemini, codex]
    reviewer: codex
  relay-pipeline:
    stages:
      - { name: implement, agent: claude, write: true, pass: [DONE] }
      - { name: test, agent: gemini, run: [npm, test], run-timeout: 900, pass: [PASS] }
  persona-data:
    formats: [openai-chat]
    personas:
      - { name: architect, agent: slow, style: Design first., focus: [design] }
settings:
  kill-grace: 5
`,
  'test.yml',
);

describe('staleAfterMs: how long a silent status comment of another run still holds the issue', () => {
  it('counts only the agents of the claiming pipeline, plus the kill grace and a minute', () => {
    // ai-review uses gemini (300 s) and codex: not the relay's 900 s test command, nor the persona's slow agent.
    expect(staleAfterMs(config, 'ai-review')).toBe((300 + 5 + 60) * 1_000);
    expect(staleAfterMs(config, 'persona-data')).toBe((3000 + 5 + 60) * 1_000);
  });

  it('a relay stage counts its agent and its run command, which follow each other', () => {
    expect(staleAfterMs(config, 'relay-pipeline')).toBe((300 + 900 + 5 + 60) * 1_000);
  });
});

describe('pipelineAgentNames', () => {
  it('lists each agent a pipeline runs once: answerers and reviewer, stages, or personas', () => {
    expect(pipelineAgentNames(config, 'ai-review')).toEqual(['gemini', 'codex']);
    expect(pipelineAgentNames(config, 'relay-pipeline')).toEqual(['claude', 'gemini']);
    expect(pipelineAgentNames(config, 'persona-data')).toEqual(['slow']);
  });
});
