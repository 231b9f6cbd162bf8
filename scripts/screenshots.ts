// npm run screenshots: pictures of the budget panel's views in the light and dark themes, taken in Chromium on the
// browser test host (tests/browser) against a real Prometheus holding the generator's scenario, written to
// docs/img/panel-<view>-<theme>.png. Needs what the browser tests need (chromium, prometheus, victoria-metrics).

import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { HostBrowser } from '../tests/browser/env';
import { describeEnvironment, missingTools, startEnvironment, stopEnvironment } from '../tests/browser/environment';
import { BudgetPanelPage } from '../tests/browser/pages/BudgetPanelPage';
import { OverviewPage } from '../tests/browser/pages/OverviewPage';
import { OVERVIEW_EXTRA_SLOS, sloPanel, VIEWS } from '../tests/browser/scenarios';
import { writeBrowserState } from '../tests/browser/state';

const OUT = path.resolve(__dirname, '..', 'docs', 'img');

/** The quarter SLO seen seven weeks into Q3: Q2's end, the reset on July 1 and the August outage all in range. */
const SHOT = {
  slo: 'checkout-q-utc',
  now: '2026-08-20T00:00:00Z',
  from: 'now-60d',
  width: 760,
  height: 380,
  title: 'Checkout availability (99.5%, calendar quarter)',
};

/** SCREENSHOTS_ONLY=overview takes the overview's pictures only. */
const PANEL_VIEWS = process.env.SCREENSHOTS_ONLY === 'overview' ? [] : VIEWS;

/** The app's SLO overview (docs/img/overview-<theme>.png): the scenario's SLOs, a grouped one, one without data, an invalid one. */
async function overviewShots(browser: HostBrowser): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    const { page, problems } = await browser.open({
      now: '2026-08-13T11:00:00Z',
      slos: ['scenario-slos', 'invalid-slos'],
      extraSlos: OVERVIEW_EXTRA_SLOS,
      path: '/a/burndown-slo-app/slos',
      theme,
    });
    await new OverviewPage(page).settled().catch((e: Error) => {
      throw new Error(`overview/${theme}: ${e.message}\n${problems.join('\n')}`);
    });
    await page.evaluate(() => document.fonts.ready);
    const file = path.join(OUT, `overview-${theme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(
      `wrote ${path.relative(process.cwd(), file)}${problems.length ? ` (page said: ${problems.join(' | ')})` : ''}\n`
    );
    await page.context().close();
  }
}

async function main(): Promise<void> {
  const missing = missingTools();
  if (missing.length > 0) {
    throw new Error(`screenshots need ${missing.join(', ')} (apt-get install -y chromium prometheus victoria-metrics)`);
  }
  mkdirSync(OUT, { recursive: true });
  const env = await startEnvironment();
  const stateFile = writeBrowserState(env.state);
  process.stdout.write(`${describeEnvironment(env)}\n`);
  const browser = new HostBrowser();
  try {
    for (const theme of ['light', 'dark'] as const) {
      for (const view of PANEL_VIEWS) {
        const { page, problems } = await browser.open(
          sloPanel(SHOT.slo, {
            now: SHOT.now,
            from: SHOT.from,
            view,
            theme,
            width: SHOT.width,
            height: SHOT.height,
            title: SHOT.title,
          })
        );
        const panel = new BudgetPanelPage(page);
        await panel.settled().catch((e: Error) => {
          throw new Error(`${view}/${theme}: ${e.message}\n${problems.join('\n')}`);
        });
        // Let the fonts load and uPlot finish drawing (two animation frames).
        await page.evaluate(async () => {
          await document.fonts.ready;
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        });
        const file = path.join(OUT, `panel-${view}-${theme}.png`);
        await panel.screenshot(file);
        process.stdout.write(
          `wrote ${path.relative(process.cwd(), file)}${
            problems.length ? ` (page said: ${problems.join(' | ')})` : ''
          }\n`
        );
        await page.context().close();
      }
    }
    await overviewShots(browser);
  } finally {
    await browser.close();
    await stopEnvironment(env);
    rmSync(stateFile, { force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
