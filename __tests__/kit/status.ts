// The live status comment a pipeline gets from the kernel (deps.status), built the kernel's way for unit tests that
// call a pipeline's run function directly, on a fake sink and a fixed clock (no timers).
import type {
  AnyPipelineDefinition,
  CommentSink,
  LiveStatus,
  RunTarget,
  StatusRowBase,
} from '../../src/kernel/definition.js';
import { liveStatusFor } from '../../src/kernel/execute.js';

export function kernelStatus<R extends StatusRowBase>(
  definition: AnyPipelineDefinition,
  sink: CommentSink,
  config: unknown,
  target: Pick<RunTarget, 'number' | 'title' | 'body'>,
  options: {
    startedAt: Date;
    now?: () => Date;
    runUrl?: string;
    warn?: (message: string) => void;
    statusIntervalMs?: number;
  },
): LiveStatus<R> {
  const now = options.now ?? (() => options.startedAt);
  return liveStatusFor(
    definition,
    { config, target: target as RunTarget, startedAt: options.startedAt, run: { url: options.runUrl } },
    {
      sink,
      clock: { now, sleep: async () => undefined },
      pacing:
        options.statusIntervalMs === undefined
          ? undefined
          : { statusIntervalMs: options.statusIntervalMs, gatherMs: 0 },
      log: { warning: options.warn ?? (() => undefined) },
    },
  ) as unknown as LiveStatus<R>;
}
