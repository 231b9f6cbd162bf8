// npm run screenshots: pictures of the budget panel's views in the light and dark themes, taken in Chromium on the
// browser test host (tests/browser) against a real Prometheus holding the generator's scenario, written to
// docs/img/panel-<view>-<theme>.png (the default figure: the burn-down), panel-ifEndedNow-<theme>.png (the other figure)
// and panel-stale-<theme>.png (data that stop). Needs what the browser tests need (chromium, prometheus, victoria-metrics).

import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { HostBrowser } from '../tests/browser/env';
import { describeEnvironment, missingTools, startEnvironment, stopEnvironment } from '../tests/browser/environment';
import { hostQuery } from '../tests/browser/host/params';
import { BudgetPanelPage } from '../tests/browser/pages/BudgetPanelPage';
import { AlertsTabPage } from '../tests/browser/pages/AlertsTabPage';
import { DetailPage } from '../tests/browser/pages/DetailPage';
import { ImportPage } from '../tests/browser/pages/ImportPage';
import { ALERTS_NOW, ALERTS_SLO, ALERTS_SLO_ID } from '../tests/browser/pages/AlertsTabScenario';
import { EditorPage } from '../tests/browser/pages/EditorPage';
import { OverviewPage } from '../tests/browser/pages/OverviewPage';
import { SettingsPage } from '../tests/browser/pages/SettingsPage';
import { OVERVIEW_EXTRA_SLOS, sloPanel, VIEWS } from '../tests/browser/scenarios';
import { writeBrowserState } from '../tests/browser/state';
import { pageTestIds } from '../src/shared/testIds';

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

/** One picture: its file name (without theme) and the panel's options besides the view. */
interface Shot {
  name: string;
  view: (typeof VIEWS)[number];
  now: string;
  from: string;
  title: string;
  options?: Record<string, unknown>;
}

const SHOTS: Shot[] = [
  ...VIEWS.map((view) => ({ name: `panel-${view}`, view, now: SHOT.now, from: SHOT.from, title: SHOT.title })),
  {
    name: 'panel-ifEndedNow',
    view: 'timeseries',
    now: SHOT.now,
    from: SHOT.from,
    title: `${SHOT.title}: if the period ended now`,
    options: { figure: 'ifEndedNow' },
  },
  // The scenario's last scrape is at 2026-10-20T00:00:00Z: six hours later the SLO is stale.
  { name: 'panel-stale', view: 'timeseries', now: '2026-10-20T06:00:00Z', from: 'now-7d', title: SHOT.title },
];

/** SCREENSHOTS_ONLY=overview takes the overview's pictures only. */
const PANEL_SHOTS =
  process.env.SCREENSHOTS_ONLY === 'overview' || process.env.SCREENSHOTS_ONLY === 'settings' ? [] : SHOTS;
