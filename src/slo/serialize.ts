// Normalized SloFile -> `burndown/v1` document and YAML text in the documented shape; parseSloDocument reads it back to an equal SloFile (docs/semantics.md section 10).

import { Document, isCollection, isScalar, Scalar, visit } from 'yaml';

import type { IndicatorDocument, PolicyLevelDocument, SloDocument, SloDocumentSlo, WindowDocument } from './document';
import { formatDuration } from './duration';
import { formatPercent } from './percent';
import { formatRfc3339 } from './rfc3339';
import { API_VERSION, Indicator, PolicyLevel, SloFile, SloSpec, WindowSpec } from './types';

/** The document form of a file (what provisioning and jsonData.slos hold): defaults left out, durations and percentages as text. */
export function toSloDocument(file: SloFile): SloDocument {
  return { apiVersion: API_VERSION, slos: file.slos.map(toSloDocumentSlo) };
}

/** One SLO in document form, e.g. for Grafana jsonData.slos or "copy as YAML". */
export function toSloDocumentSlo(spec: SloSpec): SloDocumentSlo {
  const { page, ticket, runbook, minBadEvents } = spec.alerting;
  // Key order is the documented one; defaults (empty lists, occurrences, alerting off) are left out.
  return {
    id: spec.id,
    name: spec.name,
    ...(spec.service !== undefined ? { service: spec.service } : {}),
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ...(Object.keys(spec.labels).length > 0 ? { labels: { ...spec.labels } } : {}),
    ...(spec.datasource ? { datasource: { ...spec.datasource } } : {}),
    indicator: indicatorDocument(spec.indicator),
    objective: formatPercent(spec.objective),
    window: windowDocument(spec.window),
    ...(spec.budgetingMethod !== 'occurrences' ? { budgetingMethod: spec.budgetingMethod } : {}),
    ...(spec.timeslice
      ? {
          timeslice: {
            length: formatDuration(spec.timeslice.lengthMs),
            // Threshold indicators are judged by op/value; their normalized target (1) is not written.
            ...(spec.indicator.kind !== 'threshold' ? { target: formatPercent(spec.timeslice.target) } : {}),
            noData: spec.timeslice.noData,
          },
        }
      : {}),
    ...(spec.groupBy.length > 0 ? { groupBy: [...spec.groupBy] } : {}),
    ...(spec.mode !== undefined && spec.mode !== 'raw' ? { mode: spec.mode } : {}),
    ...(spec.exclusions.length > 0
      ? {
          exclusions: spec.exclusions.map((e) => ({
            from: formatRfc3339(e.from),
            to: formatRfc3339(e.to),
            reason: e.reason,
          })),
        }
      : {}),
    ...(spec.policy.length > 0 ? { policy: spec.policy.map(policyLevelDocument) } : {}),
    ...(page || ticket || runbook !== undefined || minBadEvents !== undefined
      ? {
          alerting: {
            page,
            ticket,
            ...(runbook !== undefined ? { runbook } : {}),
            ...(minBadEvents !== undefined ? { minBadEvents } : {}),
          },
        }
      : {}),
  };
}

function policyLevelDocument(level: PolicyLevel): PolicyLevelDocument {
  return {
    ...(level.below !== undefined ? { below: formatPercent(level.below) } : {}),
    ...(level.burnRate
      ? { burnRate: { above: level.burnRate.above, window: formatDuration(level.burnRate.windowMs) } }
      : {}),
    name: level.name,
    actions: [...level.actions],
    ...(level.exceptions && level.exceptions.length > 0 ? { exceptions: [...level.exceptions] } : {}),
    ...(level.blocksReleases === false ? { blocksReleases: false } : {}),
  };
}

function indicatorDocument(indicator: Indicator): IndicatorDocument {
  switch (indicator.kind) {
    case 'ratio':
      return {
        ratio:
          indicator.bad !== undefined
            ? { bad: indicator.bad, total: indicator.total }
            : { good: indicator.good, total: indicator.total },
      };
    case 'latency':
      return { latency: { histogram: indicator.histogram, threshold: indicator.threshold } };
    case 'threshold':
      return { threshold: { expr: indicator.expr, op: indicator.op, value: indicator.value } };
    case 'composite':
      return { composite: { components: indicator.components.map((c) => ({ slo: c.slo, weight: c.weight })) } };
  }
}

function windowDocument(window: WindowSpec): WindowDocument {
  switch (window.kind) {
    case 'rolling':
      return { rolling: formatDuration(window.durationMs) };
    case 'fixed':
      return { fixed: { from: formatRfc3339(window.from), to: formatRfc3339(window.to) } };
    case 'calendar': {
      const { unit, timeZone, startMonth, weekStart } = window;
      if (timeZone === 'UTC' && startMonth === 1 && weekStart === 'monday') {
        return { calendar: unit };
      }
      return {
        calendar: {
          unit,
          timeZone,
          ...(startMonth !== 1 ? { startMonth } : {}),
          ...(weekStart !== 'monday' ? { weekStart } : {}),
        },
      };
    }
  }
}

// Small mappings and lists print in flow style, as in docs/semantics.md section 10; indicators stay in block style.
const FLOW_PATHS: Array<Array<string | number>> = [
  ['labels'],
  ['datasource'],
  ['window', 'calendar'],
  ['window', 'fixed'],
  ['timeslice'],
  ['groupBy'],
  ['alerting'],
];
const FLOW_ITEM_PATHS: Array<Array<string | number>> = [
  ['exclusions'],
  ['policy'],
  ['indicator', 'composite', 'components'],
];

/** YAML text in the documented shape: durations in Prometheus units, percentages like 99.5%, long PromQL never folded. */
export function serializeSloFile(file: SloFile): string {
  const doc = new Document(toSloDocument(file));
  file.slos.forEach((_, i) => {
    for (const path of FLOW_PATHS) {
      setFlow(doc.getIn(['slos', i, ...path], true));
    }
    for (const path of FLOW_ITEM_PATHS) {
      const list = doc.getIn(['slos', i, ...path], true);
      if (isCollection(list)) {
        list.items.forEach((item) => setFlow(item));
      }
    }
  });
  // The parser reads a plain `<<` key as a YAML merge key; a label literally named "<<" must stay quoted.
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && RAW_IN_YAML.test(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === MERGE_KEY) {
        pair.key.type = Scalar.QUOTE_DOUBLE;
      } else if (pair.key === MERGE_KEY) {
        const key = new Scalar(MERGE_KEY);
        key.type = Scalar.QUOTE_DOUBLE;
        pair.key = key;
      }
    },
  });
  // `yaml` escapes C0 controls in double quotes but writes DEL and C1 controls as they are, which YAML forbids (and
  // the reader refuses, src/slo/limits.ts); they only occur inside the double-quoted scalars chosen above.
  return doc
    .toString({ lineWidth: 0, flowCollectionPadding: false, singleQuote: true })
    .replace(RAW_IN_YAML_G, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Characters YAML does not allow unescaped that `yaml` does not escape: DEL and the C1 controls. */
const RAW_IN_YAML = /[\x7f-\x9f]/;
const RAW_IN_YAML_G = /[\x7f-\x9f]/g;

const MERGE_KEY = '<<';

function setFlow(node: unknown): void {
  if (isCollection(node)) {
    node.flow = true;
  }
}
