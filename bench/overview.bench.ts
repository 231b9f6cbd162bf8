// The SLO overview of N calendar-quarter SLOs rendered in the browser host (tests/browser: the webpack-built page with
// the real @grafana packages, its server proxying /api/ds/query's Prometheus traffic) against the generator's
// Prometheus 2.42, in Chromium (playwright-core), the page's clock pinned to 2026-08-20T12:00Z (frozen, so the refresh
// is within the same minute). Per N (BENCH_SIZES=1,50,200): from navigation until the first screen (1280x900) is in
// full (every row in the viewport with its figures and its trend: data-state not "loading", data-trend not
// "pending"), until every row shows its figures, and until the trends are in (the page's data-state "done");
// requests and samples counted at the host's proxy (stats=all, promCounter.ts); Prometheus CPU (its
// process_cpu_seconds_total) and the page's main-thread time (CDP Performance metrics); then the page's Refresh in the
// same page, with the page's cache; a re-sort; then a new load sorted by budget left (when its first screen is in
// full, when its order is final, and the first screen's budgets checked against every row's). Prints figures only, no
// assertion; the last line per N is `overview: <N> SLOs, <R> requests per SLO, <S> samples, <T> ms (...; all rows
// <A> ms)`. T is the first screen in full from the overview's mount (its performance mark: in Grafana the app mounts
// in a running Grafana; the line before it gives the time from navigation, the host page's boot included): issue 8
// lets rows outside the viewport load later, so "fully rendered" is what is on screen, in full; A is every row's
// figures. The host is built minified, as a release is. BENCH_NODE=1 runs the loader alone in Node instead
// (overviewNode.ts). Run with `npm run bench:overview`.
import { statSync } from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

import { BENCH_CONCURRENCY_KEY, OVERVIEW_CONCURRENCY, OVERVIEW_MOUNT_MARK } from '../src/pages/Overview/loadStatuses';
import { pageTestIds } from '../src/shared/testIds';
import { toSloDocumentSlo } from '../src/slo';
import { buildHost, bundleBytes } from '../tests/browser/build';
import { hostPageUrl } from '../tests/browser/host/params';
import { diffCounts, type PromCounts } from '../tests/browser/promCounter';
import { startHostServer, type HostServer } from '../tests/browser/server';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/browser/state';
import { nodeOverviewBench } from './overviewNode';
import { startProfile, stopProfile } from './overviewProfile';
import { addQuarterTiles } from './overviewRecorded';
import { promCpuSeconds, quarterSlos, runOnGeneratorPrometheus } from './promStats';

const NOW = '2026-08-20T12:00:00Z'; // 51.5 days into Q3, the scrape gap and the incidents behind
/** Tiles from a day before the quarter (the first tiles and the raw edges' lookback) up to now. */
const TILES_FROM = '2026-06-30T00:00:00Z';
const ids = pageTestIds.overview;
const TIMEOUT_MS = 30 * 60_000;
/** BENCH_CONCURRENCY=8: SLOs the page evaluates at once (its OVERVIEW_CONCURRENCY otherwise). */
const CONCURRENCY = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
/** BENCH_PROFILE=1: the first load's CPU profile summarised on stdout (overviewProfile.ts; unminified host). */
const PROFILE = process.env.BENCH_PROFILE === '1';

/**
 * Times (ms since navigation) the page itself notes: rows shown (loading), the first screen in full (figures and
 * trends), every row's figures, every trend.
 */
interface PageTimes {
  shown: number | null;
  firstScreen: number | null;
  allRows: number | null;
  done: number | null;
  /** When the overview's scene mounted (its OVERVIEW_MOUNT_MARK), ms since navigation. */
  mount: number | null;
}

declare global {
  interface Window {
    __overviewBench__?: Omit<PageTimes, 'mount'> & { from: number; expect: number; armed: boolean };
  }
}

/**
 * Runs in the page before its scripts: watches the rows' data-state and data-trend and the page's data-state, and notes
 * when the rows in the viewport show their figures and their trends, then when all `expect` rows show figures, then
 * when the page is done (performance.now(): ms since navigation, or since `from`). Plain
 * JavaScript text: tsx would wrap a TypeScript function's inner functions in a helper the page does not have.
 */
