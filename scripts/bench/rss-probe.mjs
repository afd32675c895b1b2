// Preloaded into the action's process (node --import) by the benchmark: at exit, writes the peak RSS (VmHWM, kB).
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.env.AI_ORCHESTRA_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    writeFileSync(file, hwm?.[1] ?? '');
  });
}
