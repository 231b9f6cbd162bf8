import { APP_SETTINGS_URL, loadAppSlos, parseAppSlos, resetAppSlosCache, settingsErrorMessage } from '.';

// Grafana's convention: mock @grafana/runtime's backend service; only `get` is used here.
const getMock = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ get: getMock }),
}));

const slo = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `SLO ${id}`,
  datasource: { uid: 'prometheus' },
  indicator: { ratio: { bad: 'errors_total', total: 'requests_total' } },
  objective: '99.9%',
  window: { rolling: '28d' },
  ...extra,
});

beforeEach(() => {
  getMock.mockReset();
  resetAppSlosCache();
});

describe('parseAppSlos', () => {
  it('parses valid SLOs with defaults filled', () => {
    const { slos, errors } = parseAppSlos([slo('a'), slo('b')]);
    expect(errors).toEqual([]);
    expect(slos.map((s) => [s.id, s.objective, s.window.kind, s.budgetingMethod])).toEqual([
      ['a', 0.999, 'rolling', 'occurrences'],
      ['b', 0.999, 'rolling', 'occurrences'],
    ]);
  });

  it('keeps the valid SLOs when one is invalid, and reports the invalid one at its own position', () => {
    const { slos, errors } = parseAppSlos([slo('a'), slo('b', { objective: '150%' }), slo('c')]);
    expect(slos.map((s) => s.id)).toEqual(['a', 'c']);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.path.startsWith('slos[1]'))).toBe(true);
  });

  it('reports a settings value that is not a list, and treats a missing one as no SLOs', () => {
    expect(parseAppSlos({ not: 'a list' }).errors[0].message).toMatch(/list/);
    expect(parseAppSlos(undefined)).toEqual({ slos: [], errors: [] });
  });
});

describe('loadAppSlos', () => {
  it('reads jsonData.slos from the plugin settings once per page load', async () => {
    getMock.mockResolvedValue({ jsonData: { slos: [slo('a')] } });
    const first = await loadAppSlos();
    const second = await loadAppSlos();
    expect(first.slos[0].id).toBe('a');
    expect(second).toBe(first);
    expect(getMock).toHaveBeenCalledTimes(1);
    expect(getMock.mock.calls[0][0]).toBe(APP_SETTINGS_URL);
    expect(APP_SETTINGS_URL).toBe('/api/plugins/burndown-slo-app/settings');
  });

  it('does not cache a failed request', async () => {
    getMock.mockRejectedValueOnce({ status: 500, data: { message: 'database is locked' } });
    getMock.mockResolvedValueOnce({ jsonData: { slos: [slo('a')] } });
    const failure = await loadAppSlos().catch((e: unknown) => e);
    expect(settingsErrorMessage(failure)).toBe('HTTP 500: database is locked');
    expect((await loadAppSlos()).slos).toHaveLength(1);
    expect(getMock).toHaveBeenCalledTimes(2);
  });

  it('answers an app without settings with no SLOs', async () => {
    getMock.mockResolvedValue({ jsonData: null });
    expect(await loadAppSlos()).toEqual({ slos: [], errors: [] });
  });
});