/** SCREENSHOTS_ONLY=settings takes the Settings page's pictures only. */
const ONLY_SETTINGS = process.env.SCREENSHOTS_ONLY === 'settings';

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
    if (process.env.SCREENSHOTS_ONLY === 'import') {
      await importShots(browser);
      return;
    }
    if (process.env.SCREENSHOTS_ONLY === 'alerts') {
      await alertsShots(browser);
      return;
    }
    if (process.env.SCREENSHOTS_ONLY === 'editor') {
      await editorShots(browser);
      return;
    }
    for (const theme of ['light', 'dark'] as const) {
      for (const shot of PANEL_SHOTS) {
        const view = shot.name;
        const { page, problems } = await browser.open(
          sloPanel(SHOT.slo, {
            now: shot.now,
            from: shot.from,
            view: shot.view,
            theme,
            width: SHOT.width,
            height: SHOT.height,
            title: shot.title,
            ...(shot.options ? { options: shot.options } : {}),
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
        const file = path.join(OUT, `${shot.name}-${theme}.png`);
        await panel.screenshot(file);
        process.stdout.write(
          `wrote ${path.relative(process.cwd(), file)}${
            problems.length ? ` (page said: ${problems.join(' | ')})` : ''
          }\n`
        );
        await page.context().close();
      }
    }
    if (!ONLY_SETTINGS) {
      await detailShots(browser);
      await overviewShots(browser);
      await importShots(browser);
      await alertsShots(browser);
      await editorShots(browser);
    }
    await settingsShots(browser);
  } finally {
    await browser.close();
    await stopEnvironment(env);
    rmSync(stateFile, { force: true });
  }
}

/** The SLO detail page (docs/img/detail-<theme>.png): the monthly SLO in August 2026, the outage and the maintenance. */
async function detailShots(browser: HostBrowser): Promise<void> {
  const host = { now: '2026-10-15T12:00:00Z', slos: ['scenario-slos'] };
  const bare = '/a/burndown-slo-app/slos/checkout-month';
  for (const theme of ['light', 'dark'] as const) {
    for (const [name, query] of [
      ['detail', 'period=2026-08-01T00:00:00Z'],
      ['detail-episodes', 'period=2026-08-01T00:00:00Z&tab=episodes'],
    ] as const) {
      const { page, problems } = await browser.open({ ...host, theme, path: bare });
      // The app's own query follows the host's parameters.
      await page.goto(`${browser.hostUrl}${bare}${hostQuery({ ...host, theme })}&${query}`);
      const detail = new DetailPage(page);
      await detail.settled();
      await detail.previousSettled();
      await page.evaluate(async () => {
        await document.fonts.ready;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      });
      const file = path.join(OUT, `${name}-${theme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      process.stdout.write(
        `wrote ${path.relative(process.cwd(), file)}${problems.length ? ` (page said: ${problems.join(' | ')})` : ''}\n`
      );
      await page.context().close();
    }
  }
}

/** The Import page (docs/img/import-<theme>.png): a pasted Sloth example and an uploaded file, a conflict renamed. */
async function importShots(browser: HostBrowser): Promise<void> {
  const fixtures = path.resolve(__dirname, '..', 'tests', 'fixtures');
  for (const theme of ['light', 'dark'] as const) {
    const { page, problems } = await browser.open({
      now: '2026-08-13T11:00:00Z',
      slos: ['scenario-slos'],
      path: '/a/burndown-slo-app/import',
      theme,
    });
    const importPage = await new ImportPage(page).settled();
    await importPage.paste(readFileSync(path.join(fixtures, 'import', 'sloth', 'getting-started.yml'), 'utf8'));
    await importPage.upload([path.join(fixtures, 'import-app', 'checkout-sloth.yml')]);
    await importPage.resolve('checkout-rolling', 'Rename');
    await page.evaluate(() => document.fonts.ready);
    const file = path.join(OUT, `import-${theme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(
      `wrote ${path.relative(process.cwd(), file)}${problems.length ? ` (page said: ${problems.join(' | ')})` : ''}\n`
    );
    await page.context().close();
  }
}

/**
 * The detail page's Alerts tab (docs/img/alerts-<theme>.png; SCREENSHOTS_ONLY=alerts takes only these): the outage
 * week's SLO at its freeze level, with its Grafana rules just created in the faked Grafana.
 */
async function alertsShots(browser: HostBrowser): Promise<void> {
  const host = { now: ALERTS_NOW, slos: ['scenario-slos'], extraSlos: [ALERTS_SLO] };
  const bare = `/a/burndown-slo-app/slos/${ALERTS_SLO_ID}`;
  for (const theme of ['light', 'dark'] as const) {
    const { page, problems } = await browser.open({ ...host, theme, path: bare });
    await page.goto(`${browser.hostUrl}${bare}${hostQuery({ ...host, theme })}&tab=alerts`);
    await new DetailPage(page).settled();
    const alerts = await new AlertsTabPage(page).settled();
    await alerts.write();
    await page.evaluate(() => document.fonts.ready);
    const file = path.join(OUT, `alerts-${theme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(
      `wrote ${path.relative(process.cwd(), file)}${problems.length ? ` (page said: ${problems.join(' | ')})` : ''}\n`
    );
    await page.context().close();
  }
}

/** The app's config page (docs/img/settings-<theme>.png): defaults set, the scenario's SLOs and one invalid SLO. */
async function settingsShots(browser: HostBrowser): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    const { page, problems } = await browser.open({
      slos: ['scenario-slos', 'invalid-slos'],
      // The host's one data source (tests/browser/host/grafana/dsQuery.ts: DATASOURCE_UID, not imported: it loads Grafana).
      jsonData: { defaultTimeZone: 'Europe/Berlin', defaultDatasource: { uid: 'prometheus', type: 'prometheus' } },
      path: '/plugins/burndown-slo-app?page=settings',
      theme,
    });
    await new SettingsPage(page).settled().catch((e: Error) => {
      throw new Error(`settings/${theme}: ${e.message}\n${problems.join('\n')}`);
    });
    await page.evaluate(() => document.fonts.ready);
    const file = path.join(OUT, `settings-${theme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(
      `wrote ${path.relative(process.cwd(), file)}${problems.length ? ` (page said: ${problems.join(' | ')})` : ''}\n`
    );
    await page.context().close();
  }
}

/**
 * The SLO editor (docs/img/editor-<theme>.png): the Berlin quarter SLO with its live preview; and a PromQL field with
 * a typed mistake marked (docs/img/editor-promql-<theme>.png) (SCREENSHOTS_ONLY=editor).
 */
async function editorShots(browser: HostBrowser): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    const { page, problems, editor } = await openEditor(browser, theme, 'checkout-q-berlin/edit');
    await editor.previewSettled();
    // The PromQL fields' code editors (Monaco loads apart from the page) mounted and highlighted.
    await page.waitForFunction(
      (id) => {
        const editors = [...document.querySelectorAll(`[data-testid="${id}"]`)];
        return (
          editors.length > 0 &&
          editors.every((e) => e.getAttribute('data-ready') === 'true' && e.querySelector('.view-line'))
        );
      },
      pageTestIds.editor.promqlEditor,
      { timeout: 90_000 }
    );
    await page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    });
    const file = path.join(OUT, `editor-${theme}.png`);
    // The first screen, as a user sees it: the form's top, the sticky save bar and the preview beside it.
    await page.screenshot({ path: file });
    reportShot(file, problems);
    await page.context().close();
    await promqlFieldShot(browser, theme);
  }
}

/** The editor page at `/slos/<sub>` on the editor shots' clock, once its settings are loaded. */
async function openEditor(browser: HostBrowser, theme: 'light' | 'dark', sub: string) {
  const opened = await browser.open({
    now: '2026-08-20T00:00:00Z',
    slos: ['scenario-slos'],
    theme,
    path: `/a/burndown-slo-app/slos/${sub}`,
  });
  const editor = new EditorPage(opened.page);
  await editor.settled();
  return { ...opened, editor };
}

function reportShot(file: string, problems: string[]): void {
  const said = problems.length ? ` (page said: ${problems.join(' | ')})` : '';
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}${said}\n`);
}

/** A new SLO's "Bad events" field with a typed mistake: the squiggle and the line under the field. */
async function promqlFieldShot(browser: HostBrowser, theme: 'light' | 'dark'): Promise<void> {
  const { page, problems, editor } = await openEditor(browser, theme, 'new');
  await editor.typeQuery('Bad events', 'sum by (code) (http_requests_total{job="checkout", code=~"5.."[5m])');
  const squiggle = editor.queryEditor('Bad events').locator('.squiggly-error');
  await squiggle.waitFor({ timeout: 30_000 });
  await editor.page.getByTestId(pageTestIds.editor.promqlMark).first().waitFor({ timeout: 30_000 });
  // To the middle of the screen, clear of the sticky save bar.
  await editor.queryEditor('Bad events').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.mouse.move(0, 0);
  const box = (await editor.queryEditor('Bad events').boundingBox())!;
  const file = path.join(OUT, `editor-promql-${theme}.png`);
  await page.screenshot({
    path: file,
    clip: { x: box.x - 16, y: box.y - 60, width: box.width + 32, height: box.height + 130 },
  });
  reportShot(file, problems);
  await page.context().close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
