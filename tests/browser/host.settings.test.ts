// The test host's faked plugin settings and user endpoints (tests/browser/host/grafana/pluginSettings.ts, user.ts),
// driven in Chromium through the backendSrv the app uses. Like Grafana's endpoint it keeps no revision: GET answers
// what was last POSTed, and that survives a reload; it refuses the bodies Grafana would misread (a missing `enabled`
// would disable the app) and users without plugins:write. Then the app's settings repository runs against it.

import type { Page } from 'playwright-core';

import { describeInBrowser, HostBrowser, type HostRequest } from './env';

const browser = new HostBrowser();
afterAll(() => browser.close());

const URL_ = '/api/plugins/burndown-slo-app/settings';

interface Answer {
  status: number;
  data: { enabled?: boolean; pinned?: boolean; jsonData?: Record<string, unknown>; message?: string } & Record<
    string,
    unknown
  >;
}

async function call(page: Page, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Answer> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const srv = window.__burndownHost__!.backendSrv;
      try {
        const data = method === 'GET' ? await srv.get(url) : await srv.post(url, body);
        return { status: 200, data };
      } catch (e) {
        const err = e as { status: number; data: Answer['data'] };
        return { status: err.status, data: err.data };
      }
    },
    { method, url, body }
  );
}

async function open(req: HostRequest = {}): Promise<Page> {
  const { page } = await browser.open({ slos: ['invalid-slos'], path: '/a/burndown-slo-app/slos', ...req });
  await page.waitForFunction(() => window.__burndownHost__ !== undefined);
  return page;
}

describeInBrowser('test host: faked plugin settings and user', () => {
  it('stores exactly what is POSTed, with no revision of its own, and keeps it across a reload', async () => {
    const page = await open({ jsonData: { defaultTimeZone: 'UTC' } });
    const before = await call(page, 'GET', URL_);
    expect(before.status).toBe(200);
    expect(before.data.enabled).toBe(true);
    expect(before.data.jsonData).toMatchObject({ defaultTimeZone: 'UTC', slos: [{ id: 'checkout-invalid' }] });
    const next = { enabled: true, pinned: false, jsonData: { slos: [{ id: 'x' }], other: 1 } };
    expect((await call(page, 'POST', URL_, next)).status).toBe(200);
    await page.reload();
    await page.waitForFunction(() => window.__burndownHost__ !== undefined);
    const after = await call(page, 'GET', URL_);
    expect([after.data.enabled, after.data.pinned, after.data.jsonData]).toEqual([true, false, next.jsonData]);
  });

  it('refuses bodies Grafana would misread: missing enabled/pinned, no jsonData, unknown fields', async () => {
    const page = await open();
    const bad = [
      { pinned: true, jsonData: {} },
      { enabled: true, pinned: true },
      { enabled: true, pinned: true, jsonData: {}, slos: [] },
    ];
    for (const body of bad) {
      const a = await call(page, 'POST', URL_, body);
      expect(a.status).toBe(400);
    }
    expect((await call(page, 'POST', URL_, bad[2])).data.message).toMatch(/unknown field slos/);
    // Nothing was stored.
    expect((await call(page, 'GET', URL_)).data.jsonData).toMatchObject({ slos: [{ id: 'checkout-invalid' }] });
  });

  it('answers 403 to a user without plugins:write, and GET /api/user with the signed-in user', async () => {
    const page = await open({ role: 'Editor' });
    const a = await call(page, 'POST', URL_, { enabled: true, pinned: true, jsonData: {} });
    expect(a.status).toBe(403);
    expect(a.data.message).toMatch(/plugins:write/);
    const user = await call(page, 'GET', '/api/user');
    expect(user.status).toBe(200);
    expect(user.data).toMatchObject({ login: 'admin', isGrafanaAdmin: false, orgId: 1 });
  });
});

describeInBrowser("test host: the app's settings repository against the faked endpoint", () => {
  it('merges a change to another SLO made meanwhile, and refuses one to the same SLO', async () => {
    const page = await open({ slos: ['scenario-slos'] });
    const result = await page.evaluate(async () => {
      const host = window.__burndownHost__!;
      const repo = host.settingsRepository();
      const srv = host.backendSrv;
      const url = '/api/plugins/burndown-slo-app/settings';
      const base = await repo.load();
      const raw = base.rawSlos as Array<Record<string, unknown>>;
      // Someone else changes the second SLO, the way their repository would: one POST of the whole settings.
      const stored = (await srv.get(url)) as { enabled: boolean; pinned: boolean; jsonData: Record<string, unknown> };
      const theirs = raw.map((s, i) => (i === 1 ? { ...s, name: 'Renamed by Bob' } : s));
      await srv.post(url, {
        enabled: stored.enabled,
        pinned: stored.pinned,
        jsonData: { ...stored.jsonData, slos: theirs },
      });
      // Ours changes the first: merged.
      const mine = await repo.saveSlo(base, { ...(raw[0] as { id: string }), objective: '99%' });
      // Ours again, from the stale base, on the SLO Bob changed: refused.
      const conflict = await repo.saveSlo(base, { ...(raw[1] as { id: string }), objective: '98%' }).then(
        () => 'saved',
        (e: Error) => `${e.name}: ${e.message}`
      );
      const after = (await srv.get(url)) as {
        jsonData: { slos: Array<Record<string, unknown>>; burndownRevision: number };
      };
      return {
        revision: mine.revision,
        names: after.jsonData.slos.slice(0, 2).map((s) => [s.id, s.name, s.objective]),
        stored: after.jsonData.burndownRevision,
        conflict,
      };
    });
    expect(result.revision).toBe(1);
    expect(result.stored).toBe(1);
    expect(result.names).toEqual([
      ['checkout-q-utc', 'Checkout availability, calendar quarter (UTC)', '99%'],
      ['checkout-q-berlin', 'Renamed by Bob', '99.5%'],
    ]);
    expect(result.conflict).toBe(
      'ConflictError: SLO "checkout-q-berlin" was changed by someone else since you loaded it. Reload to see their change, then re-apply yours.'
    );
  });
});
