// What a run says while it runs: the start and end lines, the heartbeat (a TTY only), the closing table and totals,
// the Actions log's groups and summary line, and the terminal's plain warnings.
import { describe, expect, it } from 'vitest';
import type { AgentRunRequest } from '../../../src/agents/types.js';
import { terminalLogger } from '../../../src/kernel/logger.js';
import {
  ActionsProgress,
  type Clock,
  observeRunner,
  TerminalProgress as Progress,
  TerminalProgress,
} from '../../../src/log/progress.js';
import { renderTotals, sumRuns } from '../../../src/report/totals.js';
import { makeAgentRun } from '../builders.js';

/** A clock the test moves by hand; `every` keeps its tick so the test can fire it. */
function manualClock(): Clock & { advance(ms: number): void; fire(): void; ticking: number } {
  let now = 1_000_000;
  let tick: (() => void) | undefined;
  return {
    ticking: 0,
    now: () => now,
    every(_ms, fn) {
      tick = fn;
      this.ticking++;
      return () => {
        tick = undefined;
        this.ticking--;
      };
    },
    advance: (ms) => (now += ms),
    fire: () => tick?.(),
  };
}

const request = (agent: string, role = 'answer'): AgentRunRequest => ({ agent, role, prompt: 'p', mode: 'read-only' });

describe('TerminalProgress', () => {
  it('prints a line per start and end with elapsed time, tokens and cost, and a closing table with totals', () => {
    const lines: string[] = [];
    const clock = manualClock();
    const progress = new TerminalProgress((l) => lines.push(l), { tty: false, clock });
    progress.started(request('claude'));
    clock.advance(65_000);
    progress.finished(
      makeAgentRun({
        agent: 'claude',
        durationMs: 65_000,
        usage: { inputTokens: 1200, outputTokens: 300, costUsd: 0.042 },
      }),
    );
    progress.started(request('gemini'));
    progress.finished(
      makeAgentRun({
        agent: 'gemini',
        status: 'failure',
        error: 'invalid x-api-key\nmore',
        durationMs: 900,
        usage: {},
      }),
    );
    expect(lines).toEqual([
      '[0s] ▶ claude (answer) started',
      '[1m 05s] ✔ claude (answer) success in 1 min 5 s · 1,200 in / 300 out tokens · $0.04',
      '[1m 05s] ▶ gemini (answer) started',
      '[1m 05s] ✖ gemini (answer) failure in 900 ms: invalid x-api-key',
    ]);
    const table = progress.close();
    expect(table).toMatch(/^agent +status +time +tokens +cost$/m);
    expect(table).toMatch(/^claude \(answer\) +success +1 min 5 s +1,200 in \/ 300 out tokens +\$0\.04$/m);
    expect(table).toMatch(/^gemini \(answer\) +failure +900 ms +- +-$/m);
    expect(table).toContain('Total: 2 agent runs · 1 min 5 s · 1,500 tokens · $0.04 (1 run reports no cost)');
    expect(clock.ticking).toBe(0);
  });

  it('on a TTY a heartbeat names what is still running and for how long, and stops with the table', () => {
    const lines: string[] = [];
    const clock = manualClock();
    const progress = new TerminalProgress((l) => lines.push(l), { tty: true, clock });
    progress.started(request('claude'));
    expect(clock.ticking).toBe(1);
    clock.advance(80_000);
    clock.fire();
    expect(lines.at(-1)).toBe('[1m 20s] … still running: claude (answer) 1m 20s');
    progress.finished(makeAgentRun({ agent: 'claude' }));
    clock.fire();
    expect(lines.at(-1)).toMatch(/✔ claude/);
    progress.close();
    expect(clock.ticking).toBe(0);
  });

  it('without a TTY there is no heartbeat', () => {
    const clock = manualClock();
    new TerminalProgress(() => undefined, { tty: false, clock }).started(request('claude'));
    expect(clock.ticking).toBe(0);
  });
});

