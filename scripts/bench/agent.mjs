#!/usr/bin/env node
// A benchmark stand-in for an AI CLI (a `command:` agent): reads the prompt, waits, prints an answer of a set size.
//   BENCH_DELAY_MS      how long the "model" thinks (default 0)
//   BENCH_OUTPUT_BYTES  answer size in bytes (default: a short paragraph); written in 64 KiB chunks with backpressure
//   BENCH_ROLE          answer | reviewer (a reviewer prints a ranking of the letters it was given)
//   BENCH_ANSWER        the answer text instead of the default one (e.g. ending in a relay stage's VERDICT line)
//   BENCH_WRITE         JSON {relative path: content}: files to write in the working directory (a relay write stage)
//   BENCH_RECORD_DIR    where to write <pid>.json: {name, role, startedAt (process start), exitAt}
//   BENCH_NAME          the agent's name in its record
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

const env = process.env;
const startedAt = performance.timeOrigin;

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function review(prompt) {
  const letters = [...new Set([...prompt.matchAll(/^--- BEGIN ANSWER ([A-Z][0-9]*) ---$/gm)].map((m) => m[1]))];
  const ranked = (letters.length > 0 ? letters : ['A']).map((l, i) => `${i + 1}. ${l} — reason ${i + 1}`);
  return `## Synthesis\nThe answers agree on the fix.\n\n## Disagreements\nNone.\n\n## Ranking\n${ranked.join('\n')}\n`;
}

async function writeSized(bytes) {
  const line = 'The fix is to guard the cache with a lock and add a regression test for the empty list. '.repeat(8);
  const chunk = Buffer.from(line.repeat(Math.ceil(65_536 / line.length)).slice(0, 65_536));
  for (let left = bytes; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    if (!process.stdout.write(piece)) await new Promise((r) => process.stdout.once('drain', r));
  }
}

const prompt = await readStdin();
const delay = Number(env.BENCH_DELAY_MS || 0);
if (delay > 0) await new Promise((r) => setTimeout(r, delay));
for (const [path, content] of Object.entries(JSON.parse(env.BENCH_WRITE || '{}'))) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
if (env.BENCH_ROLE === 'reviewer') process.stdout.write(review(prompt));
else if (env.BENCH_ANSWER) process.stdout.write(`${env.BENCH_ANSWER}\n`);
else if (env.BENCH_OUTPUT_BYTES) await writeSized(Number(env.BENCH_OUTPUT_BYTES));
else
  process.stdout.write(
    `${env.BENCH_NAME ?? 'agent'} answers: guard the cache with a lock; add a test for the empty list.\n`,
  );
if (env.BENCH_RECORD_DIR) {
  const record = { name: env.BENCH_NAME ?? '', role: env.BENCH_ROLE ?? 'answer', startedAt, exitAt: Date.now() };
  writeFileSync(join(env.BENCH_RECORD_DIR, `${process.pid}.json`), JSON.stringify(record));
}
