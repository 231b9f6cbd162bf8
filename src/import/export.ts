// Burndown SLOs -> OpenSLO v1: one SLO document per Burndown SLO, with its SLI inline. ratio -> ratioMetric
// (counter: true, good|bad + total), latency -> ratioMetric good = `<h>_bucket{le}`, total = `<h>_count` (queries.ts
// reads that pair back as latency), threshold -> thresholdMetric with op/value; rolling -> a rolling duration,
// calendar -> 1d/1w/1M/1Q/1Y with calendar.startTime (weekday and month carry weekStart and startMonth) and timeZone.
// What OpenSLO cannot express (fixed windows, composites; groupBy, exclusions, policy, alerting, data source, a
// no-data rule other than good) is a note; an SLO whose window or indicator cannot be written is left out with a note.

import { Document, isScalar, Scalar, visit } from 'yaml';

import { parsePromql, printSelector } from '../promql';
import { formatDuration } from '../slo/duration';
import type { SloSpec, WindowSpec } from '../slo/types';
import type { ImportNote } from './types';

export interface ExportOptions {
  output?: 'yaml' | 'json';
  /** Names the source in notes. */
  file?: string;
}

export interface ExportResult {
  /** YAML documents separated by `---`, or a JSON list of objects. */
  documents: string;
  /** Exported objects, in order (the JSON form of `documents`). */
  objects: unknown[];
  notes: ImportNote[];
}

const OPS = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' } as const;
const CALENDAR = { day: '1d', week: '1w', month: '1M', quarter: '1Q', year: '1Y' } as const;
const WEEKDAY_DATE = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 } as const;

export function exportOpenSlo(slos: readonly SloSpec[], opts: ExportOptions = {}): ExportResult {
  const notes: ImportNote[] = [];
  const objects: unknown[] = [];
  slos.forEach((slo, i) => {
    const say = (path: string, message: string) =>
      notes.push({
        file: opts.file ?? '<input>',
        line: 0,
        column: 0,
        path: `slos[${i}].${path}`,
        message,
        sloId: slo.id,
      });
    const obj = exportOne(slo, say);
    obj && objects.push(obj);
  });
  const documents = opts.output === 'json' ? jsonText(objects) : objects.map(yamlText).join('---\n');
  return { documents, objects, notes };
}

/** JSON that the SLO readers accept: DEL and C1 controls (which JSON.stringify leaves raw) escaped as \u00XX. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\x7f-\x9f]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/** As serialize.ts writes burndown/v1: DEL and C1 controls escaped, a key named "<<" quoted (not a merge key). */
function yamlText(obj: unknown): string {
  const doc = new Document(obj);
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && /[\x7f-\x9f]/.test(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<') {
        pair.key.type = Scalar.QUOTE_DOUBLE;
      } else if (pair.key === '<<') {
        const key = new Scalar('<<');
        key.type = Scalar.QUOTE_DOUBLE;
        pair.key = key;
      }
    },
  });
  return doc
    .toString({ lineWidth: 0 })
    .replace(/[\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function exportOne(slo: SloSpec, say: (path: string, message: string) => void): unknown {
  const timeWindow = exportWindow(slo.window, say);
  const indicator = exportIndicator(slo, say);
  if (!timeWindow || !indicator) {
    return undefined;
  }
  const dropped: Array<[boolean, string, string]> = [
    [slo.groupBy.length > 0, 'groupBy', 'OpenSLO has no per-label SLOs'],
    [slo.exclusions.length > 0, 'exclusions', 'OpenSLO has no maintenance windows'],
    [slo.policy.length > 0, 'policy', 'OpenSLO has no error-budget policy'],
    [
      slo.alerting.page ||
        slo.alerting.ticket ||
        slo.alerting.runbook !== undefined ||
        slo.alerting.minBadEvents !== undefined,
      'alerting',
      "Burndown's burn-rate tiers are not written as OpenSLO AlertPolicies",
    ],
    [slo.datasource !== undefined, 'datasource', 'a Grafana data source uid is not an OpenSLO DataSource'],
    [
      slo.timeslice !== undefined && slo.timeslice.noData !== 'good',
      'timeslice.noData',
      'OpenSLO has no no-data rule for slices',
    ],
  ];
  for (const [present, path, why] of dropped) {
    present && say(path, `not exported: ${why}`);
  }
  const objective: Record<string, unknown> = { target: slo.objective };
  if (slo.indicator.kind === 'threshold') {
    objective.op = OPS[slo.indicator.op as keyof typeof OPS];
    objective.value = slo.indicator.value;
  }
  if (slo.timeslice) {
    objective.timeSliceWindow = minutes(slo.timeslice.lengthMs, 'timeslice.length', say);
    if (slo.indicator.kind !== 'threshold') {
      objective.timeSliceTarget = slo.timeslice.target;
    }
  }
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: slo.id,
      displayName: slo.name,
      ...(Object.keys(slo.labels).length > 0 ? { labels: { ...slo.labels } } : {}),
    },
    spec: {
      ...(slo.description !== undefined ? { description: slo.description } : {}),
      ...(slo.service !== undefined ? { service: slo.service } : {}),
      indicator: { metadata: { name: `${slo.id}-sli` }, spec: indicator },
      timeWindow: [timeWindow],
      budgetingMethod: slo.budgetingMethod === 'timeslices' ? 'Timeslices' : 'Occurrences',
      objectives: [objective],
    },
  };
}

