// Renders the fixture dashboard in headless Chromium and writes docs/dashboard.png (the README's screenshot).
// Needs dist/ (npm run bundle) and /usr/bin/chromium (apt-get install chromium).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const temp = mkdtempSync(join(tmpdir(), 'dashboard-shot-'));
try {
  const site = join(temp, 'site');
  execFileSync(
    process.execPath,
    [
      'dist/cli.js',
      'dashboard',
      '--records',
      '__fixtures__/dashboard/records',
      '--pulls',
      '__fixtures__/dashboard/pulls.json',
      '--out',
      site,
    ],
    { stdio: 'inherit' },
  );
  const context = await chromium.launchPersistentContext(join(temp, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 1000 },
  });
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(site, 'index.html')).href);
  await page.screenshot({ path: 'docs/dashboard.png' });
  const board = await page.locator('#leaderboard').boundingBox();
  if (process.argv.includes('--leaderboard') && board)
    await page.screenshot({
      path: 'docs/dashboard.png',
      clip: { x: 0, y: board.y - 16, width: 1280, height: board.height + 32 },
      fullPage: true,
    });
  await context.close();
  console.log('wrote docs/dashboard.png');
} finally {
  rmSync(temp, { recursive: true, force: true });
}
