// The Reports page's data: the app's SLOs over the chosen periods through the same report code as `burndown report`
// (src/report: the status service over the period as a fixed window, episodes, policy time, alerts, recommendations),
// each SLO read from its own Prometheus data source through Grafana.
import { GrafanaPromClient } from '../../datasource/GrafanaPromClient';
import { resolveSloDatasource } from '../../infrastructure/datasources/resolveSloDatasource';
import type { PromClient } from '../../query';
import { loadPeriod, type SloPeriodResult } from '../../report/load';
import { buildReport, type Report } from '../../report/model';
import { parsePeriod, periodsEndingWith, resolvePeriod, type ReportPeriod } from '../../report/period';
import type { SloSpec } from '../../slo';

export interface AppReportRequest {
  /** A `burndown report --period` value: last-quarter, 2026-Q3, 2026-07-01/2026-08-15... */
  period: string;
  /** Periods ending with `period` (the trend). */
  last: number;
  /** Only the SLOs of this service ('' = all). */
  service: string;
}

export interface ReportDeps {
  clientFor: (spec: SloSpec) => PromClient;
}

export const defaultReportDeps: ReportDeps = {
  clientFor: (spec) => {
    const ds = resolveSloDatasource(spec);
    return new GrafanaPromClient(ds.uid, ds.type);
  },
};

/** Throws PeriodError for a period that does not parse (the page shows its message). */
export async function loadAppReport(
  slos: readonly SloSpec[],
  req: AppReportRequest,
  now: number,
  deps: ReportDeps = defaultReportDeps
): Promise<Report> {
  const spec = parsePeriod(req.period);
  const periodsOf = (s: Pick<SloSpec, 'window'>): ReportPeriod[] =>
    periodsEndingWith(resolvePeriod(spec, s, now), req.last);
  const selected = slos.filter((s) => !req.service || s.service === req.service);
  // SLOs of one data source share a client (and so Grafana's data proxy connection).
  const byClient = new Map<PromClient, SloSpec[]>();
  const clients = new Map<string, PromClient>();
  for (const s of selected) {
    const key = s.datasource?.uid ?? '';
    const client = clients.get(key) ?? deps.clientFor(s);
    clients.set(key, client);
    byClient.set(client, [...(byClient.get(client) ?? []), s]);
  }
  const perSlo = new Map(slos.map((s) => [s.id, periodsOf(s)]));
  const results: SloPeriodResult[][] = [];
  for (let k = 0; k < req.last; k++) {
    const parts = await Promise.all(
      [...byClient].map(([client, group]) => loadPeriod(client, group, slos, (s) => perSlo.get(s.id)![k], { now }))
    );
    const byId = new Map(parts.flat().map((r) => [r.spec.id, r]));
    results.push(selected.map((s) => byId.get(s.id)!));
  }
  const display = periodsOf({ window: { kind: 'rolling', durationMs: 0 } });
  return buildReport(display, results, now);
}
