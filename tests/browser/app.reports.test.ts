// The app's Reports page in Chromium, against the real Prometheus holding the generator's scenario (through the faked
// /api/ds/query): choose last quarter, check the figures against the exact truth (docs/semantics.md section 9),
// download the CSV and parse it, and print the printable page to PDF.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { CSV_COLUMNS } from '../../src/report/render';
import { parseCsv } from '../integration/csv';
import { ROOT } from '../integration/servers';
import { at, countsOver, figuresFor, iso, sloById } from '../integration/truth';
import { describeInBrowser, HostBrowser } from './env';
import { ReportsPage } from './pages/ReportsPage';

const NOW = '2026-10-20T00:00:00Z';
const TOLERANCE = 0.001;
/** Last quarter at NOW in each SLO's own calendar (tests/fixtures/scenario-slos.yaml). */
const LAST_QUARTER: Record<string, [string, string]> = {
  'checkout-q-utc': ['2026-07-01T00:00:00Z', '2026-10-01T00:00:00Z'],
  'checkout-q-berlin': ['2026-06-30T22:00:00Z', '2026-09-30T22:00:00Z'],
  // Fiscal quarters start in September: the last complete one is June to August.
  'checkout-fiscal': ['2026-06-01T00:00:00Z', '2026-09-01T00:00:00Z'],
};

const browser = new HostBrowser();
afterAll(() => browser.close());

describeInBrowser('app: Reports', () => {
  it('last quarter: figures equal the truth per SLO calendar; CSV downloads and parses; the printable page prints', async () => {
    const { page, problems } = await browser.open({
      now: NOW,
      slos: ['scenario-slos'],
      path: '/a/burndown-slo-app/reports',
    });
    const reports = new ReportsPage(page);
    await reports.settled();
    expect(new URL(page.url()).pathname).toBe('/a/burndown-slo-app/reports');

    await reports.choosePeriod('Last quarter');
    expect(new URL(page.url()).searchParams.get('period')).toBe('last-quarter');
    const rows = await reports.rows();
    for (const [id, [from, to]] of Object.entries(LAST_QUARTER)) {
      const row = rows.find((r) => r.id === id)!;
      const slo = sloById(id);
      const truth = figuresFor(slo, countsOver(at(from), at(to), slo.exclusions));
      const dev = Math.abs(row.budgetUsed! - (1 - truth.remaining));
      process.stdout.write(
        `reports ${id} ${from}..${to}: budget used ${row.budgetUsed}, truth ${1 - truth.remaining}\n`
      );
      expect(dev).toBeLessThan(TOLERANCE);
      expect(row.met).toBe(truth.sli! >= slo.objective);
      expect(row.text).toMatch(row.met ? /Met/ : /Missed/);
    }

    const csv = await reports.download('csv');
    expect(csv.name).toBe('burndown-report-2026-Q3.csv');
    const [head, ...body] = parseCsv(csv.text);
    expect(head).toEqual([...CSV_COLUMNS]);
    expect(body.map((r) => r[CSV_COLUMNS.indexOf('slo')])).toEqual(rows.map((r) => r.id));
    for (const cells of body) {
      const row = rows.find((r) => r.id === cells[CSV_COLUMNS.indexOf('slo')])!;
      expect(Number(cells[CSV_COLUMNS.indexOf('budget_used')])).toBe(row.budgetUsed);
    }
    const utc = body.find((r) => r[CSV_COLUMNS.indexOf('slo')] === 'checkout-q-utc')!;
    expect([utc[CSV_COLUMNS.indexOf('period_start')], utc[CSV_COLUMNS.indexOf('period_end')]]).toEqual(
      LAST_QUARTER['checkout-q-utc']
    );

    const printable = await reports.openPrintable();
    expect(await printable.title()).toMatch(/^SLO report: /);
    const pdf = await printable.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    const out = path.join(ROOT, '.cache', 'report-last-quarter.pdf');
    writeFileSync(out, pdf);
    process.stdout.write(`printed ${pages} PDF page(s), ${pdf.length} bytes: ${out}\n`);
    expect(problems).toEqual([]);
  });

  it('a typed period lives in the URL and survives a reload; an unknown period says why', async () => {
    const { page } = await browser.open({ now: NOW, slos: ['scenario-slos'], path: '/a/burndown-slo-app/reports' });
    const reports = new ReportsPage(page);
    await reports.settled();
    await reports.typePeriod('2026-08-10/2026-08-17');
    expect(new URL(page.url()).searchParams.get('period')).toBe('2026-08-10/2026-08-17');
    const before = await reports.rows();
    await page.reload();
    await reports.settled();
    expect(await reports.rows()).toEqual(before);
    const fixed = before.find((r) => r.id === 'checkout-fixed')!;
    const truth = figuresFor(
      sloById('checkout-fixed'),
      countsOver(at('2026-08-10T00:00:00Z'), at('2026-08-17T00:00:00Z'))
    );
    expect(Math.abs(fixed.budgetUsed! - (1 - truth.remaining))).toBeLessThan(TOLERANCE);
    process.stdout.write(`reports fixed window ${iso(at('2026-08-10T00:00:00Z'))}: budget used ${fixed.budgetUsed}\n`);

    await reports.typePeriod('2026-13');
    await expect(page.getByText('no month 13').first().isVisible()).resolves.toBe(true);
  });
});
