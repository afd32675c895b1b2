// The runner's timeout message: it names what the CLI last reported, through the adapter's describeTimeout.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAgentRunner } from '../../../src/agents/runner.js';
import { fixture, makeAgent } from '../../kit/process-result.js';

/** A `codex` on PATH that prints codex 0.171's reconnect events, then hangs as the real one does. */
function hangingCodexBin(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runner-timeout-'));
  writeFileSync(join(dir, 'events.jsonl'), fixture('codex/v0.171-reconnecting.jsonl'));
  writeFileSync(join(dir, 'codex'), `#!/bin/sh\ncat '${join(dir, 'events.jsonl')}'\nexec sleep 30\n`);
  chmodSync(join(dir, 'codex'), 0o755);
  return dir;
}

describe('agent runner timeouts', () => {
  it('says what the CLI last reported before it was killed', async () => {
    const bin = hangingCodexBin();
    const agent = makeAgent({ name: 'codex', cli: 'codex', timeoutSec: 1 });
    const runner = createAgentRunner({
      agents: { codex: agent },
      workingDirectory: bin,
      logDir: bin,
      maxParallel: 1,
      killGraceMs: 200,
      parentEnv: { PATH: `${bin}:/usr/bin:/bin`, HOME: bin },
      signal: new AbortController().signal,
    });
    const run = await runner.run({ agent: 'codex', prompt: 'hi', mode: 'read-only', role: 'answer' });
    expect(run.status).toBe('timeout');
    expect(run.error).toBe(
      'timed out after 1 s; the whole process group was killed. Its last report: Reconnecting... waiting for network (Connection failed: error sending request)',
    );
  });
});
