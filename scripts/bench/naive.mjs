#!/usr/bin/env node
// The naive baseline the benchmark compares against: run each agent after the other, post each answer as it comes,
// then (ai-review) run the reviewer on all answers and post its review. Same agents, same fake GitHub, same write spacing as the
// throttling plugin (1 s between writes, 3 s between comment creations), but no status comment, claim or label.
// Usage: node naive.mjs '<json plan>'  (see runNaive in run.mjs); prints one JSON line with its timings.
import { spawn } from 'node:child_process';

const plan = JSON.parse(process.argv[2] ?? '{}');

/** Like the plugin's Bottleneck groups: a job may start `minMs` after the previous one started. */
function spacing(minMs) {
  let next = 0;
  return async () => {
    const now = Date.now();
    const wait = Math.max(0, next - now);
    next = Math.max(now, next) + minMs;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };
}
const writeSlot = spacing(plan.writeSpacingMs);
const createSlot = spacing(plan.createSpacingMs);

function runAgent(agent, prompt) {
  return new Promise((resolve, reject) => {
    const child = spawn(agent.argv[0], agent.argv.slice(1), {
      env: { ...process.env, ...agent.env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${agent.name} exited ${code}`)),
    );
    child.stdin.end(prompt);
  });
}

async function postComment(body) {
  await writeSlot();
  await createSlot();
  const res = await fetch(`${plan.apiUrl}/repos/${plan.owner}/${plan.repo}/issues/${plan.issue}/comments`, {
    method: 'POST',
    headers: {
      authorization: `token ${plan.token}`,
      'content-type': 'application/json',
      accept: 'application/vnd.github+json',
    },
    body: JSON.stringify({ body: body.slice(0, 65_000) }),
  });
  if (!res.ok) throw new Error(`POST comment: HTTP ${res.status}`);
  await res.json();
}

const prompt = `Answer this GitHub issue:\n\n${plan.issueText}`;
const answers = [];
for (const agent of plan.agents) {
  const answer = await runAgent(agent, prompt);
  answers.push(answer);
  await postComment(`### ${agent.name}\n\n${answer}`);
}
if (plan.reviewer) {
  const letters = answers.map(
    (_, i) => String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26) + 1) : ''),
  );
  const reviewPrompt = answers
    .map((a, i) => `--- BEGIN ANSWER ${letters[i]} ---\n${a}\n--- END ANSWER ${letters[i]} ---`)
    .join('\n');
  const review = await runAgent(plan.reviewer, reviewPrompt);
  await postComment(`### Review\n\n${review}`);
}
process.stdout.write(`${JSON.stringify({ answers: answers.length, doneAt: Date.now() })}\n`);
