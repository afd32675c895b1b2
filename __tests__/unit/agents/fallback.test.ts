// withFallbacks: a provider failure hands the slot to the first fallback that is not failing; one answer per slot.
import { describe, expect, it } from 'vitest';
import { slotOf, withFallbacks } from '../../../src/agents/fallback.js';
import type { AgentRun, AgentRunner, AgentRunRequest, AgentSpec } from '../../../src/agents/types.js';
import { makeAgentRun } from '../builders.js';

/** Each agent answers, or fails with the given error (as the adapters word a provider failure). */
class ScriptedRunner implements AgentRunner {
  readonly calls: string[] = [];
  constructor(private readonly failures: Record<string, Partial<AgentRun>>) {}
  async run(request: AgentRunRequest): Promise<AgentRun> {
    this.calls.push(request.agent);
    const failure = this.failures[request.agent];
    if (!failure)
      return makeAgentRun({ agent: request.agent, role: request.role, answer: `answer of ${request.agent}` });
    return makeAgentRun({
      agent: request.agent,
      role: request.role,
      status: 'failure',
      answer: '',
      exitCode: 1,
      outputTail: '',
      ...failure,
    });
  }
}

const spec = (name: string, fallback?: string[]): AgentSpec => ({
  name,
  cli: 'claude',
  args: [],
  env: {},
  passEnv: [],
  timeoutSec: 60,
  ...(fallback ? { fallback } : {}),
});
const agents = { claude: spec('claude', ['codex', 'gemini']), codex: spec('codex'), gemini: spec('gemini') };
const ask = (agent: string): AgentRunRequest => ({ agent, prompt: 'p', mode: 'read-only', role: 'answer' });

describe('withFallbacks', () => {
  it('answers with the first fallback when the agent hits a rate limit, and says in whose place and why', async () => {
    const inner = new ScriptedRunner({
      claude: { error: 'claude failed (exit code 0): API error status 429; API Error: Rate limit reached' },
    });
    const run = await withFallbacks(inner, agents).run(ask('claude'));
    expect(inner.calls).toEqual(['claude', 'codex']);
    expect(run).toMatchObject({
      agent: 'codex',
      status: 'success',
      inPlaceOf: { agent: 'claude', reason: 'claude: a rate limit or quota was reached' },
    });
    expect(run.replaced?.map((r) => [r.agent, r.providerFailure])).toEqual([['claude', 'rate-limit']]);
    expect(slotOf(run)).toBe('claude');
  });

  it('skips a fallback that already failed for a provider reason in this run', async () => {
    const inner = new ScriptedRunner({
      claude: { error: 'HTTP 401 Unauthorized' },
      codex: { error: 'unexpected status 401 Unauthorized' },
    });
    const runner = withFallbacks(inner, agents);
    await runner.run(ask('codex'));
    const run = await runner.run(ask('claude'));
    expect(inner.calls).toEqual(['codex', 'claude', 'gemini']);
    expect(run).toMatchObject({ agent: 'gemini', inPlaceOf: { agent: 'claude' } });
  });

  it("returns the agent's own failure with every fallback's when the chain runs out", async () => {
    const inner = new ScriptedRunner({
      claude: { error: 'claude failed: fetch failed' },
      codex: { status: 'timeout', error: 'timed out after 60 s' },
      gemini: { error: 'The server had an error while processing your request (HTTP 500)' },
    });
    const run = await withFallbacks(inner, agents).run(ask('claude'));
    expect(inner.calls).toEqual(['claude', 'codex', 'gemini']);
    expect(run).toMatchObject({ agent: 'claude', status: 'failure', providerFailure: 'unreachable' });
    expect(run.error).toBe(
      'claude failed: fetch failed; no fallback could answer in its place: codex (it timed out), gemini (the provider had a server error)',
    );
    expect(run.replaced?.map((r) => r.agent)).toEqual(['codex', 'gemini']);
  });

  it("does not fall back for a failure that is not the provider's, nor without a fallback list", async () => {
    const inner = new ScriptedRunner({
      claude: { error: "error: unknown option '--bogus'" },
      codex: { error: 'HTTP 429 Too Many Requests' },
    });
    const runner = withFallbacks(inner, agents);
    expect(await runner.run(ask('claude'))).toMatchObject({ agent: 'claude', status: 'failure' });
    expect(await runner.run(ask('codex'))).toMatchObject({ agent: 'codex', providerFailure: 'rate-limit' });
    expect(inner.calls).toEqual(['claude', 'codex']);
  });
});