const PAGE_WATCHER = `(a) => {
  const w = { shown: null, firstScreen: null, allRows: null, done: null, from: 0, expect: a.expect, armed: false };
  window.__overviewBench__ = w;
  // Checked once per frame after a change, not per mutation: reading row positions forces a layout, and one per
  // mutation made the bench itself most of the page's layout time.
  let queued = false;
  const check = () => {
    queued = false;
    const now = performance.now() - w.from;
    const rows = document.querySelectorAll('[data-testid="' + a.row + '"]');
    // Armed once the rows read "loading" (at the start, and after Refresh resets them): only then do times count.
    w.armed = w.armed || (rows.length >= w.expect && [...rows].some((r) => r.getAttribute('data-state') === 'loading'));
    if (w.armed) {
      if (w.shown === null) w.shown = now;
      let all = true;
      // Rows' positions are read only until the first screen is in: each read forces a layout, and reading every
      // loading row's on every frame made the bench's own check the page's largest script item (BENCH_PROFILE=1).
      let screen = w.firstScreen === null;
      // Rows are in document order, top to bottom: past the first one below the viewport, none is read.
      let below = false;
      for (const r of rows) {
        const loading = r.getAttribute('data-state') === 'loading';
        all = all && !loading;
        // The first screen in full: every row in the viewport with its figures and its trend (data-trend not
        // "pending"; "none" for SLOs without a trend and error rows).
        if (screen && !below && (loading || r.getAttribute('data-trend') === 'pending')) {
          const b = r.getBoundingClientRect();
          below = b.top >= window.innerHeight;
          screen = !(b.top < window.innerHeight && b.bottom > 0);
        }
      }
      if (w.firstScreen === null && screen) w.firstScreen = now;
      if (w.allRows === null && all) w.allRows = now;
    }
    const root = document.querySelector('[data-testid="' + a.root + '"]');
    if (w.done === null && w.allRows !== null && root && root.getAttribute('data-state') === 'done') w.done = now;
  };
  new MutationObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(check);
    }
  }).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state', 'data-trend'],
  });
}`;

async function pageTimes(page: Page): Promise<PageTimes> {
  await page.waitForFunction(() => window.__overviewBench__?.done !== null, undefined, {
    timeout: TIMEOUT_MS,
    polling: 250,
  });
  return page.evaluate((mark) => {
    const w = window.__overviewBench__!;
    const marks = performance.getEntriesByName(mark);
    const mount = marks.length > 0 ? marks[marks.length - 1].startTime : null;
    return { shown: w.shown, firstScreen: w.firstScreen, allRows: w.allRows, done: w.done, mount };
  }, OVERVIEW_MOUNT_MARK);
}

interface Load {
  times: PageTimes;
  counts: PromCounts;
  promCpu: number;
  /** Main-thread seconds of the page (CDP Performance.getMetrics): all tasks, script, layout and style. */
  browser: Record<'TaskDuration' | 'ScriptDuration' | 'LayoutDuration' | 'RecalcStyleDuration', number>;
  rows: number;
  loading: number;
  evaluatedAt: number;
}

type Metrics = Load['browser'];

const zeroMetrics = (m: Metrics): Metrics =>
  Object.fromEntries(Object.keys(m).map((k) => [k, 0])) as unknown as Metrics;

async function measure(
  page: Page,
  server: HostServer,
  promUrl: string,
  metrics: () => Promise<Metrics>,
  go: () => Promise<unknown>,
  /** `go` leaves a loaded page for a new document: Chrome's metrics start again from zero. */
  newDocument = false
): Promise<Load> {
  const counts0 = server.promCounts!();
  const cpu0 = await promCpuSeconds(promUrl);
  const m0 = newDocument ? zeroMetrics(await metrics()) : await metrics();
  await go();
  const times = await pageTimes(page);
  const m1 = await metrics();
  const state = await page.evaluate(
    (t) => {
      const rows = [...document.querySelectorAll(`[data-testid="${t.row}"]`)];
      return {
        rows: rows.length,
        loading: rows.filter((r) => r.getAttribute('data-state') === 'loading').length,
        evaluatedAt: Number(document.querySelector(`[data-testid="${t.root}"]`)?.getAttribute('data-evaluated-at')),
      };
    },
    { row: ids.row, root: ids.root }
  );
  const browser = Object.fromEntries(
    (Object.keys(m0) as Array<keyof Metrics>).map((k) => [k, m1[k] - m0[k]])
  ) as Metrics;
  return {
    times,
    counts: diffCounts(server.promCounts!(), counts0),
    promCpu: (await promCpuSeconds(promUrl)) - cpu0,
    browser,
    ...state,
  };
}

