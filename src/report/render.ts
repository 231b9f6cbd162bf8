// A report as text (docs/reports.md): CSV with stable columns (one row per SLO and period), Markdown and HTML that read
// well when mailed or pasted into a review document (HTML is one self-contained page with a print layout), and JSON.
// Figures are worded by the one formatter (src/shared/format.ts).
import { diagnosticText, formatBurnRate, formatEvents, formatPercent, formatSpan, sliDecimals } from '../shared/format';
import { worstEpisodes, type Report, type ReportSlo, type ServiceSummary } from './model';

export type ReportFormat = 'md' | 'csv' | 'json' | 'html';

/** CSV columns, in order; scripts rely on these names. */
export const CSV_COLUMNS = [
  'period',
  'period_start',
  'period_end',
  'complete',
  'slo',
  'name',
  'service',
  'objective',
  'met',
  'sli',
  'budget_used',
  'budget_remaining',
  'good',
  'bad',
  'total',
  'unit',
  'episodes',
  'episode_seconds',
  'worst_episode_share',
  'policy_levels',
  'page_alerts',
  'ticket_alerts',
  'no_data_seconds',
  'diagnostics',
  'error',
] as const;

function csvCell(v: string | number | boolean | null): string {
  if (v === null) {
    return '';
  }
  const s = String(v);
  // Quote what would split a cell or a row; a leading =, +, - or @ would run as a formula in a spreadsheet.
  const guarded = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function csvRow(r: ReportSlo): string {
  const worst = worstEpisodes(r, 1)[0];
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null> = {
    period: r.period.label,
    period_start: r.period.start,
    period_end: r.period.end,
    complete: r.complete,
    slo: r.id,
    name: r.name,
    service: r.service,
    objective: r.objective,
    met: r.met,
    sli: r.sli,
    budget_used: r.budgetUsed,
    budget_remaining: r.budgetRemaining,
    good: r.good,
    bad: r.bad,
    total: r.total,
    unit: r.unit,
    episodes: r.historyNote ? null : r.episodeCount,
    episode_seconds: r.historyNote ? null : r.episodeSeconds,
    worst_episode_share: worst?.budgetShare ?? null,
    policy_levels: r.policy.map((p) => p.level).join(';'),
    page_alerts: r.historyNote ? null : r.alerts.filter((a) => a.severity === 'page').length,
    ticket_alerts: r.historyNote ? null : r.alerts.filter((a) => a.severity === 'ticket').length,
    no_data_seconds: r.historyNote ? null : r.noDataSeconds,
    diagnostics: r.diagnostics.map((d) => d.kind).join(';'),
    error: r.error,
  };
  return CSV_COLUMNS.map((c) => csvCell(values[c])).join(',');
}

export function reportCsv(report: Report): string {
  return [CSV_COLUMNS.join(','), ...report.slos.map(csvRow)].join('\n') + '\n';
}

export function reportJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

function verdict(r: ReportSlo): string {
  if (r.error) {
    return 'error';
  }
  if (r.met === null) {
    return 'no verdict (no data)';
  }
  const word = r.met ? 'met' : 'missed';
  return r.complete ? word : `${word} so far`;
}

function sliText(r: ReportSlo): string {
  return formatPercent(r.sli, sliDecimals(r.objective));
}

const when = (iso: string) => iso.replace('T', ' ').replace(/:00Z$/, 'Z');

/** One line per SLO and its details, shared by Markdown and HTML through small writers. */
interface Writer {
  heading(level: number, text: string): void;
  paragraph(text: string): void;
  table(head: string[], rows: string[][]): void;
  list(items: string[]): void;
}

function summaryRows(s: readonly ServiceSummary[]): string[][] {
  return s.map((x) => [
    x.service,
    x.period,
    `${x.met} of ${x.slos}`,
    String(x.missed),
    String(x.unknown),
    formatPercent(x.eventCompliance, 3),
  ]);
}

function write(report: Report, w: Writer): void {
  const periods = report.periods.map((p) => p.label).join(', ');
  w.heading(1, `SLO report: ${periods}`);
  w.paragraph(
    `From ${when(report.periods[0].start)} to ${when(report.period.end)}; generated ${when(report.generatedAt)}.`
  );
  const lastLabel = report.period.label;
  // Rows come period by period, one per SLO: the last period's are the last ones.
  const current = report.slos.slice(report.slos.length - report.trend.length);
  w.heading(2, 'Summary');
  w.table(
    ['service', 'period', 'SLOs met', 'missed', 'no verdict', 'events good'],
    summaryRows(report.overall.concat(report.services))
  );
  w.heading(2, `SLOs: ${lastLabel}`);
  w.table(
    ['SLO', 'service', 'objective', 'SLI', 'verdict', 'budget used', 'episodes', 'alerts (page/ticket)', 'policy'],
    current.map((r) => [
      r.name,
      r.service ?? '',
      formatPercent(r.objective, sliDecimals(r.objective) - 1),
      sliText(r),
      verdict(r),
      formatPercent(r.budgetUsed),
      r.historyNote ? 'n/a' : r.episodeCount === 0 ? '0' : `${r.episodeCount} (${formatSpan(r.episodeSeconds * 1000)})`,
      r.historyNote
        ? 'n/a'
        : `${r.alerts.filter((a) => a.severity === 'page').length}/${
            r.alerts.filter((a) => a.severity === 'ticket').length
          }`,
      r.policy.map((p) => `${p.level} ${formatSpan(p.activeSeconds * 1000)}`).join(', ') || 'none',
    ])
  );
  if (report.periods.length > 1) {
    w.heading(2, 'Trend');
    w.table(
      ['SLO', ...report.periods.map((p) => p.label)],
      report.trend.map((t) => {
        const row = report.slos.find((s) => s.id === t.id)!;
        return [
          row.name,
          ...t.periods.map((p) =>
            p.met === null
              ? 'no verdict'
              : `${p.met ? 'met' : 'missed'} ${formatPercent(p.sli, sliDecimals(row.objective))}`
          ),
        ];
      })
    );
  }
  w.heading(2, 'Recommendations');
  if (report.recommendations.length === 0) {
    w.paragraph('None: no rule triggered.');
  } else {
    w.list(
      report.recommendations.map(
        (r) =>
          `${r.id} (${r.period}), ${r.kind}: ${r.message} [${Object.entries(r.figures)
            .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`)
            .join(', ')}]`
      )
    );
  }
  for (const r of current) {
    w.heading(3, `${r.name} (${r.id})`);
    w.paragraph(
      `${verdict(r)}: SLI ${sliText(r)} against ${formatPercent(r.objective, sliDecimals(r.objective) - 1)}, ` +
        `${formatPercent(r.budgetUsed)} of the budget used, ${formatEvents(r.bad)} bad of ${formatEvents(r.total)} ${
          r.unit
        }. ` +
        `Window ${r.window}; period ${when(r.period.start)} to ${when(r.period.end)}` +
        (r.complete ? '.' : ` (under way, figures up to ${when(r.evaluatedAt)}).`)
    );
    if (r.error) {
      w.paragraph(`Error: ${r.error}`);
      continue;
    }
    if (r.historyNote) {
      w.paragraph(`No episodes, policy time or alerts: ${r.historyNote}.`);
    } else {
      const worst = worstEpisodes(r);
      if (worst.length > 0) {
        w.table(
          ['episode start', 'end', 'length', 'bad', 'budget share', 'peak burn rate'],
          worst.map((e) => [
            when(e.start),
            when(e.end),
            formatSpan(e.durationSeconds * 1000),
            formatEvents(e.bad),
            formatPercent(e.budgetShare, 2),
            formatBurnRate(e.peakBurnRate, 1, true),
          ])
        );
      } else {
        w.paragraph('No budget-burning episode.');
      }
      if (r.noDataSeconds > 0) {
        w.paragraph(`No data for ${formatSpan(r.noDataSeconds * 1000)} of the period.`);
      }
    }
    if (r.diagnostics.length > 0) {
      w.list(r.diagnostics.map(diagnosticText));
    }
  }
}

function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

export function reportMarkdown(report: Report): string {
  const out: string[] = [];
  write(report, {
    heading: (level, text) => out.push(`${'#'.repeat(level)} ${mdCell(text)}`, ''),
    paragraph: (text) => out.push(mdCell(text), ''),
    table: (head, rows) =>
      out.push(
        `| ${head.map(mdCell).join(' | ')} |`,
        `| ${head.map(() => '---').join(' | ')} |`,
        ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
        ''
      ),
    list: (items) => out.push(...items.map((i) => `- ${mdCell(i)}`), ''),
  });
  return out.join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;color:#1f2328;max-width:1100px;margin:2em auto;padding:0 1em}
table{border-collapse:collapse;margin:.5em 0 1.2em;width:100%}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left}
th{background:#f6f8fa}h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #d0d7de}h3{margin-top:1.4em}
@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}table,tr{break-inside:avoid}}`;

export function reportHtml(report: Report): string {
  const out: string[] = [];
  write(report, {
    heading: (level, text) => out.push(`<h${level}>${esc(text)}</h${level}>`),
    paragraph: (text) => out.push(`<p>${esc(text)}</p>`),
    table: (head, rows) =>
      out.push(
        `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
          rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('') +
          '</tbody></table>'
      ),
    list: (items) => out.push(`<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`),
  });
  const title = esc(`SLO report: ${report.periods.map((p) => p.label).join(', ')}`);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>\n<body>\n${out.join(
    '\n'
  )}\n</body></html>\n`;
}

export function renderReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return reportMarkdown(report);
    case 'csv':
      return reportCsv(report);
    case 'json':
      return reportJson(report);
    case 'html':
      return reportHtml(report);
  }
}