function exportIndicator(slo: SloSpec, say: (path: string, message: string) => void): unknown {
  const source = (query: string) => ({ metricSource: { type: 'Prometheus', spec: { query } } });
  const ind = slo.indicator;
  switch (ind.kind) {
    case 'ratio':
      return {
        ratioMetric: {
          counter: true,
          ...(ind.bad !== undefined ? { bad: source(ind.bad) } : { good: source(ind.good!) }),
          total: source(ind.total),
        },
      };
    case 'latency': {
      const parsed = parsePromql(ind.histogram);
      if (parsed.expr?.type !== 'vector') {
        say('indicator.latency.histogram', 'not exported: not a histogram selector');
        return undefined;
      }
      const { metric, matchers } = parsed.expr;
      const le = { name: 'le', op: '=' as const, value: String(ind.threshold) };
      return {
        ratioMetric: {
          counter: true,
          good: source(printSelector(`${metric}_bucket`, [...matchers, le])),
          total: source(printSelector(`${metric}_count`, matchers)),
        },
      };
    }
    case 'threshold':
      if (!(ind.op in OPS)) {
        say('indicator.threshold.op', `not exported: OpenSLO objectives have no operator ${ind.op}`);
        return undefined;
      }
      return { thresholdMetric: source(ind.expr) };
    case 'composite':
      say(
        'indicator.composite',
        'not exported: an OpenSLO composite needs an indicator per objective; export its components instead'
      );
      return undefined;
  }
}

function exportWindow(window: WindowSpec, say: (path: string, message: string) => void): unknown {
  switch (window.kind) {
    case 'rolling':
      return { duration: minutes(window.durationMs, 'window.rolling', say), isRolling: true };
    case 'fixed':
      say('window.fixed', 'not exported: OpenSLO has no fixed (from, to) windows');
      return undefined;
    case 'calendar': {
      // A date whose weekday is weekStart (January 2024 starts on a Monday) and whose month is startMonth.
      const month = window.unit === 'quarter' || window.unit === 'year' ? window.startMonth : 1;
      const day = window.unit === 'week' ? WEEKDAY_DATE[window.weekStart] : 1;
      const date = window.unit === 'week' ? `2024-01-${pad(day)}` : `2024-${pad(month)}-01`;
      return {
        duration: CALENDAR[window.unit],
        isRolling: false,
        calendar: { startTime: `${date} 00:00:00`, timeZone: window.timeZone },
      };
    }
  }
}

/** OpenSLO durations have one unit: the largest of w, d, h, m that divides; below a minute is rounded, with a note. */
function minutes(ms: number, path: string, say: (path: string, message: string) => void): string {
  const units: Array<[string, number]> = [
    ['w', 7 * 24 * 3_600_000],
    ['d', 24 * 3_600_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ];
  for (const [unit, size] of units) {
    if (ms % size === 0) {
      return `${ms / size}${unit}`;
    }
  }
  const rounded = Math.max(1, Math.round(ms / 60_000));
  say(path, `carried approximately: OpenSLO durations are whole minutes; ${formatDuration(ms)} written as ${rounded}m`);
  return `${rounded}m`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
