// The dashboard's sections, each a function from the model to an HTML fragment (every record string escaped).
import {
  formatBucket,
  formatCompact,
  formatDate,
  formatDuration,
  formatInt,
  formatPercent,
  formatUsd,
  link,
} from './format.js';
import type { DashboardModel, Series, Spread } from './model.js';
import {
  type BarSeries,
  boxPlot,
  escapeHtml,
  intervalChart,
  legend,
  lineChart,
  niceDurationStep,
  OUTCOME_COLOURS,
  PALETTE,
  stackedBars,
} from './svg.js';

const colourOf = (names: string[]): ((name: string) => string) => {
  const map = new Map([...names].sort().map((n, i) => [n, PALETTE[i % PALETTE.length]!]));
  return (name) => map.get(name) ?? PALETTE[PALETTE.length - 1]!;
};

function section(id: string, title: string, intro: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${escapeHtml(title)}</h2>${intro ? `<p class="intro">${intro}</p>` : ''}${body}</section>`;
}

const empty = (what: string): string => `<p class="empty">${escapeHtml(what)}</p>`;

function seriesBars(series: Series, colour: (c: string) => string): BarSeries[] {
  return series.categories.map((c) => ({ label: c, colour: colour(c), values: series.counts.get(c)! }));
}

export function overview(m: DashboardModel): string {
  const successes = m.byOutcome.counts.get('success')?.reduce((s, n) => s + n, 0) ?? 0;
  const top = m.leaderboard.ratings[0];
  const cards: [string, string, string][] = [
    ['Runs', formatInt(m.records), m.first && m.last ? `${formatDate(m.first)} – ${formatDate(m.last)}` : 'none yet'],
    ['Succeeded', formatPercent(successes, m.records), `${formatInt(m.failureCount)} failed or cancelled`],
    [
      'Cost',
      formatUsd(m.totalCostUsd),
      m.costPerRun ? `median ${formatUsd(m.costPerRun.median)} a run` : 'no cost reported',
    ],
    ['Tokens', formatCompact(m.totalTokens), 'input and output'],
    [
      'Leader',
      top ? escapeHtml(top.agent) : '–',
      top ? `${formatInt(top.rating)} (${formatInt(top.low)}–${formatInt(top.high)})` : 'no reviews yet',
    ],
    [
      'Dataset rows',
      formatInt([...m.datasets.rowsByFormat.values()].reduce((s, n) => s + n, 0)),
      `from ${formatInt(m.datasets.runs)} persona-data runs`,
    ],
  ];
  return `<section id="overview" aria-label="Overview"><div class="cards">${cards
    .map(
      ([k, v, note]) =>
        `<div class="card"><div class="k">${k}</div><div class="v">${v}</div><div class="note">${escapeHtml(note)}</div></div>`,
    )
    .join('')}</div></section>`;
}

export function runs(m: DashboardModel): string {
  if (m.records === 0) return section('runs', 'Runs over time', '', empty('No runs recorded yet.'));
  const pipelines = colourOf(m.byPipeline.categories);
  const per = m.unit === 'week' ? 'week (from Monday)' : 'month';
  return section(
    'runs',
    'Runs over time',
    `Runs per ${per}, by pipeline and by outcome.`,
    `<div class="grid2"><figure><figcaption>By pipeline</figcaption>${stackedBars('Runs by pipeline', m.byPipeline.buckets, seriesBars(m.byPipeline, pipelines), { xLabel: formatBucket, format: formatInt })}${legend(m.byPipeline.categories.map((c) => ({ label: c, colour: pipelines(c) })))}</figure>` +
      `<figure><figcaption>By outcome</figcaption>${stackedBars(
        'Runs by outcome',
        m.byOutcome.buckets,
        seriesBars(m.byOutcome, (c) => OUTCOME_COLOURS[c] ?? '#555'),
        { xLabel: formatBucket, format: formatInt },
      )}${legend(m.byOutcome.categories.map((c) => ({ label: c, colour: OUTCOME_COLOURS[c] ?? '#555' })))}</figure></div>`,
  );
}

export function failures(m: DashboardModel): string {
  if (m.failures.length === 0) return section('failures', 'Failures', '', empty('No run failed.'));
  const rows = m.failures
    .map((r) => {
      const reason =
        r.error ?? r.relay?.failure?.reason ?? r.agents.find((a) => a.status !== 'success')?.error ?? r.status;
      return `<tr><td class="nowrap">${formatDate(r.startedAt)}</td><td class="nowrap">${escapeHtml(r.pipeline)}</td><td><span class="pill ${r.status === 'cancelled' ? 'grey' : 'red'}">${escapeHtml(r.status)}</span></td><td>${link(r.issue.url, `#${r.issue.number}`)} ${escapeHtml(r.issue.title)}</td><td class="reason">${escapeHtml(reason)}</td><td>${link(r.runUrl, 'run')}</td></tr>`;
    })
    .join('');
  return section(
    'failures',
    'Failures',
    `The ${formatInt(m.failures.length)} newest of ${formatInt(m.failureCount)} runs that failed or were cancelled, with the reason the run gave.`,
    `<div class="scroll"><table><thead><tr><th>When</th><th>Pipeline</th><th>Outcome</th><th>Issue</th><th>Reason</th><th>Run</th></tr></thead><tbody>${rows}</tbody></table></div>`,
  );
}

const spreadText = (s: Spread | undefined, format: (n: number) => string): string =>
  s ? `${format(s.median)} <span class="muted">(${format(s.q1)}–${format(s.q3)})</span>` : '–';

export function agents(m: DashboardModel): string {
  if (m.agents.length === 0) return section('agents', 'Time and cost per agent', '', empty('No agent ran yet.'));
  const colour = colourOf(m.agents.map((a) => a.agent));
  const rows = m.agents
    .map(
      (a) =>
        `<tr><th scope="row"><span class="swatch" style="background:${colour(a.agent)}"></span>${escapeHtml(a.agent)}</th><td class="num">${formatInt(a.runs)}</td><td class="num">${formatPercent(a.successes, a.runs)}</td><td class="num">${spreadText(a.durationMs, formatDuration)}</td><td class="num">${spreadText(a.costUsd, formatUsd)}</td><td class="num">${formatUsd(a.totalCostUsd)}</td><td class="num">${formatCompact(a.inputTokens)}</td><td class="num">${formatCompact(a.outputTokens)}</td></tr>`,
    )
    .join('');
  const durations = m.agents
    .filter((a) => a.durationMs)
    .map((a) => ({ label: a.agent, colour: colour(a.agent), ...a.durationMs! }));
  return section(
    'agents',
    'Time and cost per agent',
    'Median, and in brackets the middle half (25th–75th percentile), of each agent’s successful runs; answers and reviews alike.',
    `<div class="scroll"><table><thead><tr><th>Agent</th><th class="num">Runs</th><th class="num">Succeeded</th><th class="num">Time</th><th class="num">Cost a run</th><th class="num">Total cost</th><th class="num">Tokens in</th><th class="num">Tokens out</th></tr></thead><tbody>${rows}</tbody></table></div>` +
      (durations.length
        ? `<figure><figcaption>Time per run: range, middle half and median</figcaption>${boxPlot('Time per run by agent', durations, formatDuration, niceDurationStep)}</figure>`
        : ''),
  );
}

export function cost(m: DashboardModel): string {
  if (m.totalCostUsd === 0) return section('cost', 'Cost', '', empty('No agent reported a cost.'));
  const pipelines = colourOf(m.costByMonth.categories);
  const perRun = m.costPerRun;
  return section(
    'cost',
    'Cost per month',
    `What the agents reported spending, by pipeline. A run costs ${perRun ? `${formatUsd(perRun.median)} at the median (middle half ${formatUsd(perRun.q1)}–${formatUsd(perRun.q3)}, most ${formatUsd(perRun.max)})` : 'nothing reported'}.`,
    `<figure>${stackedBars('Cost per month by pipeline', m.costByMonth.buckets, seriesBars(m.costByMonth, pipelines), { xLabel: formatBucket, format: formatUsd })}${legend(m.costByMonth.categories.map((c) => ({ label: c, colour: pipelines(c) })))}</figure>`,
  );
}

export function relay(m: DashboardModel): string {
  const r = m.relay;
  if (r.runs === 0) return section('relay', 'Relay', '', empty('No relay-pipeline run yet.'));
  const stages = r.stages
    .map(
      (s) =>
        `<tr><th scope="row">${escapeHtml(s.stage)}</th><td class="num">${formatInt(s.runs)}</td><td class="num">${formatPercent(s.passed, s.runs)}</td><td><div class="meter" role="img" aria-label="${formatPercent(s.passed, s.runs)} passed"><span style="width:${((100 * s.passed) / Math.max(1, s.runs)).toFixed(1)}%"></span></div></td></tr>`,
    )
    .join('');
  const rounds = [...r.rounds].sort(([a], [b]) => a - b);
  return section(
    'relay',
    'Relay',
    `${formatInt(r.runs)} relay runs: ${formatPercent(r.successes, r.runs)} passed every stage, ${formatInt(r.withPullRequest)} opened a pull request, ${formatInt(r.merged)} of those were merged.`,
    `<div class="grid2"><figure><figcaption>Pass rate per stage (every round counted)</figcaption><table><thead><tr><th>Stage</th><th class="num">Runs</th><th class="num">Passed</th><th></th></tr></thead><tbody>${stages}</tbody></table></figure>` +
      `<figure><figcaption>Rounds needed</figcaption>${stackedBars(
        'Relay runs by rounds needed',
        rounds.map(([n]) => String(n)),
        [{ label: 'runs', colour: PALETTE[0]!, values: rounds.map(([, c]) => c) }],
        { height: 200, format: formatInt, xLabel: (c) => `${c} round${c === '1' ? '' : 's'}` },
      )}</figure></div>`,
  );
}

/** White at 50%, blue towards 100%, vermillion towards 0%; the text stays dark enough to read on every shade. */
function winColour(share: number): string {
  const t = Math.min(1, Math.abs(share - 0.5) * 2);
  const [r, g, b] = share >= 0.5 ? [0, 114, 178] : [213, 94, 0];
  const mix = (c: number): number => Math.round(255 + (c - 255) * t * 0.55);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

export function leaderboard(m: DashboardModel): string {
  const lb = m.leaderboard;
  if (lb.ratings.length === 0)
    return section('leaderboard', 'Leaderboard', '', empty('No review has ranked two answers yet.'));
  const colour = colourOf(lb.ratings.map((r) => r.agent));
  const names = lb.ratings.map((r) => r.agent);
  const table = `<table class="ranks"><thead><tr><th class="num">#</th><th>Agent</th><th class="num">Rating</th><th class="num">95% interval</th><th class="num">Comparisons</th></tr></thead><tbody>${lb.ratings
    .map(
      (r, i) =>
        `<tr><td class="num">${i + 1}</td><th scope="row"><span class="swatch" style="background:${colour(r.agent)}"></span>${escapeHtml(r.agent)}</th><td class="num strong">${formatInt(r.rating)}</td><td class="num">${formatInt(r.low)}–${formatInt(r.high)}</td><td class="num">${formatInt(r.games)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  const forest = intervalChart(
    'Ratings with 95% intervals',
    lb.ratings.map((r) => ({ label: r.agent, value: r.rating, low: r.low, high: r.high, colour: colour(r.agent) })),
    formatInt,
  );
  const head = `<tr><th scope="col">row beat column</th>${names.map((n) => `<th scope="col">${escapeHtml(n)}</th>`).join('')}</tr>`;
  const body = names
    .map((a) => {
      const cells = names.map((b) => {
        if (a === b) return '<td class="diag">–</td>';
        const games = lb.table.gamesOf(a, b);
        const won = lb.table.winsOf(a, b);
        const total = won + lb.table.winsOf(b, a);
        if (games === 0 || total === 0) return '<td class="none">·</td>';
        const share = won / total;
        return `<td style="background:${winColour(share)}" title="${escapeHtml(`${a} over ${b}: ${formatPercent(won, total)} of ${games} comparisons (weighted)`)}">${formatPercent(won, total)}<small>${formatInt(games)}</small></td>`;
      });
      return `<tr><th scope="row">${escapeHtml(a)}</th>${cells.join('')}</tr>`;
    })
    .join('');
  const history = lineChart(
    'Rating over time',
    lb.months.map(formatBucket),
    names.map((n) => ({ label: n, colour: colour(n), values: lb.history.get(n) ?? [] })),
    { fromZero: false, format: formatInt },
  );
  return section(
    'leaderboard',
    'Leaderboard: which AI wins on this repository',
    `A Bradley–Terry rating (Elo scale, mean 1500; 400 points = 10 : 1 odds) fit to the pairwise outcomes of ${formatInt(lb.reviews)} anonymized review rankings. A ranking whose judges disputed a pair (low confidence) counts a quarter, one without a confidence 0.6, a confident one fully; unranked answers tie below the ranked ones.`,
    `<div class="grid2"><div>${table}</div><figure><figcaption>Rating and 95% interval</figcaption>${forest}</figure></div>` +
      `<div class="grid2"><figure><figcaption>Head to head: how often the row’s answer was ranked above the column’s (small: comparisons)</figcaption><div class="scroll"><table class="matrix">${head}${body}</table></div></figure>` +
      `<figure><figcaption>Rating over time (all reviews up to each month’s end)</figcaption>${history}${legend(names.map((n) => ({ label: n, colour: colour(n) })))}</figure></div>`,
  );
}

export function datasets(m: DashboardModel): string {
  const d = m.datasets;
  if (d.runs === 0) return section('datasets', 'persona-data datasets', '', empty('No persona-data run yet.'));
  const formats = [...d.rowsByFormat.keys()].sort();
  const colour = colourOf(formats);
  const totals = formats
    .map((f) => `<li><strong>${formatInt(d.rowsByFormat.get(f)!)}</strong> ${escapeHtml(f)}</li>`)
    .join('');
  const recent = d.recent
    .map(
      (r) =>
        `<tr><td class="nowrap">${formatDate(r.startedAt)}</td><td>${link(r.issue.url, `#${r.issue.number}`)}</td>${formats.map((f) => `<td class="num">${formatInt(r.datasets!.rows[f] ?? 0)}</td>`).join('')}<td class="num">${formatInt(r.datasets!.kept)} / ${formatInt(r.datasets!.personas)}</td><td>${r.datasets!.pair ? 'yes' : 'no'}</td></tr>`,
    )
    .join('');
  return section(
    'datasets',
    'persona-data datasets',
    `${formatInt(d.runs)} runs wrote rows; persona answers kept ${formatInt(d.kept)}, dropped ${formatInt(d.dropped)} (too short, refused, duplicate…); a dpo pair was made in ${formatInt(d.pairsMade)} runs and not in ${formatInt(d.pairsMissing)}.`,
    `<ul class="totals">${totals}</ul><div class="grid2"><figure><figcaption>Rows written, cumulative, by format</figcaption>${lineChart(
      'Dataset growth',
      d.months.map(formatBucket),
      formats.map((f) => ({ label: f, colour: colour(f), values: d.cumulative.get(f)! })),
      { format: formatInt },
    )}${legend(formats.map((f) => ({ label: f, colour: colour(f) })))}</figure>` +
      `<figure><figcaption>Newest runs: rows per format, answers kept, dpo pair</figcaption><div class="scroll"><table><thead><tr><th>When</th><th>Issue</th>${formats.map((f) => `<th class="num">${escapeHtml(f)}</th>`).join('')}<th class="num">Kept</th><th>Pair</th></tr></thead><tbody>${recent}</tbody></table></div></figure></div>`,
  );
}
