import { setDataSourceSrv, type DataSourceSrv } from '@grafana/runtime';
import type { DataSourceInstanceSettings } from '@grafana/data';

import { defaultDatasourceNotice, NoDatasourceError, resolveSloDatasource } from './resolveSloDatasource';

const ds = (uid: string, type: string, isDefault = false) =>
  ({ uid, type, name: uid.toUpperCase(), isDefault } as unknown as DataSourceInstanceSettings);

function install(list: DataSourceInstanceSettings[]) {
  setDataSourceSrv({
    getInstanceSettings: (ref?: unknown) => (ref == null ? list.find((d) => d.isDefault) : undefined),
    getList: (filters?: { filter?: (d: DataSourceInstanceSettings) => boolean }) =>
      list.filter((d) => !filters?.filter || filters.filter(d)),
  } as unknown as DataSourceSrv);
}

describe('resolveSloDatasource', () => {
  it('uses the data source the SLO names', () => {
    install([]);
    expect(resolveSloDatasource({ id: 'a', datasource: { uid: 'mimir', type: 'prometheus' } })).toEqual({
      uid: 'mimir',
      type: 'prometheus',
      isDefault: false,
    });
  });

  it("uses Grafana's default when it is Prometheus, else the first Prometheus, and says so", () => {
    install([ds('loki', 'loki'), ds('prom', 'prometheus', true)]);
    const r = resolveSloDatasource({ id: 'a' });
    expect(r).toEqual({ uid: 'prom', type: 'prometheus', name: 'PROM', isDefault: true });
    expect(defaultDatasourceNotice('Checkout', r)).toBe(
      "Checkout names no data source: it is read from Grafana's default Prometheus data source, PROM."
    );
    install([ds('loki', 'loki', true), ds('prom2', 'prometheus')]);
    expect(resolveSloDatasource({ id: 'a' }).uid).toBe('prom2');
  });

  it('fails with the SLO named when there is no Prometheus data source', () => {
    install([ds('loki', 'loki', true)]);
    expect(() => resolveSloDatasource({ id: 'a' })).toThrow(NoDatasourceError);
    expect(() => resolveSloDatasource({ id: 'a' })).toThrow(/SLO "a" names no data source/);
  });
});
