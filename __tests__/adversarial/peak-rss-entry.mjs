// Runs the bundled action (ADV_ACTION) in this process and, as it exits, writes its peak resident memory
// (VmHWM, in kB) to ADV_PEAK_RSS_FILE: a high-water mark the kernel keeps, so nothing is missed between samples.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

process.on('exit', () => {
  const kb = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '';
  writeFileSync(process.env.ADV_PEAK_RSS_FILE, kb);
});
await import(pathToFileURL(process.env.ADV_ACTION).href);
