// An agent runner for unit tests of pipelines (no process): it records each request, calls its onStart, and answers
// as the test scripts it per request; what a success, a failure and a reviewer's answer look like is configurable.
import type { AgentRun, AgentRunner, AgentRunRequest, AgentStatus } from '../../src/agents/types.js';
import { makeAgentRun } from '../unit/builders.js';

/** What one run does. */
export interface RunScript {
  /** How the run ends (default: success; cancelled once the runner's signal is aborted). */
  status?: AgentStatus;
  /** The answer of a run that succeeds. */
  answer?: string;
  /** The error of a run that does not succeed. */
  error?: string;
  /** Waits this long before it ends (less when the runner's signal is aborted meanwhile). */
  delayMs?: number;
  /** Rejects with this message instead of ending. */
  throws?: string;
  /** Aborted once the run has started (the workflow cancelled while an agent runs). */
  abort?: AbortController;
}

export interface FakeRunnerOptions {
  /** The script of a request (default: none, a success). */
  script?: (request: AgentRunRequest) => RunScript | undefined;
  /** The answer of a success whose script gives none (default: `Answer of <agent>.`). */
  answer?: (request: AgentRunRequest) => string;
  /** The fields of a run that does not succeed (default: {@link failureFields}). */
  failure?: (request: AgentRunRequest, status: AgentStatus, script: RunScript) => Partial<AgentRun>;
  /** Fields every run gets, e.g. its duration. */
  fields?: (request: AgentRunRequest, script: RunScript) => Partial<AgentRun>;
  /** Runs end cancelled once it is aborted; a delay ends early. */
  signal?: AbortSignal;
}

/** A run that does not succeed: its script's error (else `<agent> <status>`), exit code 1 for a failure. */
export function failureFields(request: AgentRunRequest, status: AgentStatus, script: RunScript): Partial<AgentRun> {
  return { error: script.error ?? `${request.agent} ${status}`, exitCode: status === 'failure' ? 1 : null };
}

/** The scripts by `<agent>/<role>` ("claude/answer", "claude/reviewer"). */
export function byAgentRole(scripts: Record<string, RunScript>): (request: AgentRunRequest) => RunScript | undefined {
  return (request) => scripts[`${request.agent}/${request.role}`];
}

/** The letters of the answers a reviewer's prompt shows, in the order it shows them. */
export function lettersShown(prompt: string): string[] {
  return [...prompt.matchAll(/^--- BEGIN ANSWER (\S+) ---$/gm)].map((m) => m[1]!);
}

export class FakeRunner implements AgentRunner {
  readonly requests: AgentRunRequest[] = [];
  plan?: AgentRunner['plan'];

  constructor(private readonly options: FakeRunnerOptions = {}) {}

  async run(request: AgentRunRequest): Promise<AgentRun> {
    const { options } = this;
    this.requests.push(request);
    request.onStart?.();
    const script = options.script?.(request) ?? {};
    script.abort?.abort();
    if (script.delayMs) await sleep(script.delayMs, options.signal);
    if (script.throws) throw new Error(script.throws);
    const status: AgentStatus = options.signal?.aborted ? 'cancelled' : (script.status ?? 'success');
    const ok = status === 'success';
    return makeAgentRun({
      agent: request.agent,
      role: request.role,
      status,
      answer: ok ? (script.answer ?? options.answer?.(request) ?? `Answer of ${request.agent}.`) : '',
      ...(ok ? {} : (options.failure ?? failureFields)(request, status, script)),
      ...options.fields?.(request, script),
    });
  }

  /** The prompts of the requests in `role`, in the order they were made. */
  prompts(role: string): string[] {
    return this.requests.filter((r) => r.role === role).map((r) => r.prompt);
  }

  /** The answers the first reviewer request was shown, by letter. */
  reviewerAnswers(): Map<string, string> {
    const [prompt] = this.prompts('reviewer');
    return new Map(
      [...prompt!.matchAll(/^--- BEGIN ANSWER (\S+) ---\n([\s\S]*?)\n--- END ANSWER \1 ---$/gm)].map((m) => [
        m[1]!,
        m[2]!,
      ]),
    );
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
