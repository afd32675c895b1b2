// Charts as inline SVG strings: stacked bars, lines, intervals and box plots, with no script and no external file.

/** Okabe–Ito: distinguishable with every common colour-vision deficiency. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8C6D1F', '#000000'];
export const OUTCOME_COLOURS: Record<string, string> = { success: '#0072B2', failure: '#D55E00', cancelled: '#8A8A8A' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const W = 760;
const PAD = { left: 56, right: 40, top: 14, bottom: 34 };

const SECOND = 1000;
const DURATION_STEPS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200].map((s) => s * SECOND);

/** A round step for a time axis in milliseconds: 5 s, 10 s … 1 min, 2 min, 5 min … */
export function niceDurationStep(maxMs: number, ticks = 5): number {
  return DURATION_STEPS.find((s) => s * ticks >= maxMs) ?? niceStep(maxMs, ticks);
}

/** A round step for axis ticks: 1, 2 or 5 times a power of ten. */
export function niceStep(max: number, ticks = 4): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const p = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * p >= raw) ?? 10) * p;
}

function frame(label: string, height: number, body: string): string {
  return `<svg class="chart" viewBox="0 0 ${W} ${height}" role="img" aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(label)}</title>${body}</svg>`;
}

function yAxis(
  max: number,
  height: number,
  format: (n: number) => string,
  min = 0,
): { y: (v: number) => number; svg: string; top: number } {
  const step = niceStep(max - min);
  const lo = Math.floor(min / step) * step;
  const top = Math.max(step, Math.ceil(max / step) * step);
  const inner = height - PAD.top - PAD.bottom;
  const y = (v: number): number => PAD.top + inner - ((v - lo) / (top - lo || 1)) * inner;
  let svg = '';
  for (let v = lo; v <= top + step / 2; v += step) {
    svg += `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`;
    svg += `<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" class="tick" text-anchor="end">${escapeHtml(format(v))}</text>`;
  }
  return { y, svg, top };
}

/** At most ~8 labels along the x axis. */
function xLabels(labels: string[], x: (i: number) => number, height: number): string {
  const every = Math.max(1, Math.ceil(labels.length / 8));
  return labels
    .map((l, i) =>
      i % every === 0
        ? `<text x="${x(i).toFixed(1)}" y="${height - PAD.bottom + 18}" class="tick" text-anchor="middle">${escapeHtml(l)}</text>`
        : '',
    )
    .join('');
}

export interface BarSeries {
  label: string;
  colour: string;
  values: number[];
}

export function stackedBars(
  label: string,
  categories: string[],
  series: BarSeries[],
  opts: { height?: number; format?: (n: number) => string; xLabel?: (c: string) => string } = {},
): string {
  const height = opts.height ?? 240;
  const format = opts.format ?? ((n: number) => String(n));
  const totals = categories.map((_, i) => series.reduce((s, se) => s + (se.values[i] ?? 0), 0));
  const axis = yAxis(Math.max(0, ...totals), height, format);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, categories.length);
  const bar = Math.max(1, Math.min(40, slot * 0.75));
  const x = (i: number): number => PAD.left + slot * i + slot / 2;
  let bars = '';
  categories.forEach((c, i) => {
    let base = 0;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const y1 = axis.y(base + v);
      bars += `<rect x="${(x(i) - bar / 2).toFixed(1)}" y="${y1.toFixed(1)}" width="${bar.toFixed(1)}" height="${(axis.y(base) - y1).toFixed(1)}" fill="${s.colour}"><title>${escapeHtml(`${opts.xLabel ? opts.xLabel(c) : c} · ${s.label}: ${format(v)}`)}</title></rect>`;
      base += v;
    }
  });
  return frame(label, height, axis.svg + bars + xLabels(categories.map(opts.xLabel ?? ((c) => c)), x, height));
}

export interface LineSeries {
  label: string;
  colour: string;
  values: (number | undefined)[];
}

export function lineChart(
  label: string,
  categories: string[],
  series: LineSeries[],
  opts: { height?: number; format?: (n: number) => string; fromZero?: boolean } = {},
): string {
  const height = opts.height ?? 240;
  const format = opts.format ?? ((n: number) => String(Math.round(n)));
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== undefined));
  const min = opts.fromZero === false && all.length ? Math.min(...all) : 0;
  const axis = yAxis(Math.max(min + 1, ...all), height, format, min);
  const step = (W - PAD.left - PAD.right) / Math.max(1, categories.length - 1);
  const x = (i: number): number => (categories.length === 1 ? (W + PAD.left - PAD.right) / 2 : PAD.left + step * i);
  // Dashes as well as colours: lines that coincide stay visible, and colour is not the only cue.
  const dashes = ['', '7 4', '2 3', '10 3 2 3'];
  const lines = series
    .map((s, n) => {
      const pts = s.values
        .map((v, i) => (v === undefined ? undefined : `${x(i).toFixed(1)},${axis.y(v).toFixed(1)}`))
        .filter(Boolean);
      const dots = s.values
        .map((v, i) =>
          v === undefined
            ? ''
            : `<circle cx="${x(i).toFixed(1)}" cy="${axis.y(v).toFixed(1)}" r="2.5" fill="${s.colour}"><title>${escapeHtml(`${s.label}, ${categories[i]}: ${format(v)}`)}</title></circle>`,
        )
        .join('');
      const dash = dashes[n % dashes.length] ? ` stroke-dasharray="${dashes[n % dashes.length]}"` : '';
      return `<polyline points="${pts.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"${dash}/>${dots}`;
    })
    .join('');
  return frame(label, height, axis.svg + lines + xLabels(categories, x, height));
}

