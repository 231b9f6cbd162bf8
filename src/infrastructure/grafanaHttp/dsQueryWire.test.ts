import { QueryError } from '../../query/client';
import type { FrameLike } from '../../query/frames';
import { dsQueryBody, dsQueryFrames, toFrameJSON } from './dsQueryWire';
import { GrafanaHttpApi } from './GrafanaHttpApi';

const frame: FrameLike = {
  name: 'x',
  refId: 'A',
  fields: [
    { name: 'Time', type: 'time', values: [1000, 2000, 3000] },
    { name: 'Value', type: 'number', values: [1.5, NaN, -Infinity], labels: { job: 'a' } },
  ],
};

describe('dsQueryWire', () => {
  it('builds the documented body for instant and range queries', () => {
    expect(dsQueryBody({ uid: 'p', type: 'prometheus' }, 'up', { kind: 'instant' }, 5, 5)).toEqual({
      from: '5',
      to: '5',
      queries: [
        {
          refId: 'A',
          datasource: { uid: 'p', type: 'prometheus' },
          expr: 'up',
          format: 'time_series',
          instant: true,
          range: false,
        },
      ],
    });
    const range = dsQueryBody({ uid: 'p', type: 'prometheus' }, 'up', { kind: 'range', stepMs: 60_000 }, 0, 600_000);
    expect(range.queries[0]).toMatchObject({ instant: false, range: true, interval: '60s', intervalMs: 60_000 });
  });

  it('decodes frames encoded in the wire form, NaN and infinities restored', () => {
    const wire = { results: { A: { status: 200, frames: [toFrameJSON(frame)] } } };
    const [back] = dsQueryFrames(JSON.parse(JSON.stringify(wire)), 'up');
    expect(back.fields[1].values).toEqual([1.5, NaN, -Infinity]);
    expect(back.fields[1].labels).toEqual({ job: 'a' });
  });

  it('turns a per-query error into a rejected QueryError and refuses what is not a frame', () => {
    expect(() => dsQueryFrames({ results: { A: { status: 400, error: 'bad_data: parse error' } } }, 'up(')).toThrow(
      expect.objectContaining({ kind: 'rejected', message: 'bad_data: parse error', expr: 'up(' })
    );
    expect(() => dsQueryFrames({ results: { A: { frames: [{ nope: 1 }] } } }, 'up')).toThrow(QueryError);
    expect(() => dsQueryFrames({ results: { A: { frames: 'x' } } }, 'up')).toThrow(/not a list/);
  });
});

describe('GrafanaHttpApi', () => {
  it('a 401 names Grafana, not the token; 429 is retried with the query layer policy', async () => {
    const statuses = [429, 401];
    const seen: string[] = [];
    const api = new GrafanaHttpApi('https://u:pw@grafana.example.com/', {
      token: 'glsa_SECRET',
      sleep: async () => undefined,
      transport: async (req) => {
        seen.push(`${req.method} ${req.url} ${req.headers.Authorization}`);
        const status = statuses.shift()!;
        return { status, statusText: '', headers: {}, body: JSON.stringify({ message: 'Invalid API key' }) };
      },
    });
    const e = await api.appSlos().catch((x: Error) => x);
    expect(e).toBeInstanceOf(QueryError);
    expect((e as Error).message).toContain('HTTP 401 from GET https://u:***@grafana.example.com/api/plugins/');
    expect((e as Error).message).not.toContain('SECRET');
    expect((e as Error).message).not.toContain('pw');
    expect(seen).toEqual([
      'GET https://grafana.example.com/api/plugins/burndown-slo-app/settings Bearer glsa_SECRET',
      'GET https://grafana.example.com/api/plugins/burndown-slo-app/settings Bearer glsa_SECRET',
    ]);
  });
});
