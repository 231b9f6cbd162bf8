import { of, throwError } from 'rxjs';
import { GrafanaPromClient } from './GrafanaPromClient';

// Grafana's convention: mock @grafana/runtime's backend service; only `fetch` is used.
const fetchMock = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: fetchMock }),
}));

beforeEach(() => fetchMock.mockReset());

describe('GrafanaPromClient', () => {
  it('sends a range query through /api/ds/query with the step pinned, and decodes frames with NaN entities', async () => {
    fetchMock.mockReturnValue(
      of({
        data: {
          results: {
            A: {
              status: 200,
              frames: [
                {
                  schema: {
                    meta: { type: 'timeseries-multi' },
                    fields: [
                      { name: 'Time', type: 'time' },
                      { name: 'Value', type: 'number', labels: {} },
                    ],
                  },
                  data: {
                    values: [
                      [60_000, 120_000],
                      [1, null],
                    ],
                    entities: [null, { NaN: [1] }],
                  },
                },
              ],
            },
          },
        },
      })
    );
    const frames = await new GrafanaPromClient('prom-uid').range('sum(increase(x[60s]))', 60_000, 120_000, 60_000);
    const req = fetchMock.mock.calls[0][0];
    expect(req.url).toBe('/api/ds/query');
    expect(req.data.from).toBe('60000');
    expect(req.data.queries[0]).toMatchObject({
      expr: 'sum(increase(x[60s]))',
      range: true,
      instant: false,
      interval: '60s',
      intervalMs: 60_000,
      datasource: { uid: 'prom-uid' },
    });
    expect(Number.isNaN((frames[0].fields[1].values as number[])[1])).toBe(true);
  });

  it('turns a query error in the result into a rejected QueryError with the datasource message', async () => {
    fetchMock.mockReturnValue(
      of({ data: { results: { A: { status: 400, error: 'bad_data: parse error at char 5' } } } })
    );
    await expect(new GrafanaPromClient('p').instant('sum(', 1000)).rejects.toMatchObject({
      kind: 'rejected',
      message: 'bad_data: parse error at char 5',
    });
  });

  it('maps HTTP failures from the Grafana server', async () => {
    fetchMock.mockReturnValue(
      throwError(() => ({ status: 502, statusText: 'Bad Gateway', data: { message: 'datasource down' } }))
    );
    await expect(new GrafanaPromClient('p').instant('x', 1000)).rejects.toMatchObject({ kind: 'http', status: 502 });
  });
});
