// Sloth `prometheus/v1` specs and the Kubernetes CRD `sloth.slok.dev/v1` PrometheusServiceLevel -> Burndown SLOs.
// id `<service>-<slo name>` (Sloth's own); objective is a percentage read from its decimal text (99.9 -> 0.999);
// window: Sloth's default period, 30 days rolling (the file holds none); `events` queries unwrapped by queries.ts.
// `raw` error ratios and plugin SLIs cannot be measured as events: those SLOs are refused.

import {
  itemPath,
  joinPath,
  readBoolean,
  readContext,
  readFields,
  readList,
  readPercent,
  readString,
  report,
  requireField,
  type ReadContext,
  type ValueNode,
} from '../slo/read';
import type { AlertingSpec, SloSpec } from '../slo/types';
import { counterQuery } from './queries';
import { emptyOutcome, noteFields, readLabelValues, slugId, toImportNote, type ReadOutcome } from './unit';

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;
const PERCENT = { min: 0, max: 1, minOpen: true, maxOpen: true };

/** Sloth's two spellings of the same fields: prometheus/v1 is snake_case, the CRD camelCase. */
interface Keys {
  sloPlugins: string;
  errorQuery: string;
  totalQuery: string;
  errorRatioQuery: string;
  pageAlert: string;
  ticketAlert: string;
}
const SNAKE: Keys = {
  sloPlugins: 'slo_plugins',
  errorQuery: 'error_query',
  totalQuery: 'total_query',
  errorRatioQuery: 'error_ratio_query',
  pageAlert: 'page_alert',
  ticketAlert: 'ticket_alert',
};
const CAMEL: Keys = {
  sloPlugins: 'sloPlugins',
  errorQuery: 'errorQuery',
  totalQuery: 'totalQuery',
  errorRatioQuery: 'errorRatioQuery',
  pageAlert: 'pageAlert',
  ticketAlert: 'ticketAlert',
};

const PLUGINS_REASON = "Sloth plugins change only Sloth's generated rules, not what the SLO measures";
const ALERT_REASON = 'Burndown names its burn-rate alerts itself and has no per-alert labels or annotations';

/** One Sloth document (either form): one unit per SLO; a refused SLO does not stop the others. */
export function readSlothDocument(root: ValueNode, file: string): ReadOutcome {
  const out = emptyOutcome();
  const ctx = readContext(file);
  const isCrd = root.kind === 'map' && root.entries.some((e) => e.key === 'apiVersion');
  const keys = isCrd ? CAMEL : SNAKE;
  let spec: ValueNode | undefined = root;
  let specPath = '';
  if (isCrd) {
    const top = readFields(ctx, root, '', ['apiVersion', 'kind', 'metadata', 'spec', 'status'], 'a Kubernetes object', {
      unknown: 'note',
    });
    const meta = top?.metadata;
    if (meta) {
      const m = readFields(ctx, meta.value, 'metadata', ['name', 'namespace'], 'object metadata', { unknown: 'note' });
      m &&
        noteFields(
          ctx,
          m,
          ['name', 'namespace'],
          'metadata',
          "Sloth's SLO id is <service>-<slo name>, not the Kubernetes object's name"
        );
    }
    spec = top ? requireField(ctx, top, 'spec', root, '')?.value : undefined;
    specPath = 'spec';
  }
  const specKeys = ['service', 'labels', 'slos', keys.sloPlugins, ...(isCrd ? [] : ['version'])];
  const s = spec && readFields(ctx, spec, specPath, specKeys, 'a Sloth service level spec', { unknown: 'note' });
  const serviceEntry = s && requireField(ctx, s, 'service', spec!, specPath);
  const service = serviceEntry && readString(ctx, serviceEntry.value, joinPath(specPath, 'service'), true);
  const specLabels = s?.labels ? readLabelValues(ctx, s.labels.value, joinPath(specPath, 'labels')) : {};
  s && noteFields(ctx, s, [keys.sloPlugins], specPath, PLUGINS_REASON);
  const slosEntry = s && requireField(ctx, s, 'slos', spec!, specPath);
  const slos = slosEntry && readList(ctx, slosEntry.value, joinPath(specPath, 'slos'), 'a list of SLOs');
  out.notes.push(...ctx.notes.map((n) => toImportNote(n, file)));
  if (ctx.errors.length > 0 || service === undefined || !slos) {
    out.refusals.push(...ctx.errors.map((e) => toImportNote(e, file)));
    return out;
  }
  slos.forEach((node, i) => {
    const path = itemPath(joinPath(specPath, 'slos'), i);
    const sloCtx = readContext(file);
    const slo = readSlo(sloCtx, node, path, keys, service, specLabels);
    const nameNode = node.kind === 'map' ? node.entries.find((e) => e.key === 'name')?.value : undefined;
    const wouldBe =
      nameNode?.kind === 'scalar' && typeof nameNode.value === 'string'
        ? slugId(`${service}-${nameNode.value}`)
        : undefined;
    if (sloCtx.errors.length > 0 || !slo) {
      out.refusals.push(...sloCtx.errors.map((e) => toImportNote(e, file, wouldBe)));
      return;
    }
    out.units.push({
      file,
      pos: node.pos,
      path,
      id: slo.id,
      build: (id) => [{ ...slo, id }],
      notes: sloCtx.notes,
    });
  });
  return out;
}

