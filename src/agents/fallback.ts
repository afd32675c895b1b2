// Answers with an agent's fallbacks (`agents.<name>.fallback`) when it fails for a provider reason: one answer per slot.
import { PROVIDER_REASON_TEXT, type ProviderReason, providerFailure } from './provider-failure.js';
import type { AgentRun, AgentRunner, AgentRunRequest, AgentSpec } from './types.js';

/** The agent whose slot a run fills: the one it answered in place of, or its own. */
export function slotOf(run: Pick<AgentRun, 'agent' | 'inPlaceOf'>): string {
  return run.inPlaceOf?.agent ?? run.agent;
}

/** "claude: a rate limit or quota was reached". */
function because(run: AgentRun, reason: ProviderReason): string {
  return `${run.agent}: ${PROVIDER_REASON_TEXT[reason]}`;
}

/**
 * Wraps a runner: when an agent fails for a provider reason, the first of its fallbacks not known to be failing in
 * this run answers in its place (marked `inPlaceOf`); when none can, the agent's own failed run comes back with the
 * chain's failures. Agents that already failed for a provider reason in this run are not tried again.
 */
export function withFallbacks(runner: AgentRunner, agents: Record<string, AgentSpec>): AgentRunner {
  const failing = new Map<string, ProviderReason>();
  const attempt = async (request: AgentRunRequest): Promise<{ run: AgentRun; reason?: ProviderReason }> => {
    const run = await runner.run(request);
    const reason = providerFailure(run);
    if (!reason) return { run };
    failing.set(run.agent, reason);
    return { run: { ...run, providerFailure: reason }, reason };
  };
  return {
    ...(runner.spec ? { spec: runner.spec.bind(runner) } : {}),
    ...(runner.plan ? { plan: runner.plan.bind(runner) } : {}),
    async run(request) {
      const first = await attempt(request);
      const chain = agents[request.agent]?.fallback ?? [];
      if (!first.reason || chain.length === 0) return first.run;
      const tried: AgentRun[] = [];
      const skipped: string[] = [];
      for (const name of chain) {
        const known = failing.get(name);
        if (known) {
          skipped.push(`${name} (${PROVIDER_REASON_TEXT[known]} earlier in this run)`);
          continue;
        }
        // Another CLI cannot resume this agent's session: without `resume` the caller sees it was not resumed.
        const next = await attempt({ ...request, agent: name, resume: undefined });
        if (next.run.status === 'success') {
          return {
            ...next.run,
            inPlaceOf: { agent: request.agent, reason: because(first.run, first.reason) },
            replaced: [first.run, ...tried],
          };
        }
        tried.push(next.run);
        // Cancelled or stopped for the budget: trying more agents would only spend more.
        if (next.run.status === 'cancelled' || next.run.status === 'budget') break;
      }
      const failures = [
        ...tried.map(
          (r) =>
            `${r.agent} (${r.providerFailure ? PROVIDER_REASON_TEXT[r.providerFailure as ProviderReason] : (r.error ?? r.status)})`,
        ),
        ...skipped,
      ];
      const error = `${first.run.error ?? first.run.status}; no fallback could answer in its place: ${failures.join(', ')}`;
      return { ...first.run, error, ...(tried.length > 0 ? { replaced: tried } : {}) };
    },
  };
}