export interface IntervalRow {
  label: string;
  value: number;
  low: number;
  high: number;
  colour: string;
}

const ROW_LABEL_WIDTH = 120;

/**
 * A chart of one labelled row per item over a horizontal value axis from `lo` to `hi` (rounded out to ticks);
 * `draw` returns a row's marks given its centre line and the axis.
 */
function rowChart<T extends { label: string }>(
  label: string,
  rows: T[],
  range: { lo: number; hi: number; rowH: number; step?: (span: number) => number },
  format: (n: number) => string,
  draw: (row: T, y: number, x: (v: number) => number) => string,
): string {
  const height = PAD.top + rows.length * range.rowH + PAD.bottom;
  const step = (range.step ?? niceStep)(range.hi - range.lo, 5);
  const a = Math.floor(range.lo / step) * step;
  const b = Math.ceil(range.hi / step) * step;
  const x = (v: number): number => ROW_LABEL_WIDTH + ((v - a) / (b - a || 1)) * (W - ROW_LABEL_WIDTH - PAD.right);
  let svg = '';
  for (let v = a; v <= b + step / 2; v += step) {
    svg += `<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${PAD.top}" y2="${height - PAD.bottom}" class="grid"/><text x="${x(v).toFixed(1)}" y="${height - PAD.bottom + 18}" class="tick" text-anchor="middle">${escapeHtml(format(v))}</text>`;
  }
  rows.forEach((r, i) => {
    const y = PAD.top + i * range.rowH + range.rowH / 2;
    svg += `<text x="${ROW_LABEL_WIDTH - 10}" y="${y + 4}" class="label" text-anchor="end">${escapeHtml(r.label)}</text>${draw(r, y, x)}`;
  });
  return frame(label, height, svg);
}

/** One row per item: a dot at the value and a bar over its interval (a forest plot). */
export function intervalChart(label: string, rows: IntervalRow[], format: (n: number) => string): string {
  const range = { lo: Math.min(...rows.map((r) => r.low)), hi: Math.max(...rows.map((r) => r.high)), rowH: 28 };
  return rowChart(
    label,
    rows,
    range,
    format,
    (r, y, x) =>
      `<line x1="${x(r.low).toFixed(1)}" x2="${x(r.high).toFixed(1)}" y1="${y}" y2="${y}" stroke="${r.colour}" stroke-width="6" stroke-linecap="round" opacity="0.35"/>` +
      `<circle cx="${x(r.value).toFixed(1)}" cy="${y}" r="6" fill="${r.colour}"><title>${escapeHtml(`${r.label}: ${format(r.value)} (95% ${format(r.low)}–${format(r.high)})`)}</title></circle>`,
  );
}

export interface BoxRow {
  label: string;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  colour: string;
}

/** Horizontal box plots: whiskers min–max, box between the quartiles, a line at the median. */
export function boxPlot(
  label: string,
  rows: BoxRow[],
  format: (n: number) => string,
  step?: (span: number, ticks?: number) => number,
): string {
  const range = { lo: 0, hi: Math.max(1, ...rows.map((r) => r.max)), rowH: 30, step };
  return rowChart(label, rows, range, format, (r, y, x) => {
    const tip = `${r.label}: median ${format(r.median)}, middle half ${format(r.q1)}–${format(r.q3)}, range ${format(r.min)}–${format(r.max)}`;
    return (
      `<g><title>${escapeHtml(tip)}</title><line x1="${x(r.min).toFixed(1)}" x2="${x(r.max).toFixed(1)}" y1="${y}" y2="${y}" stroke="${r.colour}" stroke-width="1.5"/>` +
      `<rect x="${x(r.q1).toFixed(1)}" y="${y - 9}" width="${Math.max(1, x(r.q3) - x(r.q1)).toFixed(1)}" height="18" fill="${r.colour}" opacity="0.35" stroke="${r.colour}"/>` +
      `<line x1="${x(r.median).toFixed(1)}" x2="${x(r.median).toFixed(1)}" y1="${y - 9}" y2="${y + 9}" stroke="${r.colour}" stroke-width="3"/></g>`
    );
  });
}

export function legend(items: { label: string; colour: string }[]): string {
  return `<ul class="legend">${items.map((i) => `<li><span class="swatch" style="background:${i.colour}"></span>${escapeHtml(i.label)}</li>`).join('')}</ul>`;
}