function readSlo(
  ctx: ReadContext,
  node: ValueNode,
  path: string,
  keys: Keys,
  service: string,
  specLabels: Record<string, string>
): SloSpec | undefined {
  const f = readFields(
    ctx,
    node,
    path,
    ['name', 'objective', 'description', 'labels', 'sli', 'alerting', 'plugins'],
    'a Sloth SLO',
    { unknown: 'note' }
  );
  if (!f) {
    return undefined;
  }
  const nameEntry = requireField(ctx, f, 'name', node, path);
  const name = nameEntry && readString(ctx, nameEntry.value, joinPath(path, 'name'), true);
  const objectiveEntry = requireField(ctx, f, 'objective', node, path);
  const objective = objectiveEntry && readPercent(ctx, objectiveEntry.value, joinPath(path, 'objective'), PERCENT);
  const description = f.description && readString(ctx, f.description.value, joinPath(path, 'description'));
  const labels = { ...specLabels, ...(f.labels ? readLabelValues(ctx, f.labels.value, joinPath(path, 'labels')) : {}) };
  noteFields(ctx, f, ['plugins'], path, PLUGINS_REASON);
  const sliEntry = requireField(ctx, f, 'sli', node, path);
  const indicator = sliEntry && readSli(ctx, sliEntry.value, joinPath(path, 'sli'), keys);
  const alerting = f.alerting ? readAlerting(ctx, f.alerting.value, joinPath(path, 'alerting'), keys) : undefined;
  if (name === undefined || objective === undefined || !indicator) {
    return undefined;
  }
  ctx.notes.push({
    file: ctx.file,
    line: node.pos.line,
    column: node.pos.column,
    path,
    message: "Sloth files hold no SLO period: imported with Sloth's default, 30 days rolling (window: {rolling: 30d})",
  });
  return {
    id: slugId(`${service}-${name}`),
    name,
    service,
    ...(description ? { description } : {}),
    labels,
    indicator,
    objective,
    window: { kind: 'rolling', durationMs: THIRTY_DAYS_MS },
    budgetingMethod: 'occurrences',
    groupBy: [],
    exclusions: [],
    policy: [],
    // Sloth pages and tickets unless told not to; so does Burndown's alerting with page and ticket on.
    alerting: alerting ?? { page: true, ticket: true },
  };
}

function readSli(ctx: ReadContext, node: ValueNode, path: string, keys: Keys) {
  const f = readFields(ctx, node, path, ['events', 'raw', 'plugin'], 'a Sloth SLI (events, raw or plugin)');
  if (!f) {
    return undefined;
  }
  if (f.plugin) {
    report(
      ctx,
      f.plugin.keyPos,
      joinPath(path, 'plugin'),
      'a Sloth SLI plugin builds its queries inside Sloth: the file has no query to import; write the SLO with events (error and total queries)'
    );
    return undefined;
  }
  if (f.raw) {
    const rawPath = joinPath(path, 'raw');
    const r = readFields(ctx, f.raw.value, rawPath, [keys.errorRatioQuery], 'a raw SLI');
    const q = r?.[keys.errorRatioQuery];
    report(
      ctx,
      q?.value.pos ?? f.raw.keyPos,
      joinPath(rawPath, keys.errorRatioQuery),
      'a raw error ratio is not a count of events: Burndown needs bad (or good) and total counters; rewrite the SLI as events'
    );
    return undefined;
  }
  if (!f.events) {
    report(ctx, node.pos, path, 'a Sloth SLI needs events, raw or plugin');
    return undefined;
  }
  const eventsPath = joinPath(path, 'events');
  const e = readFields(ctx, f.events.value, eventsPath, [keys.errorQuery, keys.totalQuery], 'events SLI queries');
  if (!e) {
    return undefined;
  }
  const query = (key: string) => {
    const entry = requireField(ctx, e, key, f.events!.value, eventsPath);
    const p = joinPath(eventsPath, key);
    const text = entry && readString(ctx, entry.value, p, true);
    if (text === undefined) {
      return undefined;
    }
    const q = counterQuery(text.trim());
    if (q.problem !== undefined) {
      report(ctx, entry!.value.pos, p, q.problem);
      return undefined;
    }
    return q.query;
  };
  const bad = query(keys.errorQuery);
  const total = query(keys.totalQuery);
  return bad !== undefined && total !== undefined ? { kind: 'ratio' as const, bad, total } : undefined;
}

function readAlerting(ctx: ReadContext, node: ValueNode, path: string, keys: Keys): AlertingSpec {
  const f = readFields(
    ctx,
    node,
    path,
    ['name', 'labels', 'annotations', keys.pageAlert, keys.ticketAlert],
    'Sloth alerting',
    {
      unknown: 'note',
    }
  );
  noteFields(ctx, f ?? {}, ['name', 'labels', 'annotations'], path, ALERT_REASON);
  const enabled = (key: string): boolean => {
    const entry = f?.[key];
    if (!entry) {
      return true;
    }
    const p = joinPath(path, key);
    const a = readFields(ctx, entry.value, p, ['disable', 'labels', 'annotations'], 'a Sloth alert', {
      unknown: 'note',
    });
    a && noteFields(ctx, a, ['labels', 'annotations'], p, ALERT_REASON);
    return !(a?.disable && readBoolean(ctx, a.disable.value, joinPath(p, 'disable')));
  };
  return { page: enabled(keys.pageAlert), ticket: enabled(keys.ticketAlert) };
}
