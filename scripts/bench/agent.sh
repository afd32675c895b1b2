#!/bin/sh
# The benchmark's stand-in agent without Node (POSIX sh, GNU date): with 32 agents starting at once on a small runner,
# Node's own start-up competes for the CPU; this one costs next to nothing, so what remains is the action's own cost.
# Knobs as agent.mjs: BENCH_DELAY_MS, BENCH_ROLE (answer | reviewer), BENCH_NAME, BENCH_RECORD_DIR.
start=$(date +%s%3N)
cat > /dev/null
sleep "$(awk "BEGIN { print ${BENCH_DELAY_MS:-0} / 1000 }")"
if [ "$BENCH_ROLE" = reviewer ]; then
  printf '## Synthesis\nThe answers agree on the fix.\n\n## Disagreements\nNone.\n\n## Ranking\n1. A — reason 1\n'
else
  echo "$BENCH_NAME answers: guard the cache with a lock; add a test for the empty list."
fi
if [ -n "$BENCH_RECORD_DIR" ]; then
  printf '{"name":"%s","role":"%s","startedAt":%s,"exitAt":%s}\n' "$BENCH_NAME" "${BENCH_ROLE:-answer}" "$start" "$(date +%s%3N)" > "$BENCH_RECORD_DIR/$$.json"
fi
