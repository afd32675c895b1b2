// Generates run records in the real result-file format (ResultFile), then stores them as the action does:
// a seeded, plausible history of ai-review, relay and persona-data runs for the dashboard's tests and screenshot.
import type { AgentRun } from '../../src/agents/types.js';
import { type ResultFile, recordId, type StoredRecord, toStoredRecord } from '../../src/records/record.js';
import { Redactor } from '../../src/security/redact.js';

const AGENTS: Record<string, { strength: number; seconds: number; usdPerMTok: number; cli: string; model: string }> = {
  claude: { strength: 6, seconds: 95, usdPerMTok: 9, cli: 'claude', model: 'claude-sonnet-4-5' },
  codex: { strength: 4.5, seconds: 140, usdPerMTok: 6, cli: 'codex', model: 'gpt-5-codex' },
  gemini: { strength: 3, seconds: 70, usdPerMTok: 4, cli: 'gemini', model: 'gemini-2.5-pro' },
  copilot: { strength: 2, seconds: 60, usdPerMTok: 5, cli: 'copilot', model: 'gpt-5' },
  qwen: { strength: 1.4, seconds: 80, usdPerMTok: 1.5, cli: 'qwen', model: 'qwen3-coder-plus' },
  opencode: { strength: 1, seconds: 110, usdPerMTok: 2, cli: 'opencode', model: 'glm-4.6' },
};

const FAILURES = [
  'exited with code 1: API Error: 529 Overloaded',
  'timed out after 600 s (last output: Retrying request in 32s)',
  'exited with code 1: Quota exceeded for quota metric requests per minute',
  'exited with code 1: stream disconnected before completion',
];

const TITLES = [
  'Crash when the config file is empty',
  'Add a --json flag to the list command',
  'Flaky test in the cache layer',
  'Document the retry settings',
  'Memory grows on long imports',
  'Support Windows paths in globs',
  'Speed up the startup',
  'Typo in the error for missing tokens',
];

/** mulberry32: the same history on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedHistory {
  results: ResultFile[];
  records: StoredRecord[];
  /** The relay's pull requests as GitHub lists them (html_url, merged_at). */
  pulls: { number: number; html_url: string; state: string; merged_at: string | null }[];
}