/** Picks "Name (Z-A)" in the sort select and times, in the page, from Enter until the first row is another SLO in full. */
async function resortMs(page: Page): Promise<number> {
  const input = page.getByTestId(ids.sort).locator('input');
  await input.click();
  await input.fill('Name (Z-A)');
  const before = await page.getByTestId(ids.row).first().getAttribute('data-slo-id');
  await page.evaluate(() => {
    window.__overviewBench__!.from = performance.now();
  });
  await input.press('Enter');
  const handle = await page.waitForFunction(
    (a) => {
      // The new first row, rendered in full (not a placeholder of the windowed table).
      const row = document.querySelector(`[data-testid="${a.row}"]`);
      const first = row?.getAttribute('data-slo-id');
      return (
        first !== a.before &&
        !row?.hasAttribute('data-placeholder') &&
        performance.now() - window.__overviewBench__!.from
      );
    },
    { row: ids.row, before },
    { polling: 'raf', timeout: 60_000 }
  );
  return Math.round(Number(await handle.jsonValue()));
}

/**
 * Reads, in the page, the budgets left (data-value; null without a figure) of the rows in the viewport, top to bottom,
 * then every row's, scrolling each unread row into view (rows far from the viewport are placeholders without
 * figures), then scrolls back to the top. Plain JavaScript text, as PAGE_WATCHER.
 */
const READ_BUDGETS = `async (a) => {
  const rowsOf = () => [...document.querySelectorAll('[data-testid="' + a.row + '"]')];
  const budgetOf = (r) => {
    const cell = r.querySelector('[data-testid="' + a.budget + '"]');
    const v = cell ? cell.getAttribute('data-value') : null;
    return v === null ? 'placeholder' : v === '' ? null : Number(v);
  };
  const inView = (r) => {
    const b = r.getBoundingClientRect();
    return b.top < window.innerHeight && b.bottom > 0;
  };
  const settle = () => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(res, 50))));
  const screen = rowsOf().filter(inView).map(budgetOf);
  const all = new Map();
  for (let tries = 0; tries < 1000; tries++) {
    const rows = rowsOf();
    for (const r of rows) {
      const b = budgetOf(r);
      if (b !== 'placeholder') all.set(r.getAttribute('data-slo-id'), b);
    }
    const next = rows.find((r) => !all.has(r.getAttribute('data-slo-id')));
    if (!next) break;
    next.scrollIntoView({ block: 'start' });
    await settle();
  }
  const rows = rowsOf();
  if (rows.length > 0) rows[0].scrollIntoView({ block: 'end' });
  return { screen, all: [...all.values()], rows: rows.length };
}`;

/**
 * Whether the rows on the first screen are the lowest budgets left of all rows, in order (rows without a figure
 * last): the sort by budget left checked against every row's figure.
 */
async function checkBudgetOrder(page: Page): Promise<string> {
  type Budget = number | null | 'placeholder';
  const read = (await page.evaluate(
    `(${READ_BUDGETS})(${JSON.stringify({ row: ids.row, budget: ids.budgetLeft })})`
  )) as { screen: Budget[]; all: Budget[]; rows: number };
  if (read.all.length !== read.rows) {
    return `order NOT checked: read ${read.all.length} of ${read.rows} rows' budgets`;
  }
  const rank = (b: Budget) => (typeof b === 'number' ? b : Infinity);
  const lowest = [...read.all].sort((a, b) => rank(a) - rank(b)).slice(0, read.screen.length);
  const k = read.screen.length;
  return read.screen.every((b, i) => b === lowest[i])
    ? `order checked: the first ${k} rows are the ${k} lowest budgets (of ${read.rows})`
    : `order MISMATCH: the first screen reads ${JSON.stringify(
        read.screen
      )}, the ${k} lowest budgets are ${JSON.stringify(lowest)}`;
}

