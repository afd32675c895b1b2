import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const [,, file, outdir, ...ids] = process.argv;
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ud-')), {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  viewport: { width: 1280, height: 900 },
});
const page = await ctx.newPage();
await page.goto('file://' + file);
await page.screenshot({ path: join(outdir, 'top.png') });
for (const id of ids) await page.locator('#' + id).screenshot({ path: join(outdir, id + '.png') });
await ctx.close();