export function generateHistory(count: number, seed = 17, end = Date.parse('2026-12-03T18:00:00Z')): GeneratedHistory {
  const random = seeded(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const spanMs = 280 * 86_400_000;
  const redactor = new Redactor([]);
  const results: ResultFile[] = [];
  const pulls: GeneratedHistory['pulls'] = [];

  const agentRun = (agent: string, role: string, at: number, failRate: number): AgentRun => {
    const a = AGENTS[agent]!;
    const failed = random() < failRate;
    const durationMs = Math.round(
      a.seconds * 1000 * Math.exp((random() - 0.5) * 1.2) * (role === 'reviewer' ? 0.7 : 1),
    );
    const inputTokens = Math.round(8_000 + random() * 40_000);
    const outputTokens = Math.round(600 + random() * 4_000);
    const timeout = failed && random() < 0.3;
    return {
      agent,
      cli: a.cli,
      model: a.model,
      role,
      status: failed ? (timeout ? 'timeout' : 'failure') : 'success',
      answer: failed ? '' : `(answer of ${agent})`,
      ...(failed ? { error: `${agent} ${timeout ? FAILURES[1]! : pick(FAILURES.filter((_, i) => i !== 1))}` } : {}),
      exitCode: failed ? (timeout ? null : 1) : 0,
      durationMs: timeout ? 600_000 : durationMs,
      usage: failed
        ? {}
        : {
            inputTokens,
            outputTokens,
            costUsd: Math.round(((inputTokens * 0.3 + outputTokens * 4) / 1e6) * a.usdPerMTok * 10_000) / 10_000,
          },
      promptSha256: '0'.repeat(64),
      outputTail: '',
      cliVersion: '1.0.0',
      startedAt: new Date(at).toISOString(),
      finishedAt: new Date(at + durationMs).toISOString(),
      logFiles: { stdout: '', stderr: '' },
    };
  };

  const ranking = (agents: string[]): string[] => {
    const left = [...agents];
    const out: string[] = [];
    while (left.length > 0) {
      let draw = random() * left.reduce((s, a) => s + AGENTS[a]!.strength, 0);
      const i = left.findIndex((a) => (draw -= AGENTS[a]!.strength) <= 0);
      out.push(...left.splice(i < 0 ? left.length - 1 : i, 1));
    }
    return out;
  };

  for (let n = 0; n < count; n++) {
    // More runs lately: the orchestra was adopted gradually.
    const at = Math.round(end - spanMs * (1 - Math.sqrt((n + random()) / count)));
    const issue = 10 + Math.floor(random() * 400);
    const runId = String(9_000_000_000 + n * 7);
    const base = {
      version: 1 as const,
      repository: 'acme/widgets',
      issue: { number: issue, url: `https://github.com/acme/widgets/issues/${issue}`, title: pick(TITLES) },
      runUrl: `https://github.com/acme/widgets/actions/runs/${runId}`,
      startedAt: new Date(at).toISOString(),
      comments: {},
    };
    const kind = random();
    if (kind < 0.6) {
      const pool = Object.keys(AGENTS);
      const chosen = [...pool].sort(() => random() - 0.5).slice(0, 3 + Math.floor(random() * 2));
      const answers = chosen.map((a) => agentRun(a, 'answer', at, 0.07));
      const ok = answers.filter((r) => r.status === 'success').map((r) => r.agent);
      const reviewerName = pick(['claude', 'gemini']);
      const cancelled = random() < 0.02;
      const reviewer = ok.length > 0 && !cancelled ? agentRun(reviewerName, 'reviewer', at + 150_000, 0.04) : undefined;
      const reviewed = reviewer?.status === 'success';
      const order = ranking(ok);
      const partial = random() < 0.08 ? 1 : 0;
      const confidence = pick(['high', 'high', 'high', 'medium', 'medium', 'low', undefined] as const);
      const status = cancelled ? 'cancelled' : reviewed ? 'success' : 'failure';
      const error = cancelled
        ? 'The workflow was cancelled.'
        : ok.length === 0
          ? `No agent answered: ${answers.map((r) => `${r.agent}: ${r.error}`).join('; ')}`
          : reviewed
            ? undefined
            : `The reviewer ${reviewerName} failed: ${reviewer?.error}`;
      results.push({
        ...base,
        pipeline: 'ai-review',
        status,
        finishedAt: new Date(at + 240_000).toISOString(),
        ...(error ? { error } : {}),
        runs: reviewer ? [...answers, reviewer] : answers,
        ...(reviewed
          ? {
              review: {
                reviewer: reviewerName,
                ranking: order.slice(0, order.length - partial),
                unranked: order.slice(order.length - partial),
                ...(confidence ? { confidence } : {}),
              },
            }
          : {}),
      });
    } else if (kind < 0.85) {
      const stages = [
        ['plan', 'claude'],
        ['implement', 'codex'],
        ['review', 'gemini'],
      ] as const;
      const runs: AgentRun[] = [];
      const executions: NonNullable<ResultFile['relay']>['stages'] = [];
      let failure: NonNullable<ResultFile['relay']>['failure'];
      let round = 1;
      for (let i = 0; i < stages.length && !failure; i++) {
        const [stage, agent] = stages[i]!;
        const run = agentRun(agent, `stage:${stage}`, at + i * 120_000, 0.05);
        runs.push(run);
        const sendBack = stage === 'review' && run.status === 'success' && random() < 0.35;
        const passed = run.status === 'success' && !sendBack;
        executions.push({
          stage,
          agent,
          round,
          passed,
          verdict: run.status === 'success' ? (passed ? 'PASS' : 'CHANGES') : undefined,
          reason: passed ? undefined : (run.error ?? 'the reviewer asked for changes'),
        });
        if (run.status !== 'success')
          failure = {
            stage,
            agent,
            round,
            verdict: run.status === 'timeout' ? 'timed out' : 'no verdict',
            reason: run.error ?? '',
            roundsExhausted: false,
          };
        else if (sendBack) {
          if (round >= 3)
            failure = {
              stage,
              agent,
              round,
              verdict: 'CHANGES',
              reason: 'max-rounds (3) used up with changes still asked for',
              roundsExhausted: true,
            };
          else (round += 1), (i = 0);
        }
      }
      const success = !failure;
      const pr = success ? 500 + pulls.length : undefined;
      if (pr)
        pulls.push({
          number: pr,
          html_url: `https://github.com/acme/widgets/pull/${pr}`,
          state: 'closed',
          merged_at: random() < 0.65 ? new Date(at + 86_400_000).toISOString() : null,
        });
      results.push({
        ...base,
        pipeline: 'relay-pipeline',
        status: success ? 'success' : 'failure',
        finishedAt: new Date(at + 600_000).toISOString(),
        ...(failure ? { error: `Stage ${failure.stage} (${failure.agent}) failed: ${failure.reason}` } : {}),
        runs,
        relay: {
          branch: `ai-orchestra/issue-${issue}`,
          ...(pr ? { prUrl: `https://github.com/acme/widgets/pull/${pr}`, delivery: 'pull-request' } : {}),
          failure,
          stages: executions,
        },
      });
    } else {
      const personas = ['senior-engineer', 'teacher', 'terse', 'security'].map((p) => ({
        persona: p,
        agent: pick(['claude', 'gemini', 'codex']),
      }));
      const runs = personas.map((p) => agentRun(p.agent, `persona:${p.persona}`, at, 0.06));
      const verdicts = personas.map((p, i) => {
        const kept = runs[i]!.status === 'success' && random() > 0.15;
        return {
          ...p,
          kept,
          ...(kept
            ? {}
            : { reason: runs[i]!.status === 'success' ? pick(['too short', 'refused', 'duplicate']) : 'no answer' }),
        };
      });
      const kept = verdicts.filter((v) => v.kept).length;
      const pair = kept >= 2 && random() > 0.1;
      results.push({
        ...base,
        pipeline: 'persona-data',
        status: kept > 0 ? 'success' : 'failure',
        finishedAt: new Date(at + 300_000).toISOString(),
        ...(kept > 0 ? {} : { error: 'No persona produced a usable answer.' }),
        runs,
        datasets: {
          dir: '/tmp/datasets',
          datasets: [
            { format: 'openai-chat', rows: kept },
            { format: 'trl-sft', rows: kept },
            { format: 'dpo', rows: pair ? 1 : 0 },
          ],
          personas: verdicts,
          preference: pair
            ? {
                made: true,
                chosen: verdicts.find((v) => v.kept)!.persona,
                rejected: verdicts.filter((v) => v.kept).pop()!.persona,
                ranking: [],
                reviewer: 'claude',
              }
            : { made: false, reason: 'fewer than two kept answers' },
        },
      });
    }
  }
  const records = results.map((r, i) =>
    toStoredRecord(r, recordId(r.repository, String(9_000_000_000 + i * 7), 1, r.issue.number), redactor),
  );
  return { results, records, pulls };
}
