// OpenSLO -> Burndown SLOs. `openslo/v1` (and the `openslo/v2alpha` draft, read with v1's fields plus a note):
// SLO, SLI, DataSource, Service, AlertPolicy, AlertCondition, AlertNotificationTarget, one per YAML document or as
// a top-level list; `indicatorRef` and `metricSourceRef` resolve across every document of every input. Also
// `openslo/v1alpha`, the dialect Sloth reads (ratioMetrics, timeWindows: [{count, unit}]).
// Mapping: ratioMetric good|bad + total -> ratio (unwrapped by queries.ts; _bucket{le}/_count pairs -> latency);
// thresholdMetric -> threshold (Timeslices only); target is a fraction as written; rolling duration -> rolling,
// calendar duration 1d/1w/1M/1Q/1Y + calendar.timeZone -> calendar; several objectives -> a composite with one
// component per objective, weights from compositeWeight (docs/semantics.md sections 3, 4 and 10).

import {
  isTimeZone,
  itemPath,
  joinPath,
  note,
  readBoolean,
  readContext,
  readFields,
  readFraction,
  readList,
  readNumber,
  readPercent,
  readString,
  report,
  requireField,
  type Fields,
  type Position,
  type ReadContext,
  type ValueNode,
} from '../slo/read';
import { parseDuration } from '../slo/duration';
import type { CalendarUnit, ComparisonOp, Indicator, SloSpec, TimesliceSpec, Weekday, WindowSpec } from '../slo/types';
import { counterQuery, gaugeQuery, latencyFromCounters } from './queries';
import { emptyOutcome, noteFields, readLabelValues, slugId, toImportNote, type ReadOutcome } from './unit';

export interface OpenSloObject {
  file: string;
  /** '' or `[i]` for an item of a top-level list. */
  path: string;
  node: ValueNode;
  apiVersion: string;
  kind: string;
  name?: string;
}

