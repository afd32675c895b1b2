// Builds the dashboard from the fixture records with the bundled CLI, opens it in headless Chromium, screenshots it,
// checks its sections, and checks that nothing on the page asks the network for anything.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const FIXTURES = join(REPO_ROOT, '__fixtures__', 'dashboard');
const SECTIONS = ['overview', 'runs', 'failures', 'agents', 'cost', 'relay', 'leaderboard', 'datasets'];

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `dashboard browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)`,
  );

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe.skipIf(!hasChromium)('the dashboard in a real browser (headless Chromium)', () => {
  let dir: string;
  let context: BrowserContext;
  let bait: Server;
  let baitHits: string[];
  let baitUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-browser-'));
    // A server the page must never reach: a hostile record names it in its title, its run link and its error.
    baitHits = [];
    bait = createServer((req, res) => {
      baitHits.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((resolve) => bait.listen(0, '127.0.0.1', resolve));
    baitUrl = `http://127.0.0.1:${(bait.address() as AddressInfo).port}`;
    const hostile = JSON.parse(
      readFileSync(join(FIXTURES, 'records', '2026-11.jsonl'), 'utf8').split('\n')[0]!,
    ) as Record<string, unknown>;
    Object.assign(hostile, {
      id: 'acme/widgets#hostile',
      status: 'failure',
      startedAt: '2026-12-02T09:00:00.000Z',
      issue: {
        number: 1,
        url: `javascript:fetch('${baitUrl}/js')`,
        title: `<img src="${baitUrl}/img"><script>fetch('${baitUrl}/script')</script>`,
      },
      runUrl: `${baitUrl}/run`,
      error: `<link rel="stylesheet" href="${baitUrl}/css"><style>@import '${baitUrl}/import';</style>`,
    });
    writeFileSync(join(dir, 'hostile.jsonl'), `${JSON.stringify(hostile)}\n`);
    const cli = join(REPO_ROOT, 'dist', 'cli.js');
    const out = join(dir, 'site');
    const { stdout } = await promisify(execFile)(process.execPath, [
      cli,
      'dashboard',
      '--records',
      join(FIXTURES, 'records'),
      '--records',
      join(dir, 'hostile.jsonl'),
      '--pulls',
      join(FIXTURES, 'pulls.json'),
      '--out',
      out,
    ]);
    expect(stdout).toMatch(/dashboard: 361 records → .*index\.html/);
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      args: FLAGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => bait?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders every section, with its charts, and requests nothing but the page itself', async () => {
    const page = await context.newPage();
    const pageUrl = pathToFileURL(join(dir, 'site', 'index.html')).href;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    // Everything but the page is refused, and recorded.
    const refused: string[] = [];
    await context.route('**/*', async (route) => {
      if (route.request().url() === pageUrl) return route.continue();
      refused.push(route.request().url());
      return route.abort();
    });
    await page.goto(pageUrl, { waitUntil: 'load' });

    for (const id of SECTIONS) {
      const box = await page.locator(`#${id}`).boundingBox();
      expect(box, `section #${id}`).not.toBeNull();
      expect(box!.height, `section #${id}`).toBeGreaterThan(80);
    }
    const headings = await page.locator('section h2').allTextContents();
    expect(headings).toEqual([
      'Runs over time',
      'Failures',
      'Time and cost per agent',
      'Cost per month',
      'Relay',
      'Leaderboard: which AI wins on this repository',
      'persona-data datasets',
    ]);
    // Charts drew: every inline SVG has a size, and there are as many as the sections promise.
    const charts = await page
      .locator('svg.chart')
      .evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().height));
    expect(charts.length).toBeGreaterThanOrEqual(8);
    for (const h of charts) expect(h).toBeGreaterThan(60);
    // The generator's strongest agent leads; the hostile title is shown as text, not markup.
    expect(await page.locator('#leaderboard table.ranks tbody tr').first().textContent()).toContain('claude');
    expect(await page.locator('#failures').textContent()).toContain('<img src=');
    expect(await page.locator('img, script, link[rel=stylesheet], iframe').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);

    const png = await page.screenshot({ fullPage: true, path: join(dir, 'dashboard.png') });
    const size = pngSize(png);
    expect(size.width).toBe(1280);
    expect(size.height).toBeGreaterThan(3000);
    for (const id of SECTIONS) expect((await page.locator(`#${id}`).screenshot()).length).toBeGreaterThan(5_000);

    expect(requested).toEqual([pageUrl]);
    expect(refused).toEqual([]);
    expect(baitHits).toEqual([]);
    await page.close();
  }, 120_000);
});
