// The app's config page (Settings, AppPlugin.addConfigPage, at /plugins/burndown-slo-app?page=settings as in Grafana)
// in Chromium on the test host, against the faked plugin settings endpoint (tests/browser/host/grafana/
// pluginSettings.ts). A default time zone saved there survives a reload, keeps the SLOs and every other jsonData key,
// and is what the app's SLOs then read; an invalid SLO is counted and listed with its error and a link; provisioned
// settings and viewers get no Save. Opening a path with a query string checks HostBrowser.open (env.ts).

import { pageTestIds } from '../../src/shared/testIds';
import { describeInBrowser, HostBrowser, type HostRequest } from './env';
import { hostPageUrl } from './host/params';
import { SettingsPage } from './pages/SettingsPage';

const PATH = '/plugins/burndown-slo-app?page=settings';
const ids = pageTestIds.settings;

const browser = new HostBrowser();
afterAll(() => browser.close());

async function openSettings(req: HostRequest = {}): Promise<{ settings: SettingsPage; problems: string[] }> {
  const { page, problems } = await browser.open({ slos: ['scenario-slos', 'invalid-slos'], path: PATH, ...req });
  const settings = new SettingsPage(page);
  try {
    await settings.settled();
  } catch (e) {
    throw new Error(`${(e as Error).message}\npage problems:\n${problems.join('\n')}`);
  }
  return { settings, problems };
}

describe('hostPageUrl', () => {
  it("puts the host's parameters first and keeps the path's own query after them", () => {
    expect(hostPageUrl('http://h', '/a/x/slos/y?tab=episodes&period=2026-08', { role: 'Viewer' })).toBe(
      'http://h/a/x/slos/y?role=Viewer&tab=episodes&period=2026-08'
    );
    expect(hostPageUrl('http://h', '/a/x', { role: 'Viewer' })).toBe('http://h/a/x?role=Viewer');
    expect(hostPageUrl('http://h', '/', {})).toBe('http://h/?');
  });
});

describeInBrowser('app: Settings (config page)', () => {
  it('saves a default time zone that survives a reload and is what the SLOs read, keeping every other key', async () => {
    const { settings, problems } = await openSettings({ jsonData: { somethingElse: { kept: true } } });
    const page = settings.page;
    // HostBrowser.open with a path that has a query: both the page's key and the host's survive.
    const url = new URL(page.url());
    expect([url.pathname, url.searchParams.get('page'), url.searchParams.get('slos')]).toEqual([
      '/plugins/burndown-slo-app',
      'settings',
      'scenario-slos,invalid-slos',
    ]);
    const before = await settings.counts();
    expect(await settings.timeZone.inputValue()).toBe('');
    await settings.saveTimeZone('Asia/Tokyo');
    expect(await page.getByTestId(ids.saved).count()).toBe(1);

    await page.reload();
    await settings.settled();
    expect(await settings.timeZone.inputValue()).toBe('Asia/Tokyo');
    expect(await settings.counts()).toEqual(before);

    // What is stored, and what the app's SLOs read through the same repository the pages use.
    const read = await page.evaluate(async () => {
      const host = window.__burndownHost__!;
      const stored = await host.backendSrv.get('/api/plugins/burndown-slo-app/settings');
      const snapshot = await host.settingsRepository().load();
      const zoneOf = (id: string) => {
        const w = snapshot.slos.find((s) => s.id === id)?.window;
        return w?.kind === 'calendar' ? w.timeZone : w?.kind;
      };
      return {
        jsonData: stored.jsonData as Record<string, unknown>,
        zones: ['checkout-month', 'checkout-q-berlin', 'checkout-rolling'].map(zoneOf),
      };
    });
    process.stdout.write(
      `settings: ${before.valid} valid, ${before.invalid} invalid; zones after save ${read.zones.join(', ')}\n`
    );
    expect(read.jsonData.defaultTimeZone).toBe('Asia/Tokyo');
    expect(read.jsonData.somethingElse).toEqual({ kept: true });
    expect((read.jsonData.slos as unknown[]).length).toBe(before.valid + before.invalid);
    // A calendar SLO that names no zone takes the default; one that names Berlin keeps it; rolling has none.
    expect(read.zones).toEqual(['Asia/Tokyo', 'Europe/Berlin', 'rolling']);
    expect(problems).toEqual([]);
  });

  it('shows 1 invalid SLO with its error and a link to the overview filtered to invalid SLOs', async () => {
    const { settings } = await openSettings();
    const counts = await settings.counts();
    expect(counts.invalid).toBe(1);
    expect(counts.valid).toBeGreaterThan(5);
    const [text] = await settings.invalid();
    expect(text).toContain('checkout-invalid');
    expect(text).toMatch(/slos\[\d+\]\.objective: .*150%/);
    const link = settings.page.getByTestId(ids.invalidLink);
    expect(await link.getAttribute('href')).toMatch(/\/a\/burndown-slo-app\/slos\?status=invalid$/);
  });

  it('is read-only for a provisioned setup: no Save, a notice that provisioning rewrites the settings', async () => {
    const { settings } = await openSettings({ jsonData: { provisioned: true, defaultTimeZone: 'Europe/Berlin' } });
    const page = settings.page;
    expect(await settings.root.getAttribute('data-provisioned')).toBe('true');
    expect(await settings.save.count()).toBe(0);
    expect(await page.getByTestId(ids.readOnly).innerText()).toContain('provisioning manages these settings');
    expect(await page.getByTestId(ids.source).innerText()).toMatch(/rewrites the app's settings .* restarts/);
    expect(await settings.timeZone.isDisabled()).toBe(true);
    expect(await settings.timeZone.inputValue()).toBe('Europe/Berlin');
  });

  it('offers no Save to a viewer', async () => {
    const { settings } = await openSettings({ role: 'Viewer' });
    expect(await settings.root.getAttribute('data-can-write')).toBe('false');
    expect(await settings.save.count()).toBe(0);
    expect(await settings.page.getByTestId(ids.readOnly).innerText()).toContain('plugins:write');
  });
});
