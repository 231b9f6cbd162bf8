// The test host's faked Grafana API itself (tests/browser/host/fakeGrafana.ts), driven in Chromium through the
// backendSrv the panel uses: /api/ds/query answers in Grafana's wire form with the values the real Prometheus gives,
// NaN travels in `entities`, a rejected query is HTTP 400 with Prometheus' message, and the app settings carry the
// fixture's SLOs. If these drift from Grafana, every panel test above them means less.

import type { Page } from 'playwright-core';

import { at } from '../integration/truth';
import { describeInBrowser, HostBrowser } from './env';
import { readBrowserState } from './state';

const browser = new HostBrowser();
afterAll(() => browser.close());

interface WireFrame {
  schema: {
    refId?: string;
    meta?: { type?: string };
    fields: Array<{ name: string; type: string; config?: { interval?: number }; labels?: Record<string, string> }>;
  };
  data: { values: Array<Array<number | null>>; entities?: Array<{ NaN?: number[] } | null> };
}
interface Answer {
  ok: boolean;
  status: number;
  results?: Record<string, { status?: number; error?: string; frames?: WireFrame[] }>;
}

/** POST /api/ds/query through the page's backendSrv, as the panel's GrafanaPromClient does. */
async function dsQuery(page: Page, body: Record<string, unknown>): Promise<Answer> {
  return page.evaluate(async (data) => {
    const srv = window.__burndownHost__!.backendSrv;
    try {
      const res = await srv.post('/api/ds/query', data);
      return { ok: true, status: 200, results: res.results };
    } catch (e) {
      const err = e as { status: number; data: { results?: Answer['results'] } };
      return { ok: false, status: err.status, results: err.data?.results };
    }
  }, body);
}

const ds = { uid: 'prometheus', type: 'prometheus' };
const SELECTOR = 'sum(increase(http_requests_total{job="checkout"}[1h]))';

async function prometheus(
  path: string,
  params: Record<string, string>
): Promise<{ status: string; data: { result: Array<{ values: Array<[number, string]> }> } }> {
  const url = `${readBrowserState()!.prometheusUrl}${path}?${new URLSearchParams(params)}`;
  return (await fetch(url)).json() as never;
}

describeInBrowser('test host: faked Grafana API', () => {
  let page: Page;
  beforeAll(async () => {
    ({ page } = await browser.open({
      now: '2026-08-13T11:00:00Z',
      from: 'now-1d',
      options: { mode: 'slo', sloId: 'checkout-q-utc' },
    }));
    await page.locator('[data-host-state="done"]').waitFor();
  });

  it('answers a range query with the frames and values Prometheus gives, step pinned by interval', async () => {
    const from = at('2026-08-10T00:00:00Z');
    const to = at('2026-08-12T00:00:00Z');
    const answer = await dsQuery(page, {
      from: String(from),
      to: String(to),
      queries: [
        {
          refId: 'A',
          datasource: ds,
          expr: SELECTOR,
          range: true,
          instant: false,
          interval: '3600s',
          intervalMs: 3_600_000,
          maxDataPoints: 11_000,
        },
      ],
    });
    expect(answer.ok).toBe(true);
    const frames = answer.results!.A.frames!;
    expect(frames).toHaveLength(1);
    const [time, value] = frames[0].schema.fields;
    expect([time.name, time.type, value.name, value.type]).toEqual(['Time', 'time', 'Value', 'number']);
    expect(time.config?.interval).toBe(3_600_000);
    expect(frames[0].schema.refId).toBe('A');
    expect(frames[0].schema.meta?.type).toBe('timeseries-multi');
    const direct = await prometheus('/api/v1/query_range', {
      query: SELECTOR,
      start: String(from / 1000),
      end: String(to / 1000),
      step: '3600',
    });
    const want = direct.data.result[0].values;
    expect(frames[0].data.values[0]).toEqual(want.map(([t]) => t * 1000));
    expect(frames[0].data.values[1]).toEqual(want.map(([, v]) => Number(v)));
  });

  it('replaces $__interval_ms with the step it chose', async () => {
    const answer = await dsQuery(page, {
      from: String(at('2026-08-10T00:00:00Z')),
      to: String(at('2026-08-10T06:00:00Z')),
      queries: [{ refId: 'A', datasource: ds, expr: 'vector($__interval_ms)', range: true, interval: '15m' }],
    });
    const f = answer.results!.A.frames![0];
    expect(new Set(f.data.values[1])).toEqual(new Set([900_000]));
    expect(f.data.values[0][1]! - f.data.values[0][0]!).toBe(900_000);
  });

  it('sends NaN as null plus an entities index, like Grafana', async () => {
    const answer = await dsQuery(page, {
      from: String(at('2026-08-10T00:00:00Z')),
      to: String(at('2026-08-10T00:00:00Z')),
      queries: [{ refId: 'A', datasource: ds, expr: 'vector(0) / vector(0)', instant: true, range: false }],
    });
    const f = answer.results!.A.frames![0];
    expect(f.schema.meta?.type).toBe('numeric-multi');
    expect(f.data.values[1]).toEqual([null]);
    expect(f.data.entities?.[1]).toEqual({ NaN: [0] });
  });

  it("answers HTTP 400 with Prometheus' message when it rejects a query", async () => {
    const answer = await dsQuery(page, {
      from: String(at('2026-08-10T00:00:00Z')),
      to: String(at('2026-08-10T01:00:00Z')),
      queries: [{ refId: 'A', datasource: ds, expr: 'sum(rate(x[5m]', instant: true }],
    });
    expect(answer.ok).toBe(false);
    expect(answer.status).toBe(400);
    expect(answer.results!.A.status).toBe(400);
    expect(answer.results!.A.error).toMatch(/^bad_data: .*parse error/);
  });

  it('refuses a datasource that does not exist', async () => {
    const answer = await dsQuery(page, {
      from: '0',
      to: '1000',
      queries: [{ refId: 'A', datasource: { uid: 'nope' }, expr: '1' }],
    });
    expect(answer.status).toBe(404);
  });

  it("returns the app's SLOs from the fixture, each with the Prometheus datasource", async () => {
    const settings = await page.evaluate(() =>
      window.__burndownHost__!.backendSrv.get('/api/plugins/burndown-slo-app/settings')
    );
    const slos = (
      settings as { enabled: boolean; jsonData: { slos: Array<{ id: string; datasource: { uid: string } }> } }
    ).jsonData.slos;
    expect(slos.map((s) => s.id)).toContain('checkout-q-utc');
    expect(slos.length).toBe(8);
    expect(new Set(slos.map((s) => s.datasource.uid))).toEqual(new Set(['prometheus']));
  });
});
