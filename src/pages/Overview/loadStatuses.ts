// The overview's figures: each valid SLO's status at t from the one status service (src/query/status.ts: one batched
// query of exact counts per SLO, docs/semantics.md section 8) against its Prometheus data source through Grafana
// (GrafanaPromClient), a few SLOs at a time. Each SLO is evaluated once per load (a composite reuses its components'
// statuses); each row arrives as soon as it is known; a failing SLO shows its error and the others go on.
import { GrafanaPromClient } from '../../datasource/GrafanaPromClient';
import { resolveSloDatasource } from '../../infrastructure/datasources/resolveSloDatasource';
import { ChunkCache, evaluateOnce, type EvaluateOptions, type PromClient, type SloStatus } from '../../query';
import type { SloSpec } from '../../slo';
import { errorRow, rowFromStatuses, type OverviewRow } from './domain/overviewRow';

/** SLOs evaluated at once: each costs one or two requests, and Grafana's data proxy is shared with dashboards. */
export const OVERVIEW_CONCURRENCY = 4;

export interface StatusDeps {
  clientFor: (spec: SloSpec) => PromClient;
  evaluate: (client: PromClient, spec: SloSpec, t: number, opts: EvaluateOptions) => Promise<SloStatus[]>;
}

const cache = new ChunkCache();

export const defaultStatusDeps: StatusDeps = {
  clientFor: (spec) => {
    const ds = resolveSloDatasource(spec);
    return new GrafanaPromClient(ds.uid, ds.type);
  },
  evaluate: (client, spec, t, opts) => evaluateOnce(client, spec, t, { cache, ...opts }),
};

export async function loadStatuses(
  slos: readonly SloSpec[],
  t: number,
  onRow: (row: OverviewRow) => void,
  deps: StatusDeps = defaultStatusDeps,
  isCancelled: () => boolean = () => false
): Promise<void> {
  let next = 0;
  // Statuses of this load by SLO id, so a composite and its components are each evaluated once.
  const evaluated = new Map<string, Promise<SloStatus[]>>();
  const worker = async () => {
    while (next < slos.length && !isCancelled()) {
      const spec = slos[next++];
      let row: OverviewRow;
      try {
        const statuses: SloStatus[] = await deps.evaluate(deps.clientFor(spec), spec, t, { all: slos, evaluated });
        row = rowFromStatuses(spec, statuses);
      } catch (e) {
        row = errorRow(spec, e instanceof Error ? e.message : String(e));
      }
      if (!isCancelled()) {
        onRow(row);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(OVERVIEW_CONCURRENCY, slos.length) }, worker));
}
