// The Prometheus data source an SLO is read from (docs/semantics.md section 1): the one its `datasource.uid` names, or,
// since the schema makes `datasource` optional, Grafana's default data source when that is Prometheus-compatible,
// else the first Prometheus-compatible one; callers say so to the user (isDefault).
import { getDataSourceSrv } from '@grafana/runtime';

import type { SloSpec } from '../../slo';

/** Data source types that answer PromQL through Grafana's Prometheus backend. */
export const PROMETHEUS_TYPES = ['prometheus'];

export interface ResolvedDatasource {
  uid: string;
  type: string;
  name?: string;
  /** The SLO names no data source: this is the default one. */
  isDefault: boolean;
}

export class NoDatasourceError extends Error {
  constructor(readonly sloId: string) {
    super(
      `SLO "${sloId}" names no data source (datasource: {uid: ...}) and Grafana has no Prometheus data source to use instead.`
    );
    this.name = 'NoDatasourceError';
  }
}

export function resolveSloDatasource(spec: Pick<SloSpec, 'id' | 'datasource'>): ResolvedDatasource {
  const uid = spec.datasource?.uid;
  if (uid) {
    return { uid, type: spec.datasource?.type ?? 'prometheus', isDefault: false };
  }
  const srv = getDataSourceSrv();
  // getInstanceSettings(null) is Grafana's default data source.
  const fallback = srv.getInstanceSettings(null);
  const chosen =
    fallback && PROMETHEUS_TYPES.includes(fallback.type)
      ? fallback
      : srv.getList({ filter: (ds) => PROMETHEUS_TYPES.includes(ds.type) })[0];
  if (!chosen) {
    throw new NoDatasourceError(spec.id);
  }
  return { uid: chosen.uid, type: chosen.type, name: chosen.name, isDefault: true };
}

/** The notice shown beside figures of an SLO read from the default data source. */
export function defaultDatasourceNotice(sloName: string, ds: ResolvedDatasource): string {
  return `${sloName} names no data source: it is read from Grafana's default Prometheus data source${
    ds.name ? `, ${ds.name}` : ''
  }.`;
}