const ms = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x)} ms`);
/** A time since navigation as a time since the overview's mount. */
const sinceMount = (x: number | null, t: PageTimes) => (x === null || t.mount === null ? null : x - t.mount);
const num = (x: number) => x.toLocaleString('en-US');

function print(label: string, n: number, l: Load): void {
  const c = l.counts;
  const b = l.browser;
  process.stdout.write(
    `  ${label}: rows shown (loading) ${ms(l.times.shown)}, first screen in full ${ms(l.times.firstScreen)}, all ${
      l.rows
    } rows ${ms(l.times.allRows)}, ` +
      `with trends ${ms(l.times.done)}; ${c.requests} requests (${c.instants} instant, ${c.ranges} range; ` +
      `${(c.requests / n).toFixed(2)} per SLO), ${num(c.samples)} samples (${num(
        Math.round(c.samples / n)
      )} per SLO)\n` +
      `    where the time goes: Prometheus CPU ${l.promCpu.toFixed(1)} s; page main thread ${b.TaskDuration.toFixed(
        1
      )} s ` +
      `(script ${b.ScriptDuration.toFixed(1)} s, layout ${b.LayoutDuration.toFixed(
        1
      )} s, style ${b.RecalcStyleDuration.toFixed(1)} s)` +
      `${l.loading > 0 ? `; ${l.loading} rows still loading` : ''}\n`
  );
}

async function benchSize(browser: Browser, server: HostServer, promUrl: string, n: number): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript({
      content: `(${PAGE_WATCHER})(${JSON.stringify({ row: ids.row, root: ids.root, expect: n })})`,
    });
    if (CONCURRENCY !== undefined) {
      await page.addInitScript({
        content: `localStorage.setItem(${JSON.stringify(BENCH_CONCURRENCY_KEY)}, ${JSON.stringify(
          String(CONCURRENCY)
        )})`,
      });
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async (): Promise<Metrics> => {
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      const get = (name: string) => list.find((m) => m.name === name)?.value ?? 0;
      return {
        TaskDuration: get('TaskDuration'),
        ScriptDuration: get('ScriptDuration'),
        LayoutDuration: get('LayoutDuration'),
        RecalcStyleDuration: get('RecalcStyleDuration'),
      };
    };
    const urlOf = (path: string) =>
      hostPageUrl(server.url, path, { now: NOW, frozenClock: true, slos: [`bench-quarter-${n}`] });
    const url = urlOf('/a/burndown-slo-app/slos');
    if (PROFILE) {
      await startProfile(cdp);
    }
    const first = await measure(page, server, promUrl, metrics, () => page.goto(url));
    print('first load (from navigation)', n, first);
    if (PROFILE) {
      process.stdout.write(await stopProfile(cdp, n));
    }
    const ft = first.times;
    process.stdout.write(
      `  from the overview's mount (${ms(ft.mount)} after navigation: the page's boot): rows shown ${ms(
        sinceMount(ft.shown, ft)
      )}, first screen in full ${ms(sinceMount(ft.firstScreen, ft))}, all rows ${ms(
        sinceMount(ft.allRows, ft)
      )}, with trends ${ms(sinceMount(ft.done, ft))}\n`
    );
    // The page's Refresh, same page (its cache), same frozen minute: times from the click.
    await page.evaluate(() => {
      const w = window.__overviewBench__!;
      Object.assign(w, {
        shown: null,
        firstScreen: null,
        allRows: null,
        done: null,
        armed: false,
        from: performance.now(),
      });
    });
    const refresh = await measure(page, server, promUrl, metrics, () => page.getByTestId(ids.refresh).click());
    print(`refresh (evaluated ${(refresh.evaluatedAt - first.evaluatedAt) / 1000} s later)`, n, refresh);
    process.stdout.write(
      `  refresh costs ${((refresh.counts.samples / first.counts.samples) * 100).toFixed(
        1
      )}% of the first load's samples\n`
    );
    if (n > 1) {
      const resort = await resortMs(page);
      process.stdout.write(`  re-sorting the ${n} rows by name (Z-A), until the new first row shows: ${resort} ms\n`);
    }
    // Sorted by budget left (the URL's sort=budget-asc), a new page load (the page's cache empty again; Prometheus'
    // own caches warm): the first screen fills with the rows loaded first, and the order is final once every figure
    // is in (until then the rows without figures are listed last, as loading).
    const sorted = await measure(
      page,
      server,
      promUrl,
      metrics,
      () => page.goto(urlOf('/a/burndown-slo-app/slos?sort=budget-asc')),
      true
    );
    print('sorted by budget left, a new load (from navigation)', n, sorted);
    const st = sorted.times;
    process.stdout.write(
      `  sorted by budget left: first screen in full ${ms(sinceMount(st.firstScreen, st))}, ` +
        `order final (all figures) ${ms(sinceMount(st.allRows, st))}, from the overview's mount\n`
    );
    process.stdout.write(`  ${await checkBudgetOrder(page)}\n`);
    if (errors.length > 0) {
      process.stdout.write(`  page errors: ${errors.join(' | ')}\n`);
    }
    // T is the first screen in full from the overview's mount: in Grafana the app mounts inside a Grafana already
    // running, and the issue lets rows outside the viewport load later.
    process.stdout.write(`first screen in full from navigation: ${ms(ft.firstScreen)}, all rows ${ms(ft.allRows)}\n`);
    process.stdout.write(
      `overview: ${n} SLOs, ${(first.counts.requests / n).toFixed(1)} requests per SLO, ` +
        `${num(first.counts.samples)} samples, ${Math.round(sinceMount(ft.firstScreen, ft) ?? NaN)} ms ` +
        `(the first screen in full, from the overview's mount; all rows ${Math.round(
          sinceMount(ft.allRows, ft) ?? NaN
        )} ms)\n`
    );
  } finally {
    await context.close();
  }
}

