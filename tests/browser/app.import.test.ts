// The app's Import page and export in Chromium, against the faked plugin settings and the real Prometheus holding the
// generator's scenario: paste a real Sloth example and upload a Sloth file written for the scenario's counters, see
// every note next to its SLO (Sloth's 30-day default window), resolve a conflict with an existing id by renaming it,
// import in one write, and find the SLOs on the overview with the figures of the exact truth (the example's counters
// do not exist there: no data, never healthy). Provisioned settings get YAML to copy and no Import button. The
// overview's export downloads OpenSLO that the importer reads back to the same SLOs.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { importSpecs } from '../../src/import';
import { parseSloDocument } from '../../src/slo';
import { expectedAt, type ExpectedSlo } from '../integration/truth';
import { describeInBrowser, HostBrowser, type HostRequest } from './env';
import { ExportControl, ImportPage } from './pages/ImportPage';
import { DetailPage } from './pages/DetailPage';
import { OverviewPage } from './pages/OverviewPage';

const NOW = '2026-08-13T11:00:00Z';
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const EXAMPLE = path.join(FIXTURES, 'import', 'sloth', 'getting-started.yml');
const CHECKOUT = path.join(FIXTURES, 'import-app', 'checkout-sloth.yml');
const SCENARIO = parseSloDocument(readFileSync(path.join(FIXTURES, 'scenario-slos.yaml'), 'utf8')).file!.slos;
const FIGURE_TOLERANCE = 0.001;

const browser = new HostBrowser();
afterAll(() => browser.close());

async function openImport(req: HostRequest = {}): Promise<{ importPage: ImportPage; problems: string[] }> {
  const { page, problems } = await browser.open({
    now: NOW,
    slos: ['scenario-slos'],
    path: '/a/burndown-slo-app/import',
    ...req,
  });
  const importPage = new ImportPage(page);
  try {
    await importPage.settled();
  } catch (e) {
    throw new Error(`${(e as Error).message}\npage problems:\n${problems.join('\n')}`);
  }
  return { importPage, problems };
}

