// The Reports page's view: the period and selection, the summary per service, budget used per SLO as bars, the trend,
// each SLO's episodes, the recommendations, and exports (CSV, JSON, a printable page). Status is text and colour,
// never colour alone; every figure is worded by the one formatter.
import { css } from '@emotion/css';
import React, { useState } from 'react';

import type { GrafanaTheme2, SelectableValue } from '@grafana/data';
import { Alert, Button, Combobox, Field, Input, LoadingPlaceholder, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import type { Report, ReportSlo } from '../../../report/model';
import { renderReport } from '../../../report/render';
import { formatBurnRate, formatEvents, formatPercent, formatSpan, sliDecimals } from '../../../shared/format';
import { pageTestIds } from '../../../shared/testIds';
import { DataTable } from '../../shared/DataTable';
import { downloadText, openPrintable, reportFileName } from './download';

const ids = pageTestIds.reports;

const PERIODS: Array<SelectableValue<string>> = [
  { label: 'This week', value: 'this-week' },
  { label: 'Last week', value: 'last-week' },
  { label: 'This month', value: 'this-month' },
  { label: 'Last month', value: 'last-month' },
  { label: 'This quarter', value: 'this-quarter' },
  { label: 'Last quarter', value: 'last-quarter' },
];
const LASTS = [1, 2, 4, 8].map((n) => ({ label: n === 1 ? 'This period only' : `Last ${n} periods`, value: n }));

export interface ReportsViewProps {
  period: string;
  last: number;
  service: string;
  services: string[];
  loading: boolean;
  report?: Report;
  error?: string;
  onChange: (c: { period?: string; last?: number; service?: string }) => void;
}

function verdict(r: ReportSlo): string {
  if (r.error) {
    return 'Error';
  }
  if (r.met === null) {
    return 'No verdict';
  }
  return `${r.met ? 'Met' : 'Missed'}${r.complete ? '' : ' so far'}`;
}

export function ReportsView(p: ReportsViewProps) {
  const styles = useStyles2(getStyles);
  const [custom, setCustom] = useState(PERIODS.some((x) => x.value === p.period) ? '' : p.period);
  const [open, setOpen] = useState<string | undefined>();
  const report = p.report;
  const current = report ? report.slos.slice(report.slos.length - report.trend.length) : [];
  const label = report?.period.label ?? p.period;
  return (
    <div className={styles.page} data-testid={ids.root} data-state={p.loading ? 'loading' : 'done'}>
      <div className={styles.toolbar}>
        <Field label="Period">
          <RadioButtonGroup
            options={PERIODS}
            value={PERIODS.some((x) => x.value === p.period) ? p.period : undefined}
            onChange={(v) => {
              setCustom('');
              p.onChange({ period: v });
            }}
          />
        </Field>
        <Field label="Or a period" description="2026-Q3, 2026-08, 2026-W32, 2026-07-01/2026-08-15">
          <Input
            value={custom}
            placeholder="2026-Q3"
            width={28}
            data-testid={ids.periodInput}
            onChange={(e) => setCustom(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && custom.trim()) {
                p.onChange({ period: custom.trim() });
              }
            }}
            onBlur={() => custom.trim() && custom.trim() !== p.period && p.onChange({ period: custom.trim() })}
          />
        </Field>
        <Field label="Trend">
          <Combobox options={LASTS} value={p.last} width={22} onChange={(v) => p.onChange({ last: v.value })} />
        </Field>
        <Field label="Service">
          <Combobox
            options={[{ label: 'All services', value: '' }, ...p.services.map((s) => ({ label: s, value: s }))]}
            value={p.service}
            width={24}
            onChange={(v) => p.onChange({ service: v.value })}
          />
        </Field>
      </div>
      {report && (
        <div className={styles.actions}>
          <Button
            icon="download-alt"
            variant="secondary"
            data-testid={ids.exportCsv}
            onClick={() => downloadText(reportFileName(label, 'csv'), renderReport(report, 'csv'), 'text/csv')}
          >
            Export CSV
          </Button>
          <Button
            icon="download-alt"
            variant="secondary"
            data-testid={ids.exportJson}
            onClick={() =>
              downloadText(reportFileName(label, 'json'), renderReport(report, 'json'), 'application/json')
            }
          >
            Export JSON
          </Button>
          <Button
            icon="file-alt"
            variant="secondary"
            data-testid={ids.print}
            onClick={() => openPrintable(renderReport(report, 'html'))}
          >
            Printable page (PDF)
          </Button>
        </div>
      )}
      {p.error !== undefined && (
        <Alert severity="error" title="The report could not be made" data-testid={ids.error}>
          {p.error}
        </Alert>
      )}
      {p.loading && <LoadingPlaceholder text="Reading the period's counts..." />}
      {report && !p.loading && (
        <>
          <p className={styles.muted}>
            {report.periods.map((x) => x.label).join(', ')}: {report.periods[0].start.slice(0, 16).replace('T', ' ')} to{' '}
            {report.period.end.slice(0, 16).replace('T', ' ')} UTC.
          </p>
          <section aria-label="Summary">
            <h3>Summary</h3>
            <DataTable columns={['Service', 'Period', 'SLOs met', 'Missed', 'No verdict', 'Events good']}>
              {[...report.overall, ...report.services].map((s) => (
                <tr key={`${s.service}/${s.period}`} data-testid={ids.summary}>
                  <td>{s.service}</td>
                  <td>{s.period}</td>
                  <td>
                    <Bar fraction={s.slos ? s.met / s.slos : 0} good={s.missed === 0} /> {s.met} of {s.slos}
                  </td>
                  <td>{s.missed}</td>
                  <td>{s.unknown}</td>
                  <td>{formatPercent(s.eventCompliance, 3)}</td>
                </tr>
              ))}
            </DataTable>
          </section>
          <section aria-label="SLOs">
            <h3>SLOs: {label}</h3>
            {current.length === 0 && <p className={styles.muted}>No SLO in this selection.</p>}
            <DataTable
              columns={[
                'SLO',
                'Objective',
                'SLI',
                'Verdict',
                'Budget used',
                'Episodes',
                'Alerts (page/ticket)',
                'Policy',
              ]}
            >
              {current.map((r) => (
                <React.Fragment key={r.id}>
                  <tr
                    data-testid={ids.row}
                    data-slo-id={r.id}
                    data-met={r.met === null ? '' : String(r.met)}
                    data-budget-used={r.budgetUsed ?? ''}
                  >
                    <td>
                      {r.name}
                      <div className={styles.muted}>{r.service ?? ''}</div>
                    </td>
                    <td>{formatPercent(r.objective, sliDecimals(r.objective) - 1)}</td>
                    <td>{formatPercent(r.sli, sliDecimals(r.objective))}</td>
                    <td className={r.met === false || r.error ? styles.bad : r.met ? styles.good : styles.muted}>
                      {verdict(r)}
                    </td>
                    <td>
                      <Bar fraction={r.budgetUsed ?? 0} good={(r.budgetUsed ?? 0) < 1} /> {formatPercent(r.budgetUsed)}
                    </td>
                    <td>
                      {r.historyNote ? (
                        <span className={styles.muted} title={r.historyNote}>
                          n/a
                        </span>
                      ) : (
                        <Button
                          size="sm"
                          fill="text"
                          aria-expanded={open === r.id}
                          data-testid={ids.episodesToggle}
                          onClick={() => setOpen(open === r.id ? undefined : r.id)}
                        >
                          {r.episodeCount === 0 ? 'None' : `${r.episodeCount} (${formatSpan(r.episodeSeconds * 1000)})`}
                        </Button>
                      )}
                    </td>
                    <td>
                      {r.historyNote
                        ? 'n/a'
                        : `${r.alerts.filter((a) => a.severity === 'page').length}/${
                            r.alerts.filter((a) => a.severity === 'ticket').length
                          }${r.alertingEnabled ? '' : ' (alerting off)'}`}
                    </td>
                    <td>
                      {r.policy.map((x) => `${x.level} ${formatSpan(x.activeSeconds * 1000)}`).join(', ') || 'None'}
                    </td>
                  </tr>
                  {open === r.id && (
                    <tr>
                      <td colSpan={8}>
                        <Episodes row={r} />
                      </td>
                    </tr>
                  )}
                </React.Fragment>
              ))}
            </DataTable>
          </section>
          {report.periods.length > 1 && (
            <section aria-label="Trend">
              <h3>Trend</h3>
              <DataTable columns={['SLO', ...report.periods.map((x) => x.label)]}>
                {report.trend.map((t) => {
                  const row = current.find((c) => c.id === t.id)!;
                  return (
                    <tr key={t.id} data-testid={ids.trend}>
                      <td>{row.name}</td>
                      {t.periods.map((x, i) => (
                        <td key={i} className={x.met === false ? styles.bad : x.met ? styles.good : styles.muted}>
                          {x.met === null ? 'No verdict' : x.met ? 'Met' : 'Missed'}{' '}
                          {formatPercent(x.sli, sliDecimals(row.objective))}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </DataTable>
            </section>
          )}
          <section aria-label="Recommendations">
            <h3>Recommendations</h3>
            {report.recommendations.length === 0 ? (
              <p className={styles.muted}>None: no rule triggered.</p>
            ) : (
              <ul>
                {report.recommendations.map((r, i) => (
                  <li key={i} data-testid={ids.recommendation} data-kind={r.kind}>
                    <strong>{r.id}</strong> ({r.period}): {r.message}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function Episodes({ row }: { row: ReportSlo }) {
  const styles = useStyles2(getStyles);
  if (row.episodes.length === 0) {
    return <p className={styles.muted}>No budget-burning episode in this period.</p>;
  }
  return (
    <DataTable
      columns={['Start', 'End', 'Length', 'Bad events', 'Budget share', 'Peak burn rate']}
      data-testid={ids.episodes}
    >
      {row.episodes.map((e) => (
        <tr key={`${e.start}/${JSON.stringify(e.group)}`}>
          <td>{e.start.replace('T', ' ')}</td>
          <td>{e.end.replace('T', ' ')}</td>
          <td>{formatSpan(e.durationSeconds * 1000)}</td>
          <td>{formatEvents(e.bad)}</td>
          <td>{formatPercent(e.budgetShare, 2)}</td>
          <td>{formatBurnRate(e.peakBurnRate, 1)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** A small horizontal bar (the share is also written next to it). Overspending past 100% fills the bar. */
function Bar({ fraction, good }: { fraction: number; good: boolean }) {
  const styles = useStyles2(getStyles);
  const width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
  return (
    <span className={styles.bar} aria-hidden>
      <span className={good ? styles.barFillGood : styles.barFillBad} style={{ width }} />
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  toolbar: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: theme.spacing(2) }),
  actions: css({ display: 'flex', gap: theme.spacing(1) }),
  muted: css({ color: theme.colors.text.secondary }),
  good: css({ color: theme.colors.success.text }),
  bad: css({ color: theme.colors.error.text }),
  bar: css({
    display: 'inline-block',
    width: 80,
    height: 8,
    marginRight: theme.spacing(1),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
    verticalAlign: 'middle',
  }),
  barFillGood: css({ display: 'block', height: '100%', background: theme.colors.success.main }),
  barFillBad: css({ display: 'block', height: '100%', background: theme.colors.error.main }),
});