runOnGeneratorPrometheus(async (promUrl) => {
  const sizes = (process.env.BENCH_SIZES ?? '1,50,200').split(',').map(Number);
  if (process.env.BENCH_NODE === '1') {
    await nodeOverviewBench(promUrl, sizes, Date.parse(NOW));
    return;
  }
  const build = await buildHost({ minify: !PROFILE });
  // The entry is what the overview loads; the rest are chunks loaded on demand (the editor's Monaco is most of them).
  const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
  process.stdout.write(
    `host bundle ${build.dir}, ${PROFILE ? 'not ' : ''}minified: ${mb(bundleBytes(build.dir))} MB of JavaScript, ` +
      `the entry ${mb(statSync(path.join(build.dir, 'host.js')).size)} MB ` +
      `(${build.cached ? 'cached' : `built in ${build.seconds} s`})\n`
  );
  // Each N's SLOs as the app's settings hold them (burndown/v1 entries), served by the host as fixture sets.
  // BENCH_MODE=recorded: the SLOs say `mode: recorded` and their tiles are in Prometheus (overviewRecorded.ts).
  const recorded = process.env.BENCH_MODE === 'recorded';
  const specs = (n: number) => quarterSlos(n).map((s) => (recorded ? { ...s, mode: 'recorded' as const } : s));
  if (recorded) {
    const log = (line: string) => process.stdout.write(`${line}\n`);
    await addQuarterTiles(promUrl, specs(Math.max(...sizes)), Date.parse(TILES_FROM), Date.parse(NOW), log);
  }
  const sloSets = Object.fromEntries(sizes.map((n) => [`bench-quarter-${n}`, specs(n).map(toSloDocumentSlo)]));
  const server = await startHostServer({ hostDir: build.dir, prometheusUrl: promUrl, countPrometheus: true, sloSets });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  process.stdout.write(
    `host ${server.url}, Prometheus ${promUrl}, Chromium ${CHROMIUM}; overview at ${NOW}, ${
      recorded ? 'recorded' : 'raw'
    } mode, ${CONCURRENCY ?? OVERVIEW_CONCURRENCY} SLOs at a time\n`
  );
  try {
    for (const n of sizes) {
      await benchSize(browser, server, promUrl, n);
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