describeInBrowser('app: Import page and export', () => {
  it('imports a pasted Sloth example and an uploaded file, with notes, a renamed conflict, in one write; the overview shows them with the truth', async () => {
    const { importPage, problems } = await openImport();
    const page = importPage.page;
    expect(await importPage.readOnly()).toBe(false);
    await importPage.paste(readFileSync(EXAMPLE, 'utf8'));
    await importPage.upload([CHECKOUT]);
    expect(await importPage.uploadedFiles()).toEqual(['checkout-sloth.yml']);

    const { rows, refused } = await importPage.preview();
    expect(rows.map((r) => [r.id, r.selected, r.conflict, r.savedId])).toEqual([
      ['myservice-requests-availability', true, false, 'myservice-requests-availability'],
      ['checkout-availability', true, false, 'checkout-availability'],
      // The scenario's settings hold checkout-rolling: a conflict, skipped until renamed.
      ['checkout-rolling', true, true, ''],
    ]);
    expect(refused).toEqual([]);
    // Every note next to its SLO, with file:line:col and field: the pasted example's six, one per uploaded SLO.
    const example = rows[0];
    expect(example.notes.map((n) => `${n.file}:${n.line}:${n.column} ${n.path}`)).toEqual([
      'pasted:9:5 slos[0]',
      'pasted:17:7 slos[0].alerting.name',
      'pasted:18:7 slos[0].alerting.labels',
      'pasted:20:7 slos[0].alerting.annotations',
      'pasted:24:9 slos[0].alerting.page_alert.labels',
      'pasted:28:9 slos[0].alerting.ticket_alert.labels',
    ]);
    expect(example.notes[0].text).toContain("imported with Sloth's default, 30 days rolling");
    expect(example.text).toContain('Rolling 30d');
    expect(example.text).toContain('99.9%');
    expect(rows[1].notes.map((n) => `${n.file}:${n.line}:${n.column} ${n.path}`)).toEqual([
      'checkout-sloth.yml:7:5 slos[0]',
    ]);
    expect(await importPage.summary()).toEqual({ 'to-save': 2, conflicts: 1, refused: 0, notes: 8, blocked: 0 });

    // Rename: starts from a free id; an invalid one is refused and blocks the import.
    await importPage.resolve('checkout-rolling', 'Rename');
    expect(await importPage.renameInput('checkout-rolling').inputValue()).toBe('checkout-rolling-2');
    await importPage.rename('checkout-rolling', 'Checkout_Rolling');
    expect((await importPage.row('checkout-rolling')).problem).toBe(
      '"Checkout_Rolling" is not a valid id: use lowercase letters, digits and "-"'
    );
    expect(await importPage.importButton().isDisabled()).toBe(true);
    await importPage.rename('checkout-rolling', 'checkout-month');
    expect((await importPage.row('checkout-rolling')).problem).toBe('"checkout-month" is taken: pick another id');
    await importPage.rename('checkout-rolling', 'checkout-rolling-30d');
    expect((await importPage.row('checkout-rolling')).savedId).toBe('checkout-rolling-30d');
    expect(await importPage.importButton().innerText()).toBe('Import 3 SLOs');

    await importPage.importChosen();
    expect(await importPage.error()).toBe('');
    expect(await importPage.savedIds()).toEqual([
      'myservice-requests-availability',
      'checkout-availability',
      'checkout-rolling-30d',
    ]);
    // One POST carried all three.
    const writes = (await page.evaluate(() => window.__burndownRequests__ ?? [])).filter((r) => r.method === 'POST');
    expect(writes.map((r) => [new URL(r.url, 'http://x').pathname, r.status])).toEqual([
      ['/api/plugins/burndown-slo-app/settings', 200],
    ]);
    expect(await importPage.overviewHref()).toBe('/a/burndown-slo-app/slos');

    // The overview (same tab: the faked settings keep what was saved) lists them with figures from Prometheus.
    const url = new URL(page.url());
    url.pathname = '/a/burndown-slo-app/slos';
    url.searchParams.delete('from');
    await page.goto(url.toString());
    const overview = await new OverviewPage(page).settled();
    const t = await overview.evaluatedAt();
    const seen = await overview.rows();
    expect(seen.map((r) => r.id)).toEqual(
      expect.arrayContaining(['myservice-requests-availability', 'checkout-availability', 'checkout-rolling-30d'])
    );
    expect(seen).toHaveLength(SCENARIO.length + 3);
    // The example's counters are not in the scenario: no data, never healthy.
    const example_ = seen.find((r) => r.id === 'myservice-requests-availability')!;
    expect([example_.state, example_.remaining]).toEqual(['noData', null]);
    const rolling30 = (id: string, objective: number): ExpectedSlo => ({
      id,
      indicator: 'ratio',
      objective,
      window: { kind: 'rolling', durationMs: 30 * 86_400_000 },
      exclusions: [],
      policy: [],
    });
    for (const [id, objective] of [
      ['checkout-availability', 0.995],
      ['checkout-rolling-30d', 0.99],
    ] as const) {
      const row = seen.find((r) => r.id === id)!;
      const want = expectedAt(rolling30(id, objective), t).figures;
      const dev = Math.abs(row.remaining! - want.remaining);
      process.stdout.write(`${id}: budget left ${row.remaining} vs truth ${want.remaining} (dev ${dev})\n`);
      expect(dev).toBeLessThanOrEqual(FIGURE_TOLERANCE);
      expect(row.basis).toBe('window');
    }
    expect(problems).toEqual([]);
  });

  it('is read-only when the settings are provisioned: YAML to copy into the provisioning file, no Import button', async () => {
    const { importPage, problems } = await openImport({ jsonData: { provisioned: true } });
    expect(await importPage.readOnly()).toBe(true);
    await importPage.upload([CHECKOUT]);
    // The conflict still shows: the provisioning file already holds checkout-rolling.
    await importPage.resolve('checkout-rolling', 'Rename');
    const yaml = await importPage.yaml();
    expect(parseSloDocument(yaml).file?.slos.map((s) => [s.id, s.objective])).toEqual([
      ['checkout-availability', 0.995],
      ['checkout-rolling-2', 0.99],
    ]);
    expect(await importPage.copyYamlButton().isVisible()).toBe(true);
    expect(await importPage.importButton().count()).toBe(0);
    const writes = (await importPage.page.evaluate(() => window.__burndownRequests__ ?? [])).filter(
      (r) => r.method === 'POST'
    );
    expect(writes).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a user without plugins:write gets the YAML too', async () => {
    const { importPage } = await openImport({ role: 'Viewer' });
    expect(await importPage.readOnly()).toBe(true);
    await importPage.paste(readFileSync(EXAMPLE, 'utf8'));
    expect(await importPage.yaml()).toContain('id: myservice-requests-availability');
    expect(await importPage.importButton().count()).toBe(0);
  });

  it("exports the overview's filtered SLOs, or all, as OpenSLO that the importer reads back, with notes", async () => {
    const { page } = await browser.open({ now: NOW, slos: ['scenario-slos'], path: '/a/burndown-slo-app/slos' });
    const overview = await new OverviewPage(page).settled();
    await overview.search('rolling');
    const control = await new ExportControl(page).open();
    await control.chooseTarget('OpenSLO');
    expect(await control.count()).toBe(1);
    const one = await control.download();
    expect(one.name).toBe('slos-filtered.openslo.yaml');
    const back = importSpecs([{ file: one.name, text: one.text }]);
    const rolling = SCENARIO.find((s) => s.id === 'checkout-rolling')!;
    expect(back.refusals).toEqual([]);
    expect(back.slos.map((s) => [s.id, s.objective, s.window, s.indicator])).toEqual([
      [rolling.id, rolling.objective, rolling.window, rolling.indicator],
    ]);

    await control.chooseScope(/^All/);
    const all = await control.download();
    expect(all.name).toBe('slos.openslo.yaml');
    const allBack = importSpecs([{ file: all.name, text: all.text }]);
    expect(allBack.refusals).toEqual([]);
    // Every SLO OpenSLO can express comes back equal; the fixed window is left out with a note.
    const written = SCENARIO.filter((s) => s.window.kind !== 'fixed');
    expect(await control.count()).toBe(written.length);
    expect(allBack.slos.map((s) => [s.id, s.objective, s.window, s.indicator])).toEqual(
      written.map((s) => [s.id, s.objective, s.window, s.indicator])
    );
    const notes = await control.notes();
    expect(notes.some((n) => n.sloId === 'checkout-fixed')).toBe(true);
    expect(notes.some((n) => n.sloId === 'checkout-excl' && /exclusions/.test(n.path))).toBe(true);

    await control.chooseTarget('Burndown YAML');
    const yaml = await control.download();
    expect(yaml.name).toBe('slos.burndown.yaml');
    // The settings as the host seeds them: the scenario's SLOs on its Prometheus data source.
    expect(parseSloDocument(yaml.text).file?.slos).toEqual(
      SCENARIO.map((s) => ({ ...s, datasource: { uid: 'prometheus' } }))
    );
  });

  it('exports one SLO from its Definition tab as OpenSLO, with notes for what OpenSLO cannot express', async () => {
    const { page } = await browser.open({
      now: NOW,
      slos: ['scenario-slos'],
      path: '/a/burndown-slo-app/slos/checkout-rolling',
    });
    const detail = await new DetailPage(page).settled();
    await detail.tab('definition');
    const control = await new ExportControl(page).ready();
    await control.chooseTarget('OpenSLO');
    const file = await control.download();
    expect(file.name).toBe('checkout-rolling.openslo.yaml');
    const rolling = SCENARIO.find((s) => s.id === 'checkout-rolling')!;
    const back = importSpecs([{ file: file.name, text: file.text }]);
    expect(back.slos.map((s) => [s.id, s.name, s.objective, s.window, s.indicator])).toEqual([
      [rolling.id, rolling.name, rolling.objective, rolling.window, rolling.indicator],
    ]);
    // Its policy and data source have no OpenSLO field: each is a note naming the field.
    expect((await control.notes()).map((n) => n.path)).toEqual(
      expect.arrayContaining(['slos[0].policy', 'slos[0].datasource'])
    );
  });
});
