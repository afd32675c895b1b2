// Draws the benchmark's plot as a self-contained SVG: one log-scale line chart per panel, sharing a legend.

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#7f7f7f'];
const DASHES = ['', '', '6 3', '6 3', '2 3', '1 0'];

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceTicks(min, max) {
  const ticks = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= min * 0.999 && v <= max * 1.001) ticks.push(v);
    }
  }
  return ticks;
}

function label(v) {
  return v >= 1 ? String(v) : v.toFixed(v >= 0.1 ? 1 : 2);
}

/**
 * panels: [{title, series: [{name, points: [[x, y], ...]}]}], x values shared (the agent counts), y in seconds, log scale.
 */
export function renderPlot({ title, xLabel, panels }) {
  const W = 460;
  const H = 300;
  const M = { left: 56, right: 16, top: 40, bottom: 46 };
  const legendH = 20 * Math.ceil(panels[0].series.length / 2) + 10;
  const width = W * panels.length;
  const height = H + legendH + 30;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  panels.forEach((panel, p) => {
    const ox = p * W;
    const oy = 14;
    const xs = [...new Set(panel.series.flatMap((s) => s.points.map(([x]) => x)))].sort((a, b) => a - b);
    const ys = panel.series.flatMap((s) => s.points.map(([, y]) => y)).filter((y) => y > 0);
    const yMin = 10 ** Math.floor(Math.log10(Math.min(...ys)));
    const yMax = 10 ** Math.ceil(Math.log10(Math.max(...ys)));
    const px = (x) =>
      ox +
      M.left +
      ((Math.log(x) - Math.log(xs[0])) / (Math.log(xs.at(-1)) - Math.log(xs[0]) || 1)) * (W - M.left - M.right);
    const py = (y) =>
      oy +
      M.top +
      (1 - (Math.log(Math.max(y, yMin)) - Math.log(yMin)) / (Math.log(yMax) - Math.log(yMin))) * (H - M.top - M.bottom);
    out.push(
      `<text x="${ox + W / 2}" y="${oy + M.top - 12}" text-anchor="middle" font-weight="bold">${esc(panel.title)}</text>`,
    );
    for (const t of niceTicks(yMin, yMax)) {
      out.push(`<line x1="${ox + M.left}" x2="${ox + W - M.right}" y1="${py(t)}" y2="${py(t)}" stroke="#e5e5e5"/>`);
      out.push(`<text x="${ox + M.left - 6}" y="${py(t) + 4}" text-anchor="end">${label(t)}</text>`);
    }
    for (const x of xs) {
      out.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${oy + M.top}" y2="${oy + H - M.bottom}" stroke="#f0f0f0"/>`);
      out.push(`<text x="${px(x)}" y="${oy + H - M.bottom + 16}" text-anchor="middle">${x}</text>`);
    }
    out.push(
      `<rect x="${ox + M.left}" y="${oy + M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#999"/>`,
    );
    out.push(`<text x="${ox + W / 2}" y="${oy + H - 8}" text-anchor="middle">${esc(xLabel)}</text>`);
    out.push(
      `<text transform="translate(${ox + 14} ${oy + (H + M.top - M.bottom) / 2}) rotate(-90)" text-anchor="middle">seconds (log scale)</text>`,
    );
    panel.series.forEach((s, i) => {
      if (s.points.length === 0) return;
      const d = s.points.map(([x, y], j) => `${j ? 'L' : 'M'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
      out.push(
        `<path d="${d}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2" stroke-dasharray="${DASHES[i % DASHES.length]}"/>`,
      );
      for (const [x, y] of s.points)
        out.push(
          `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${COLORS[i % COLORS.length]}"><title>${esc(`${s.name}: N=${x}, ${y.toFixed(2)} s`)}</title></circle>`,
        );
    });
  });
  panels[0].series.forEach((s, i) => {
    const x = 20 + (i % 2) * (width / 2);
    const y = H + 30 + Math.floor(i / 2) * 20;
    out.push(
      `<line x1="${x}" x2="${x + 28}" y1="${y}" y2="${y}" stroke="${COLORS[i % COLORS.length]}" stroke-width="2" stroke-dasharray="${DASHES[i % DASHES.length]}"/>`,
    );
    out.push(`<text x="${x + 36}" y="${y + 4}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