describe('observeRunner', () => {
  it('tells the progress when the agent starts (the runner calls onStart) and when it ends, and keeps the caller’s onStart', async () => {
    const events: string[] = [];
    const runner = observeRunner(
      {
        async run(req) {
          req.onStart?.();
          return makeAgentRun({ agent: req.agent });
        },
      },
      { started: (r) => events.push(`start ${r.agent}`), finished: (r) => events.push(`end ${r.agent}`) },
    );
    await runner.run({ ...request('codex'), onStart: () => events.push('caller') });
    expect(events).toEqual(['start codex', 'caller', 'end codex']);
  });

  it('keeps the runner’s budget plan and agent specs (the pre-run estimate and the judge’s vendor depend on them)', () => {
    const plan = { run: ['claude'], skipped: [] };
    const inner = {
      run: async () => makeAgentRun(),
      plan: () => plan,
      spec: (agent: string) => ({ name: agent, cli: 'claude' }),
    };
    const runner = observeRunner(inner as never, { started: () => undefined, finished: () => undefined });
    expect(runner.plan?.({ answerers: ['claude'], prompt: 'p', judges: [], judgeRuns: 2 })).toBe(plan);
    expect(runner.spec?.('judge')).toEqual({ name: 'judge', cli: 'claude' });
  });
});

describe('ActionsProgress', () => {
  it('logs start and end, folds each agent’s output into a group with workflow commands stopped, and ends with one summary line', () => {
    const log: string[] = [];
    const progress = new ActionsProgress(
      {
        info: (m) => log.push(m),
        startGroup: (n) => log.push(`::group::${n}`),
        endGroup: () => log.push('::endgroup::'),
      },
      (write, text) => {
        write('::stop-commands::x');
        write(text);
        write('::x::');
      },
    );
    progress.started(request('claude'));
    progress.finished(
      makeAgentRun({
        agent: 'claude',
        answer: '::error::not a command',
        usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.001 },
      }),
    );
    expect(log).toEqual([
      '▶ claude (answer) started',
      '::group::✔ claude (answer) success in 12.3 s · 10 in / 5 out tokens · $0.0010',
      '::stop-commands::x',
      '  ::error::not a command',
      '::x::',
      '::endgroup::',
    ]);
    expect(progress.summaryLine('ai-review', 'success')).toMatch(
      /^ai-review success: 1 agent run · .+ · 15 tokens · \$0\.0010$/,
    );
  });
});

describe('renderTotals', () => {
  it('adds the tokens and costs the CLIs report and says when none is reported', () => {
    expect(
      renderTotals(
        sumRuns(
          [
            makeAgentRun({ usage: { inputTokens: 1, outputTokens: 2, costUsd: 1.5 } }),
            makeAgentRun({ usage: { costUsd: 0.25 } }),
          ],
          2_000,
        ),
      ),
    ).toBe('2 agent runs · 2.0 s · 3 tokens · $1.75');
    expect(renderTotals(sumRuns([makeAgentRun()], 500))).toBe(
      '1 agent run · 500 ms · tokens not reported · cost not reported',
    );
  });
});

describe('terminalLogger', () => {
  it('writes warnings as plain "Warning:" lines, never workflow commands', async () => {
    const lines: string[] = [];
    const log = terminalLogger({ out: (l) => lines.push(l), err: (l) => lines.push(l) });
    log.warning('Could not react');
    await log.group('Comment x could not be posted', async () => log.info('text'));
    expect(lines).toEqual(['Warning: Could not react', 'Comment x could not be posted', 'text']);
  });

  it('hands agent starts and ends to its hooks, which the CLI points at the terminal progress', () => {
    const lines: string[] = [];
    const progress = new Progress((l) => lines.push(l), { tty: false });
    const log = terminalLogger(
      { out: () => undefined, err: () => undefined },
      { agentStarted: (e) => progress.started(e), agentFinished: (e) => progress.finished(e.run) },
    );
    log.agentStarted({ agent: 'claude', role: 'answer', pipeline: 'ai-review' });
    log.agentFinished({
      agent: 'claude',
      role: 'answer',
      pipeline: 'ai-review',
      run: makeAgentRun({ agent: 'claude', role: 'answer' }),
    });
    expect(lines[0]).toMatch(/▶ claude \(answer\) started/);
    expect(lines[1]).toMatch(/claude \(answer\)/);
  });
});