const DAY_MS = 24 * 3600 * 1000;
const FRACTION = { min: 0, max: 1, minOpen: true, maxOpen: true };
const PERCENT = { min: 0, max: 1, minOpen: true, maxOpen: true };
const OPS: Record<string, ComparisonOp> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };
const WEEKDAYS: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const CALENDAR_UNITS: Record<string, CalendarUnit> = {
  '1d': 'day',
  '1w': 'week',
  '1M': 'month',
  '1Q': 'quarter',
  '1Y': 'year',
};
/** The draft's names (enhancements/v2alpha1.md in OpenSLO/OpenSLO). */
const V2 = ['openslo/v2alpha', 'openslo/v2alpha1'];
const OTHER_KINDS = ['Service', 'DataSource', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget'];

/** The OpenSLO objects of one document: the root itself, or each item of a top-level list. */
export function openSloObjects(root: ValueNode, file: string): OpenSloObject[] {
  const items =
    root.kind === 'seq' ? root.items.map((node, i) => ({ node, path: `[${i}]` })) : [{ node: root, path: '' }];
  return items.map(({ node, path }) => {
    const field = (key: string) => (node.kind === 'map' ? node.entries.find((e) => e.key === key)?.value : undefined);
    const text = (n: ValueNode | undefined) => (n?.kind === 'scalar' && typeof n.value === 'string' ? n.value : '');
    const meta = field('metadata');
    const name = meta?.kind === 'map' ? text(meta.entries.find((e) => e.key === 'name')?.value) : '';
    return {
      file,
      path,
      node,
      apiVersion: text(field('apiVersion')),
      kind: text(field('kind')),
      name: name || undefined,
    };
  });
}

/** Every SLO of the pool becomes a unit or refusals; every other object gets a note saying what became of it. */
export function readOpenSlo(objects: readonly OpenSloObject[]): ReadOutcome {
  const out = emptyOutcome();
  const pool = new Pool(objects);
  for (const obj of objects) {
    if (obj.kind !== 'SLO') {
      continue;
    }
    const ctx = readContext(obj.file);
    const slo = readSlo(ctx, obj, pool);
    const wouldBe = obj.name ? slugId(obj.name) : undefined;
    if (ctx.errors.length > 0 || !slo) {
      out.refusals.push(...ctx.errors.map((e) => toImportNote(e, obj.file, wouldBe)));
      continue;
    }
    out.units.push({
      file: obj.file,
      pos: obj.node.pos,
      path: obj.path,
      id: slo.id,
      build: slo.build,
      notes: ctx.notes,
    });
  }
  for (const obj of objects) {
    const at = { file: obj.file, line: obj.node.pos.line, column: obj.node.pos.column, path: obj.path };
    if (obj.kind === 'SLI') {
      if (!pool.usedSlis.has(obj)) {
        out.notes.push({ ...at, message: `SLI ${obj.name ?? ''} is used by no SLO of the input: nothing imported` });
      }
    } else if (OTHER_KINDS.includes(obj.kind)) {
      const used = obj.kind === 'DataSource' && pool.usedDataSources.has(obj) ? ' (its type was used)' : '';
      out.notes.push({
        ...at,
        message: `${obj.kind} ${obj.name ?? ''} is not an SLO: Burndown has no such object, nothing imported${used}`,
      });
    } else if (obj.kind !== 'SLO') {
      out.refusals.push({
        ...at,
        path: joinPath(obj.path, 'kind'),
        message: `unknown OpenSLO kind "${obj.kind}": expected SLO, SLI, Service, DataSource, AlertPolicy, AlertCondition or AlertNotificationTarget`,
      });
    }
  }
  return out;
}

class Pool {
  readonly usedSlis = new Set<OpenSloObject>();
  readonly usedDataSources = new Set<OpenSloObject>();
  constructor(private readonly objects: readonly OpenSloObject[]) {}
  find(kind: string, name: string): OpenSloObject | undefined {
    const found = this.objects.find((o) => o.kind === kind && o.name === name);
    found && (kind === 'SLI' ? this.usedSlis : this.usedDataSources).add(found);
    return found;
  }
}

interface ReadSlo {
  id: string;
  build: (id: string) => SloSpec[];
}

/** The indicator an objective measures: counters (ratio or latency) or a gauge expression for thresholds. */
type Measure = { kind: 'counters'; indicator: Indicator } | { kind: 'gauge'; expr: string };

function readSlo(ctx: ReadContext, obj: OpenSloObject, pool: Pool): ReadSlo | undefined {
  const p = obj.path;
  const isAlpha = obj.apiVersion === 'openslo/v1alpha';
  if (!['openslo/v1', 'openslo/v1alpha', ...V2].includes(obj.apiVersion)) {
    report(
      ctx,
      obj.node.pos,
      joinPath(p, 'apiVersion'),
      `unsupported OpenSLO version "${obj.apiVersion}": expected openslo/v1, v1alpha or v2alpha`
    );
    return undefined;
  }
  if (V2.includes(obj.apiVersion)) {
    note(
      ctx,
      obj.node.pos,
      joinPath(p, 'apiVersion'),
      `${obj.apiVersion} is a draft: read as openslo/v1 plus its sli/sliRef and dataSourceRef/<source> forms`
    );
  }
  const top = readFields(ctx, obj.node, p, ['apiVersion', 'kind', 'metadata', 'spec'], 'an OpenSLO object', {
    unknown: 'note',
  });
  const metaEntry = top && requireField(ctx, top, 'metadata', obj.node, p);
  const mp = joinPath(p, 'metadata');
  const m =
    metaEntry &&
    readFields(
      ctx,
      metaEntry.value,
      mp,
      ['name', 'displayName', 'labels', 'annotations', 'namespace'],
      'object metadata',
      { unknown: 'note' }
    );
  const nameEntry = m && requireField(ctx, m, 'name', metaEntry!.value, mp);
  const name = nameEntry && readString(ctx, nameEntry.value, joinPath(mp, 'name'), true);
  const displayName = m?.displayName && readString(ctx, m.displayName.value, joinPath(mp, 'displayName'), true);
  const labels = m?.labels ? readLabelValues(ctx, m.labels.value, joinPath(mp, 'labels')) : {};
  m && noteFields(ctx, m, ['annotations', 'namespace'], mp, 'Burndown SLOs have no annotations or namespace');
  const specEntry = top && requireField(ctx, top, 'spec', obj.node, p);
  const sp = joinPath(p, 'spec');
  const specKeys = isAlpha
    ? ['service', 'description', 'budgetingMethod', 'objectives', 'timeWindows', 'indicator']
    : [
        'service',
        'description',
        'indicator',
        'indicatorRef',
        'sli',
        'sliRef',
        'timeWindow',
        'budgetingMethod',
        'objectives',
        'alertPolicies',
      ];
  const s = specEntry && readFields(ctx, specEntry.value, sp, specKeys, 'an OpenSLO SLO spec', { unknown: 'note' });
  if (!s || name === undefined) {
    return undefined;
  }
  const spec = specEntry!.value;
  const service = s.service && readString(ctx, s.service.value, joinPath(sp, 'service'), true);
  const description = s.description && readString(ctx, s.description.value, joinPath(sp, 'description'));
  const alertPolicies = s.alertPolicies?.value;
  if (
    alertPolicies &&
    !(alertPolicies.kind === 'seq' && alertPolicies.items.length === 0) &&
    !(alertPolicies.kind === 'scalar' && alertPolicies.value === null)
  ) {
    note(
      ctx,
      s.alertPolicies!.keyPos,
      joinPath(sp, 'alertPolicies'),
      "not carried over: OpenSLO alert policies have no Burndown equivalent; Burndown's alerting is page/ticket burn-rate tiers"
    );
  }
  const window = isAlpha ? readAlphaWindow(ctx, s, spec, sp) : readWindow(ctx, s, spec, sp);
  const methodEntry = requireField(ctx, s, 'budgetingMethod', spec, sp);
  const method = methodEntry && readString(ctx, methodEntry.value, joinPath(sp, 'budgetingMethod'), true);
  if (method !== undefined && !['Occurrences', 'Timeslices'].includes(method)) {
    report(
      ctx,
      methodEntry!.value.pos,
      joinPath(sp, 'budgetingMethod'),
      method === 'RatioTimeslices'
        ? 'RatioTimeslices (the mean of per-slice ratios) has no Burndown equivalent: Burndown budgets Occurrences or Timeslices'
        : `unknown budgetingMethod "${method}": expected Occurrences, Timeslices or RatioTimeslices`
    );
  }
  const sloMeasure = () => (isAlpha ? undefined : readMeasure(ctx, s, sp, pool));
  const objectivesEntry = requireField(ctx, s, 'objectives', spec, sp);
  const objectiveNodes =
    objectivesEntry && readList(ctx, objectivesEntry.value, joinPath(sp, 'objectives'), 'a list of objectives');
  if (objectiveNodes && objectiveNodes.length === 0) {
    report(ctx, objectivesEntry!.value.pos, joinPath(sp, 'objectives'), 'an SLO needs at least one objective');
  }
  const perObjective = (objectiveNodes ?? []).some(
    (o) =>
      o.kind === 'map' &&
      o.entries.some((e) => ['indicator', 'indicatorRef', 'sli', 'sliRef', 'ratioMetrics'].includes(e.key))
  );
  const shared = perObjective ? undefined : sloMeasure();
  if (!perObjective && !isAlpha && !s.indicator && !s.indicatorRef && !s.sli && !s.sliRef) {
    report(
      ctx,
      spec.pos,
      sp,
      'an SLO needs indicator or indicatorRef (v2alpha: sli or sliRef), on the spec or on each objective'
    );
  }
  const timeslices = method === 'Timeslices';
  const objectives = (objectiveNodes ?? []).map((o, i) =>
    readObjective(ctx, o, itemPath(joinPath(sp, 'objectives'), i), {
      shared,
      timeslices,
      isAlpha,
      pool,
      composite: objectiveNodes!.length > 1,
    })
  );
  if (ctx.errors.length > 0 || !window || objectives.some((o) => !o)) {
    return undefined;
  }
  const base = {
    name: displayName ?? name,
    ...(service !== undefined ? { service } : {}),
    ...(description ? { description } : {}),
    labels,
    window,
    groupBy: [],
    exclusions: [],
    policy: [],
    alerting: { page: false, ticket: false },
  };
  const id = slugId(name);
  if (id !== name) {
    note(ctx, nameEntry!.value.pos, joinPath(mp, 'name'), `Burndown ids are [a-z0-9-]+: "${name}" becomes "${id}"`);
  }
  const built = objectives as ObjectiveRead[];
  if (built.length === 1) {
    return { id, build: (finalId) => [{ ...base, id: finalId, ...built[0].fields }] };
  }
  const strictest = Math.max(...built.map((o) => o.fields.objective));
  note(
    ctx,
    objectivesEntry!.value.pos,
    joinPath(sp, 'objectives'),
    `${built.length} objectives: imported as a composite SLO with one component SLO per objective (<id>-1, <id>-2, ...); the composite's own objective is the strictest, ${strictest}`
  );
  return {
    id,
    build: (finalId) => {
      const components = built.map((o, i) => ({
        ...base,
        id: `${finalId}-${i + 1}`,
        name: o.displayName ?? `${base.name} ${i + 1}`,
        ...o.fields,
      }));
      const composite: SloSpec = {
        ...base,
        id: finalId,
        indicator: {
          kind: 'composite',
          components: components.map((c, i) => ({ slo: c.id, weight: built[i].weight })),
        },
        objective: strictest,
        budgetingMethod: 'occurrences',
      };
      return [composite, ...components];
    },
  };
}

interface ObjectiveRead {
  displayName?: string;
  weight: number;
  fields: Pick<SloSpec, 'indicator' | 'objective' | 'budgetingMethod' | 'timeslice'>;
}

function readObjective(
  ctx: ReadContext,
  node: ValueNode,
  path: string,
  o: { shared?: Measure; timeslices: boolean; isAlpha: boolean; pool: Pool; composite: boolean }
): ObjectiveRead | undefined {
  const keys = o.isAlpha
    ? ['displayName', 'op', 'value', 'target', 'timeSliceTarget', 'ratioMetrics']
    : [
        'displayName',
        'op',
        'value',
        'target',
        'targetPercent',
        'timeSliceTarget',
        'timeSliceWindow',
        'indicator',
        'indicatorRef',
        'sli',
        'sliRef',
        'compositeWeight',
      ];
  const f = readFields(ctx, node, path, keys, 'an objective', { unknown: 'note' });
  if (!f) {
    return undefined;
  }
  const displayName = f.displayName && readString(ctx, f.displayName.value, joinPath(path, 'displayName'));
  let objective: number | undefined;
  if (f.targetPercent) {
    objective = readPercent(ctx, f.targetPercent.value, joinPath(path, 'targetPercent'), PERCENT);
  } else {
    const t = requireField(ctx, f, 'target', node, path);
    objective = t && readFraction(ctx, t.value, joinPath(path, 'target'), FRACTION);
  }
  const weight = f.compositeWeight ? readNumber(ctx, f.compositeWeight.value, joinPath(path, 'compositeWeight')) : 1;
  if (f.compositeWeight && !o.composite) {
    note(ctx, f.compositeWeight.keyPos, joinPath(path, 'compositeWeight'), 'not used: the SLO has one objective');
  }
  const measure = o.isAlpha
    ? f.ratioMetrics
      ? readAlphaRatio(ctx, f.ratioMetrics.value, joinPath(path, 'ratioMetrics'))
      : (report(ctx, node.pos, path, 'an openslo/v1alpha objective needs ratioMetrics'), undefined)
    : f.indicator || f.indicatorRef || f.sli || f.sliRef
    ? readMeasure(ctx, f, path, o.pool)
    : o.shared;
  if (!measure || objective === undefined || weight === undefined) {
    return undefined;
  }
  let indicator: Indicator;
  if (measure.kind === 'gauge') {
    const op = f.op && readString(ctx, f.op.value, joinPath(path, 'op'));
    const value = f.value ? readNumber(ctx, f.value.value, joinPath(path, 'value')) : undefined;
    if (!f.op || !f.value) {
      report(ctx, node.pos, path, 'a thresholdMetric objective needs op and value');
      return undefined;
    }
    if (op === undefined || !(op in OPS)) {
      report(ctx, f.op.value.pos, joinPath(path, 'op'), 'expected one of lt, lte, gt, gte');
      return undefined;
    }
    if (value === undefined) {
      return undefined;
    }
    if (!o.timeslices) {
      report(
        ctx,
        node.pos,
        path,
        'Burndown judges a thresholdMetric per time slice: only budgetingMethod Timeslices can be imported'
      );
      return undefined;
    }
    indicator = { kind: 'threshold', expr: measure.expr, op: OPS[op], value };
  } else {
    indicator = measure.indicator;
    noteFields(ctx, f, ['op', 'value'], path, 'op and value are not used by ratio indicators');
  }
  let timeslice: TimesliceSpec | undefined;
  if (o.timeslices) {
    const w = requireField(ctx, f, 'timeSliceWindow', node, path);
    const lengthMs = w && readOpenSloDuration(ctx, w.value, joinPath(path, 'timeSliceWindow'));
    let target = 1;
    if (indicator.kind === 'threshold') {
      if (f.timeSliceTarget) {
        note(
          ctx,
          f.timeSliceTarget.keyPos,
          joinPath(path, 'timeSliceTarget'),
          'carried approximately: Burndown judges a threshold slice by its op and value over the whole slice'
        );
      }
    } else {
      const t = requireField(ctx, f, 'timeSliceTarget', node, path);
      const v =
        t &&
        readFraction(ctx, t.value, joinPath(path, 'timeSliceTarget'), {
          min: 0,
          max: 1,
          minOpen: true,
          maxOpen: false,
        });
      if (v === undefined) {
        return undefined;
      }
      target = v;
    }
    if (lengthMs === undefined) {
      return undefined;
    }
    timeslice = { lengthMs, target, noData: 'good' };
  } else {
    noteFields(ctx, f, ['timeSliceTarget', 'timeSliceWindow'], path, 'only used with budgetingMethod Timeslices');
  }
  return {
    displayName,
    weight,
    fields: {
      indicator,
      objective,
      budgetingMethod: timeslice ? 'timeslices' : 'occurrences',
      ...(timeslice ? { timeslice } : {}),
    },
  };
}

/** `indicator` or `indicatorRef` (v2alpha: `sli` or `sliRef`) of a spec or an objective. */
function readMeasure(ctx: ReadContext, f: Fields<string>, path: string, pool: Pool): Measure | undefined {
  const inline = f.indicator ?? f.sli;
  const ref = f.indicatorRef ?? f.sliRef;
  if (inline) {
    return readInlineIndicator(ctx, inline.value, joinPath(path, inline.key), pool);
  }
  return ref ? readIndicatorRef(ctx, ref.value, joinPath(path, ref.key), pool) : undefined;
}

function readIndicatorRef(ctx: ReadContext, node: ValueNode, path: string, pool: Pool): Measure | undefined {
  const name = readString(ctx, node, path, true);
  if (name === undefined) {
    return undefined;
  }
  const sli = pool.find('SLI', name);
  if (!sli) {
    report(ctx, node.pos, path, `no SLI named "${name}" in the input: give the file that defines it too`);
    return undefined;
  }
  // The SLI may live in another file: read it with its own file name, then carry its errors and notes over.
  const sliCtx = readContext(sli.file);
  const f = readFields(sliCtx, sli.node, sli.path, ['apiVersion', 'kind', 'metadata', 'spec'], 'an OpenSLO SLI', {
    unknown: 'note',
  });
  const specEntry = f && requireField(sliCtx, f, 'spec', sli.node, sli.path);
  const measure = specEntry && readSliSpec(sliCtx, specEntry.value, joinPath(sli.path, 'spec'), pool);
  ctx.errors.push(...sliCtx.errors);
  ctx.notes.push(...sliCtx.notes);
  return measure;
}

function readInlineIndicator(ctx: ReadContext, node: ValueNode, path: string, pool: Pool): Measure | undefined {
  const f = readFields(ctx, node, path, ['metadata', 'spec'], 'an inline SLI (metadata and spec)', { unknown: 'note' });
  const spec = f && requireField(ctx, f, 'spec', node, path);
  return spec && readSliSpec(ctx, spec.value, joinPath(path, 'spec'), pool);
}

function readSliSpec(ctx: ReadContext, node: ValueNode, path: string, pool: Pool): Measure | undefined {
  const f = readFields(ctx, node, path, ['description', 'ratioMetric', 'thresholdMetric'], 'an SLI spec', {
    unknown: 'note',
  });
  if (!f) {
    return undefined;
  }
  if (f.thresholdMetric) {
    const tp = joinPath(path, 'thresholdMetric');
    const q = readSource(ctx, f.thresholdMetric.value, tp, pool);
    if (q === undefined) {
      return undefined;
    }
    const g = gaugeQuery(q.text);
    if (g.problem !== undefined) {
      report(ctx, q.pos, q.path, g.problem);
      return undefined;
    }
    return { kind: 'gauge', expr: g.query };
  }
  if (!f.ratioMetric) {
    report(ctx, node.pos, path, 'an SLI needs ratioMetric or thresholdMetric');
    return undefined;
  }
  const rp = joinPath(path, 'ratioMetric');
  const r = readFields(
    ctx,
    f.ratioMetric.value,
    rp,
    ['counter', 'good', 'bad', 'total', 'rawType', 'raw'],
    'a ratioMetric',
    { unknown: 'note' }
  );
  if (!r) {
    return undefined;
  }
  if (r.raw) {
    report(
      ctx,
      r.raw.keyPos,
      joinPath(rp, 'raw'),
      'a raw ratio is not a count of events: Burndown needs good (or bad) and total counters'
    );
    return undefined;
  }
  const counter = r.counter && readBoolean(ctx, r.counter.value, joinPath(rp, 'counter'));
  if (counter !== true) {
    note(
      ctx,
      r.counter?.keyPos ?? f.ratioMetric.keyPos,
      joinPath(rp, 'counter'),
      'counter is not true: the queries are read as counters of events (Burndown applies increase())'
    );
  }
  if (r.good && r.bad) {
    report(ctx, r.bad.keyPos, joinPath(rp, 'bad'), 'give good or bad, not both');
    return undefined;
  }
  const which = r.bad ? 'bad' : 'good';
  const first = r[which] ?? requireField(ctx, r, 'good', f.ratioMetric.value, rp);
  const totalEntry = requireField(ctx, r, 'total', f.ratioMetric.value, rp);
  const counterOf = (entry: typeof first, key: string) => {
    const q = entry && readSource(ctx, entry.value, joinPath(rp, key), pool);
    if (!q) {
      return undefined;
    }
    const c = counterQuery(q.text);
    if (c.problem !== undefined) {
      report(ctx, q.pos, q.path, c.problem);
      return undefined;
    }
    if (c.fixedRanges.length > 0) {
      note(
        ctx,
        q.pos,
        q.path,
        `carried approximately: the rate over [${c.fixedRanges.join(
          '], ['
        )}] became its counter; Burndown counts events over its own windows`
      );
    }
    return c.query;
  };
  const a = counterOf(first, which);
  const total = counterOf(totalEntry, 'total');
  if (a === undefined || total === undefined) {
    return undefined;
  }
  if (which === 'bad') {
    return { kind: 'counters', indicator: { kind: 'ratio', bad: a, total } };
  }
  const latency = latencyFromCounters(a, total);
  return { kind: 'counters', indicator: latency ? { kind: 'latency', ...latency } : { kind: 'ratio', good: a, total } };
}

type Query = { text: string; pos: Position; path: string };

/** v1 `{metricSource: {...}}`, or v2alpha `{dataSourceRef | <source>: {...}, spec: {query}}`. */
function readSource(ctx: ReadContext, node: ValueNode, path: string, pool: Pool): Query | undefined {
  const ms = node.kind === 'map' ? node.entries.find((e) => e.key === 'metricSource') : undefined;
  if (ms || node.kind !== 'map') {
    const f = readFields(ctx, node, path, ['metricSource'], 'a mapping with metricSource');
    const entry = f && requireField(ctx, f, 'metricSource', node, path);
    return entry && readMetricSource(ctx, entry.value, joinPath(path, 'metricSource'), pool);
  }
  let type: string | undefined;
  let typePos = node.pos;
  let typePath = path;
  for (const e of node.entries) {
    if (e.key === 'dataSourceRef') {
      const ref = readString(ctx, e.value, joinPath(path, e.key), true);
      const ds = ref !== undefined ? pool.find('DataSource', ref) : undefined;
      type = ds ? dataSourceType(ds) : undefined;
      [typePos, typePath] = [e.value.pos, joinPath(path, e.key)];
      note(
        ctx,
        e.keyPos,
        joinPath(path, e.key),
        `not carried over: Burndown reads from --prometheus or the SLO's Grafana data source${
          ds ? '' : `; DataSource "${ref}" is not in the input`
        }`
      );
    } else if (e.key !== 'spec') {
      type = e.key;
      [typePos, typePath] = [e.keyPos, joinPath(path, e.key)];
      note(
        ctx,
        e.keyPos,
        joinPath(path, e.key),
        "not carried over: connection details; Burndown reads from --prometheus or the SLO's Grafana data source"
      );
    }
  }
  return querySpec(ctx, node, path, type, typePos, typePath);
}

/** v1 `spec.type`, or v2alpha's one `spec.<source>` key. */
function dataSourceType(ds: OpenSloObject): string | undefined {
  const spec = ds.node.kind === 'map' ? ds.node.entries.find((e) => e.key === 'spec')?.value : undefined;
  if (spec?.kind !== 'map') {
    return undefined;
  }
  const t = spec.entries.find((e) => e.key === 'type')?.value;
  if (t?.kind === 'scalar' && typeof t.value === 'string') {
    return t.value;
  }
  return spec.entries.find((e) => !['description', 'connectionDetails'].includes(e.key))?.key;
}

/** The query of a source whose type is known: refused unless Prometheus. */
function querySpec(
  ctx: ReadContext,
  node: ValueNode,
  path: string,
  type: string | undefined,
  typePos: Position,
  typePath: string
): Query | undefined {
  if (type === undefined) {
    report(
      ctx,
      node.pos,
      path,
      'the metric source has no type (and no DataSource in the input names one): expected Prometheus'
    );
    return undefined;
  }
  if (type === 'Any') {
    report(ctx, typePos, typePath, 'a placeholder metric source (type: Any) has no query to import');
    return undefined;
  }
  if (type.toLowerCase() !== 'prometheus') {
    report(
      ctx,
      typePos,
      typePath,
      `data source type ${type} is not Prometheus: Burndown reads Prometheus-compatible APIs only`
    );
    return undefined;
  }
  const spec = node.kind === 'map' ? node.entries.find((e) => e.key === 'spec') : undefined;
  const sp = joinPath(path, 'spec');
  const s = spec
    ? readFields(ctx, spec.value, sp, ['query', 'promql'], 'a Prometheus metric source spec', { unknown: 'note' })
    : undefined;
  const q = s && (s.query ?? s.promql);
  if (!q) {
    report(ctx, spec?.value.pos ?? node.pos, joinPath(sp, 'query'), 'required field is missing');
    return undefined;
  }
  const qp = joinPath(sp, q.key);
  const text = readString(ctx, q.value, qp, true);
  if (text === 'Any') {
    report(ctx, q.value.pos, qp, 'a placeholder query (Any) has no PromQL to import');
    return undefined;
  }
  return text === undefined ? undefined : { text, pos: q.value.pos, path: qp };
}

/** The PromQL of a metricSource, after checking that its data source is Prometheus. */
function readMetricSource(ctx: ReadContext, node: ValueNode, path: string, pool: Pool): Query | undefined {
  const f = readFields(ctx, node, path, ['metricSourceRef', 'type', 'spec'], 'a metricSource', { unknown: 'note' });
  if (!f) {
    return undefined;
  }
  let type = f.type && readString(ctx, f.type.value, joinPath(path, 'type'), true);
  if (f.metricSourceRef) {
    const ref = readString(ctx, f.metricSourceRef.value, joinPath(path, 'metricSourceRef'), true);
    const ds = ref !== undefined ? pool.find('DataSource', ref) : undefined;
    type = (ds && dataSourceType(ds)) ?? type;
    note(
      ctx,
      f.metricSourceRef.keyPos,
      joinPath(path, 'metricSourceRef'),
      `not carried over: Burndown reads from --prometheus or the SLO's Grafana data source${
        ds ? '' : `; DataSource "${ref}" is not in the input`
      }`
    );
  }
  return querySpec(ctx, node, path, type, f.type?.value.pos ?? node.pos, joinPath(path, 'type'));
}

/** v1 `timeWindow: [{duration, isRolling, calendar: {startTime, timeZone}}]`. */
function readWindow(ctx: ReadContext, s: Fields<string>, spec: ValueNode, sp: string): WindowSpec | undefined {
  const entry = requireField(ctx, s, 'timeWindow', spec, sp);
  const wp = joinPath(sp, 'timeWindow');
  const items = entry && readList(ctx, entry.value, wp, 'a list with one time window');
  if (!items) {
    return undefined;
  }
  if (items.length !== 1) {
    report(ctx, entry!.value.pos, wp, `expected exactly one time window, got ${items.length}`);
    return undefined;
  }
  const p = itemPath(wp, 0);
  const f = readFields(ctx, items[0], p, ['duration', 'isRolling', 'calendar'], 'a time window', { unknown: 'note' });
  const d = f && requireField(ctx, f, 'duration', items[0], p);
  const text = d && readString(ctx, d.value, joinPath(p, 'duration'), true);
  const rolling = f?.isRolling ? readBoolean(ctx, f.isRolling.value, joinPath(p, 'isRolling')) : !f?.calendar;
  if (text === undefined || rolling === undefined) {
    return undefined;
  }
  if (rolling) {
    f!.calendar && note(ctx, f!.calendar.keyPos, joinPath(p, 'calendar'), 'not used: the window is rolling');
    const ms = readOpenSloDuration(ctx, d!.value, joinPath(p, 'duration'));
    return ms === undefined ? undefined : { kind: 'rolling', durationMs: ms };
  }
  const unit = CALENDAR_UNITS[text];
  if (!unit) {
    report(
      ctx,
      d!.value.pos,
      joinPath(p, 'duration'),
      `a calendar window of ${text} has no Burndown equivalent: expected 1d, 1w, 1M, 1Q or 1Y`
    );
    return undefined;
  }
  return readCalendar(ctx, f!, items[0], p, unit);
}

function readCalendar(
  ctx: ReadContext,
  f: Fields<string>,
  node: ValueNode,
  p: string,
  unit: CalendarUnit
): WindowSpec | undefined {
  const window = { kind: 'calendar' as const, unit, timeZone: 'UTC', startMonth: 1, weekStart: 'monday' as Weekday };
  if (!f.calendar) {
    note(ctx, node.pos, p, 'no calendar: periods start at midnight UTC');
    return window;
  }
  const cp = joinPath(p, 'calendar');
  const c = readFields(ctx, f.calendar.value, cp, ['startTime', 'timeZone'], 'a calendar', { unknown: 'note' });
  const zone = c?.timeZone && readString(ctx, c.timeZone.value, joinPath(cp, 'timeZone'), true);
  if (zone !== undefined) {
    if (!isTimeZone(zone)) {
      report(ctx, c!.timeZone!.value.pos, joinPath(cp, 'timeZone'), `unknown IANA time zone "${zone}"`);
      return undefined;
    }
    window.timeZone = zone;
  }
  const start = c?.startTime && c.startTime.value;
  if (start) {
    const raw = start.kind === 'scalar' ? start.value : undefined;
    const text =
      raw instanceof Date ? raw.toISOString().replace('T', ' ').slice(0, 19) : typeof raw === 'string' ? raw : '';
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
    if (!m) {
      report(
        ctx,
        start.pos,
        joinPath(cp, 'startTime'),
        `expected a time like 2022-01-01 00:00:00, got ${JSON.stringify(raw)}`
      );
      return undefined;
    }
    const [, y, mo, d, hh = '00', mi = '00', ss = '00'] = m;
    const kept: string[] = [];
    if (unit === 'week') {
      window.weekStart = WEEKDAYS[new Date(Date.UTC(+y, +mo - 1, +d)).getUTCDay()];
      kept.push(`weeks start on ${window.weekStart}`);
    }
    if (unit === 'quarter' || unit === 'year') {
      window.startMonth = +mo;
      kept.push(`the cycle starts in month ${+mo}`);
    }
    // Only the boundaries Burndown has are kept: local midnight, a weekday (weeks), the 1st of a month.
    const dropped = `${hh}:${mi}:${ss}` !== '00:00:00' || (unit !== 'week' && unit !== 'day' && +d !== 1);
    if (dropped) {
      note(
        ctx,
        start.pos,
        joinPath(cp, 'startTime'),
        `carried approximately: Burndown periods start at local midnight${
          unit === 'week' || unit === 'day' ? '' : ' on the 1st'
        }${kept.length ? `; ${kept.join(', ')}` : ''}; the start instant ${text} itself is not kept`
      );
    }
  }
  return window;
}

/** v1alpha (Sloth's dialect) `timeWindows: [{count, unit, isRolling}]`. */
function readAlphaWindow(ctx: ReadContext, s: Fields<string>, spec: ValueNode, sp: string): WindowSpec | undefined {
  const entry = requireField(ctx, s, 'timeWindows', spec, sp);
  const wp = joinPath(sp, 'timeWindows');
  const items = entry && readList(ctx, entry.value, wp, 'a list with one time window');
  if (!items || items.length !== 1) {
    items && report(ctx, entry!.value.pos, wp, `expected exactly one time window, got ${items.length}`);
    return undefined;
  }
  const p = itemPath(wp, 0);
  const f = readFields(ctx, items[0], p, ['count', 'unit', 'isRolling', 'calendar'], 'a time window', {
    unknown: 'note',
  });
  const count = f?.count && readNumber(ctx, f.count.value, joinPath(p, 'count'));
  const unit = f?.unit && readString(ctx, f.unit.value, joinPath(p, 'unit'), true);
  const rolling = f?.isRolling ? readBoolean(ctx, f.isRolling.value, joinPath(p, 'isRolling')) : true;
  const unitMs: Record<string, number> = {
    Second: 1000,
    Minute: 60_000,
    Hour: 3_600_000,
    Day: DAY_MS,
    Week: 7 * DAY_MS,
  };
  if (count === undefined || unit === undefined || !f?.count || !f.unit) {
    !f?.count && report(ctx, items[0].pos, joinPath(p, 'count'), 'required field is missing');
    !f?.unit && report(ctx, items[0].pos, joinPath(p, 'unit'), 'required field is missing');
    return undefined;
  }
  if (rolling === false) {
    const cal: Record<string, CalendarUnit> = {
      Day: 'day',
      Week: 'week',
      Month: 'month',
      Quarter: 'quarter',
      Year: 'year',
    };
    if (count !== 1 || !cal[unit]) {
      report(ctx, items[0].pos, p, `a calendar window of ${count} ${unit} has no Burndown equivalent`);
      return undefined;
    }
    return readCalendar(ctx, f, items[0], p, cal[unit]);
  }
  if (!unitMs[unit] || !Number.isInteger(count) || count <= 0) {
    report(
      ctx,
      f.unit.value.pos,
      joinPath(p, 'unit'),
      `a rolling window of ${count} ${unit} has no exact length: use Second, Minute, Hour, Day or Week`
    );
    return undefined;
  }
  return { kind: 'rolling', durationMs: count * unitMs[unit] };
}

/** v1alpha `ratioMetrics: {good|bad, total: {source, queryType, query}}`. */
function readAlphaRatio(ctx: ReadContext, node: ValueNode, path: string): Measure | undefined {
  const f = readFields(ctx, node, path, ['good', 'bad', 'total', 'counter'], 'ratioMetrics', { unknown: 'note' });
  if (!f) {
    return undefined;
  }
  const which = f.bad ? 'bad' : 'good';
  const query = (key: 'good' | 'bad' | 'total') => {
    const entry = requireField(ctx, f, key, node, path);
    const p = joinPath(path, key);
    const q =
      entry &&
      readFields(ctx, entry.value, p, ['source', 'queryType', 'query', 'metadata'], 'a query', { unknown: 'note' });
    const source = q?.source && readString(ctx, q.source.value, joinPath(p, 'source'));
    if (source !== undefined && source.toLowerCase() !== 'prometheus') {
      report(ctx, q!.source!.value.pos, joinPath(p, 'source'), `source ${source} is not Prometheus`);
      return undefined;
    }
    const qe = q && requireField(ctx, q, 'query', entry!.value, p);
    const text = qe && readString(ctx, qe.value, joinPath(p, 'query'), true);
    const c = text !== undefined ? counterQuery(text.trim()) : undefined;
    if (c?.problem !== undefined) {
      report(ctx, qe!.value.pos, joinPath(p, 'query'), c.problem);
      return undefined;
    }
    return c?.query;
  };
  const a = query(which);
  const total = query('total');
  if (a === undefined || total === undefined) {
    return undefined;
  }
  return {
    kind: 'counters',
    indicator: which === 'bad' ? { kind: 'ratio', bad: a, total } : { kind: 'ratio', good: a, total },
  };
}

/** OpenSLO durations: a number and one of m h d w (exact), M Q Y (approximated as 30, 90, 365 days, with a note); Prometheus durations too. */
function readOpenSloDuration(ctx: ReadContext, node: ValueNode, path: string): number | undefined {
  const text = node.kind === 'scalar' && typeof node.value === 'string' ? node.value.trim() : '';
  const m = /^(\d+)([MQY])$/.exec(text);
  if (m) {
    const days = { M: 30, Q: 90, Y: 365 }[m[2] as 'M' | 'Q' | 'Y'] * Number(m[1]);
    note(ctx, node.pos, path, `carried approximately: a rolling ${text} has no fixed length; imported as ${days}d`);
    return days * DAY_MS;
  }
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    report(
      ctx,
      node.pos,
      path,
      `invalid duration ${JSON.stringify(text)}: expected a number and a unit (m, h, d, w, M, Q, Y), such as 28d`
    );
    return undefined;
  }
  return ms;
}
