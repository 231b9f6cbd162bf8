// Validation and normalization of `burndown/v1` documents into SloSpec with every default filled (DESIGN.md sections 1, 3-5 and 10).
// Works on a positioned tree (tree.ts) and reports every problem it finds, each with line:col and a field path.

import type {
  AlertingDocument,
  BurnRateConditionDocument,
  CalendarDocument,
  CompositeComponentDocument,
  CompositeDocument,
  DatasourceDocument,
  ExclusionDocument,
  FixedWindowDocument,
  IndicatorDocument,
  LatencyDocument,
  PolicyLevelDocument,
  RatioDocument,
  SloDocument,
  SloDocumentSlo,
  ThresholdDocument,
  TimesliceDocument,
  WindowDocument,
} from './document';
import { parseDuration } from './duration';
import { formatPercent, parsePercentOrFraction } from './percent';
import { checkPromqlSyntax } from './promql';
import { parseRfc3339 } from './rfc3339';
import type { MapEntry, Position, ValueNode } from './tree';
import {
  AlertingSpec,
  API_VERSION,
  BudgetingMethod,
  CalendarUnit,
  ComparisonOp,
  CompositeIndicator,
  DatasourceRef,
  Exclusion,
  Indicator,
  NoDataPolicy,
  PolicyLevel,
  SloError,
  SloSpec,
  TimesliceSpec,
  Weekday,
  WindowSpec,
} from './types';

// Field lists typed against document.ts: the compiler rejects a missing or extra name.
const keysOf = <T>(known: Record<keyof T, true>) => Object.keys(known) as Array<keyof T & string>;
const DOCUMENT_FIELDS = keysOf<SloDocument>({ apiVersion: true, slos: true });
const SLO_FIELDS = keysOf<SloDocumentSlo>({
  id: true,
  name: true,
  service: true,
  description: true,
  labels: true,
  datasource: true,
  indicator: true,
  objective: true,
  window: true,
  budgetingMethod: true,
  timeslice: true,
  groupBy: true,
  exclusions: true,
  policy: true,
  alerting: true,
});
const DATASOURCE_FIELDS = keysOf<DatasourceDocument>({ uid: true, type: true });
const INDICATOR_FIELDS = keysOf<IndicatorDocument>({ ratio: true, latency: true, threshold: true, composite: true });
const RATIO_FIELDS = keysOf<RatioDocument>({ bad: true, good: true, total: true });
const LATENCY_FIELDS = keysOf<LatencyDocument>({ histogram: true, threshold: true });
const THRESHOLD_FIELDS = keysOf<ThresholdDocument>({ expr: true, op: true, value: true });
const COMPOSITE_FIELDS = keysOf<CompositeDocument>({ components: true });
const COMPONENT_FIELDS = keysOf<CompositeComponentDocument>({ slo: true, weight: true });
const WINDOW_FIELDS = keysOf<WindowDocument>({ rolling: true, calendar: true, fixed: true });
const CALENDAR_FIELDS = keysOf<CalendarDocument>({ unit: true, timeZone: true, startMonth: true, weekStart: true });
const FIXED_FIELDS = keysOf<FixedWindowDocument>({ from: true, to: true });
const TIMESLICE_FIELDS = keysOf<TimesliceDocument>({ length: true, target: true, noData: true });
const EXCLUSION_FIELDS = keysOf<ExclusionDocument>({ from: true, to: true, reason: true });
const POLICY_FIELDS = keysOf<PolicyLevelDocument>({ name: true, below: true, burnRate: true, actions: true });
const BURN_RATE_FIELDS = keysOf<BurnRateConditionDocument>({ above: true, window: true });
const ALERTING_FIELDS = keysOf<AlertingDocument>({ page: true, ticket: true, runbook: true, minBadEvents: true });

const keysOfUnion = <T extends string>(known: Record<T, true>) => Object.keys(known) as T[];
export const CALENDAR_UNITS = keysOfUnion<CalendarUnit>({
  day: true,
  week: true,
  month: true,
  quarter: true,
  year: true,
});
export const WEEKDAYS = keysOfUnion<Weekday>({
  monday: true,
  tuesday: true,
  wednesday: true,
  thursday: true,
  friday: true,
  saturday: true,
  sunday: true,
});
export const COMPARISON_OPS = keysOfUnion<ComparisonOp>({
  '<': true,
  '<=': true,
  '>': true,
  '>=': true,
  '==': true,
  '!=': true,
});
export const BUDGETING_METHODS = keysOfUnion<BudgetingMethod>({ occurrences: true, timeslices: true });
export const NO_DATA_POLICIES = keysOfUnion<NoDataPolicy>({ good: true, bad: true, ignore: true });

export const SLO_ID_RE = /^[a-z0-9-]+$/;
export const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const HISTOGRAM_SELECTOR_RE = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[\s\S]*\})?\s*$/;

type Fields<K extends string> = Partial<Record<K, MapEntry>>;

interface CompositeRef {
  owner: number;
  slo: string;
  pos: Position;
  path: string;
}

/** Collects errors for one document; `file` only labels them. */
export class Validator {
  readonly errors: SloError[] = [];
  private ids: Array<{ id: string; index: number; pos: Position; path: string }> = [];
  private compositeRefs: CompositeRef[] = [];

  constructor(private readonly file?: string) {}

  report(pos: Position, path: string, message: string): void {
    this.errors.push({ file: this.file, line: pos.line, column: pos.column, path, message });
  }

  /** Errors sorted by position (unknown positions keep their order). */
  sortedErrors(): SloError[] {
    return this.errors
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.line - b.e.line || a.e.column - b.e.column || a.i - b.i)
      .map(({ e }) => e);
  }

  /** The whole `{apiVersion, slos}` document. */
  document(root: ValueNode): SloSpec[] | undefined {
    const f = this.fields(root, '', DOCUMENT_FIELDS, 'a mapping with apiVersion and slos');
    if (!f) {
      return undefined;
    }
    const version = this.need(f, 'apiVersion', root, '');
    if (version) {
      const value = version.value;
      if (value.kind !== 'scalar' || value.value !== API_VERSION) {
        this.report(value.pos, 'apiVersion', `expected ${API_VERSION}, got ${describeValue(value)}`);
      }
    }
    const slos = this.need(f, 'slos', root, '');
    return slos ? this.sloList(slos.value, 'slos') : undefined;
  }

  /** A list of SLO objects, plus the checks across them (unique ids, composite references). */
  sloList(node: ValueNode, path: string): SloSpec[] | undefined {
    const items = this.list(node, path, 'a list of SLOs');
    if (!items) {
      return undefined;
    }
    const specs = items.map((item, i) => this.slo(item, `${path}[${i}]`, i));
    this.checkCompositeRefs();
    return specs.every((s): s is SloSpec => s !== undefined) ? specs : undefined;
  }

  private slo(node: ValueNode, path: string, index: number): SloSpec | undefined {
    const before = this.errors.length;
    const f = this.fields(node, path, SLO_FIELDS, 'an SLO mapping');
    if (!f || node.kind !== 'map') {
      return undefined;
    }
    const idEntry = this.need(f, 'id', node, path);
    let id: string | undefined;
    if (idEntry) {
      id = this.string(idEntry.value, join(path, 'id'));
      if (id !== undefined) {
        this.checkId(id, index, idEntry.value.pos, join(path, 'id'));
      }
    }
    const nameEntry = this.need(f, 'name', node, path);
    const name = nameEntry && this.string(nameEntry.value, join(path, 'name'), true);
    const service = f.service && this.string(f.service.value, join(path, 'service'));
    const description = f.description && this.string(f.description.value, join(path, 'description'));
    const labels = f.labels ? this.labels(f.labels.value, join(path, 'labels')) : {};
    const datasource = f.datasource && this.datasource(f.datasource.value, join(path, 'datasource'));

    const indicatorEntry = this.need(f, 'indicator', node, path);
    const indicator = indicatorEntry && this.indicator(indicatorEntry.value, join(path, 'indicator'), index);

    const objectiveEntry = this.need(f, 'objective', node, path);
    const objective =
      objectiveEntry &&
      this.fraction(objectiveEntry.value, join(path, 'objective'), { min: 0, max: 1, minOpen: true, maxOpen: true });

    const windowEntry = this.need(f, 'window', node, path);
    const window = windowEntry && this.window(windowEntry.value, join(path, 'window'));

    const methodPath = join(path, 'budgetingMethod');
    const budgetingMethod: BudgetingMethod | undefined = f.budgetingMethod
      ? this.oneOf(f.budgetingMethod.value, methodPath, BUDGETING_METHODS, 'budgeting method')
      : 'occurrences';
    const timeslice = this.timesliceRules(f, path, budgetingMethod, indicator);

    const groupBy = f.groupBy ? this.groupBy(f.groupBy.value, join(path, 'groupBy')) : [];
    if (indicator?.kind === 'composite' && f.groupBy && groupBy && groupBy.length > 0) {
      this.report(
        f.groupBy.keyPos,
        join(path, 'groupBy'),
        'composite SLOs cannot be grouped: group their components instead'
      );
    }
    const exclusions = f.exclusions ? this.exclusions(f.exclusions.value, join(path, 'exclusions')) : [];
    const policy = f.policy ? this.policy(f.policy.value, join(path, 'policy')) : [];
    const alerting = f.alerting
      ? this.alerting(f.alerting.value, join(path, 'alerting'))
      : { page: false, ticket: false };

    if (this.errors.length > before) {
      return undefined;
    }
    // Key order follows types.ts so logged and serialized objects read the same way.
    const spec: SloSpec = {
      id: id!,
      name: name!,
      ...(service !== undefined ? { service } : {}),
      ...(description !== undefined ? { description } : {}),
      labels: labels!,
      ...(datasource !== undefined ? { datasource } : {}),
      indicator: indicator!,
      objective: objective!,
      window: window!,
      budgetingMethod: budgetingMethod!,
      ...(timeslice !== undefined ? { timeslice } : {}),
      groupBy: groupBy!,
      exclusions: exclusions!,
      policy: policy!,
      alerting: alerting!,
    };
    return spec;
  }

  private checkId(id: string, index: number, pos: Position, path: string): void {
    if (!SLO_ID_RE.test(id)) {
      this.report(pos, path, `invalid id "${id}": use lowercase letters, digits and hyphens ([a-z0-9-]+)`);
      return;
    }
    const first = this.ids.find((other) => other.id === id);
    if (first) {
      const where = first.pos.line > 0 ? ` at line ${first.pos.line}` : '';
      this.report(pos, path, `duplicate id "${id}": already used by ${first.path.replace(/\.id$/, '')}${where}`);
      return;
    }
    this.ids.push({ id, index, pos, path });
  }

  private checkCompositeRefs(): void {
    const known = this.ids.map((e) => e.id);
    for (const ref of this.compositeRefs) {
      const target = this.ids.find((e) => e.id === ref.slo);
      if (!target) {
        this.report(ref.pos, ref.path, `unknown SLO id "${ref.slo}"${suggestion(ref.slo, known)}`);
      } else if (target.index === ref.owner) {
        this.report(ref.pos, ref.path, 'a composite SLO cannot include itself');
      }
    }
    // Cycles through other composites (a -> b -> a) would make remaining budget undefined.
    const edges = new Map<number, CompositeRef[]>();
    for (const ref of this.compositeRefs) {
      edges.set(ref.owner, [...(edges.get(ref.owner) ?? []), ref]);
    }
    const indexOf = new Map(this.ids.map((e) => [e.id, e.index]));
    const reported = new Set<number>();
    for (const start of edges.keys()) {
      const cycle = findCycle(start, edges, indexOf);
      if (cycle && cycle.length > 2 && !reported.has(start)) {
        cycle.forEach((i) => reported.add(i));
        const ref = edges.get(start)!.find((r) => indexOf.get(r.slo) === cycle[1])!;
        const names = cycle.map((i) => this.ids.find((e) => e.index === i)?.id ?? `#${i}`);
        this.report(ref.pos, ref.path, `composite SLOs form a cycle: ${names.join(' -> ')}`);
      }
    }
  }

  // ---- indicator ----

  private indicator(node: ValueNode, path: string, owner: number): Indicator | undefined {
    const f = this.fields(node, path, INDICATOR_FIELDS, 'a mapping with one of ratio, latency, threshold, composite');
    const kind = f && this.exactlyOne(f, node, path, INDICATOR_FIELDS, 'an indicator');
    if (!f || !kind) {
      return undefined;
    }
    const entry = f[kind]!;
    const p = join(path, kind);
    switch (kind) {
      case 'ratio':
        return this.ratio(entry.value, p);
      case 'latency':
        return this.latency(entry.value, p);
      case 'threshold':
        return this.threshold(entry.value, p);
      case 'composite':
        return this.composite(entry.value, p, owner);
    }
  }

  private ratio(node: ValueNode, path: string): Indicator | undefined {
    const f = this.fields(node, path, RATIO_FIELDS, 'a mapping with bad or good, and total');
    if (!f) {
      return undefined;
    }
    const before = this.errors.length;
    if (f.bad && f.good) {
      this.report(f.good.keyPos, join(path, 'good'), 'give either bad or good events, not both');
    } else if (!f.bad && !f.good) {
      this.report(node.pos, join(path, 'bad'), 'a ratio needs bad or good events, plus total');
    }
    const total = this.need(f, 'total', node, path);
    const bad = f.bad && this.promql(f.bad.value, join(path, 'bad'));
    const good = f.good && this.promql(f.good.value, join(path, 'good'));
    const totalExpr = total && this.promql(total.value, join(path, 'total'));
    if (this.errors.length > before) {
      return undefined;
    }
    return bad !== undefined
      ? { kind: 'ratio', bad, total: totalExpr! }
      : { kind: 'ratio', good: good!, total: totalExpr! };
  }

  private latency(node: ValueNode, path: string): Indicator | undefined {
    const f = this.fields(node, path, LATENCY_FIELDS, 'a mapping with histogram and threshold');
    if (!f) {
      return undefined;
    }
    const h = this.need(f, 'histogram', node, path);
    const t = this.need(f, 'threshold', node, path);
    let histogram = h && this.promql(h.value, join(path, 'histogram'));
    if (h && histogram !== undefined) {
      const m = HISTOGRAM_SELECTOR_RE.exec(histogram);
      if (!m) {
        this.report(
          h.value.pos,
          join(path, 'histogram'),
          'expected a histogram selector such as http_request_duration_seconds{job="checkout"}'
        );
        histogram = undefined;
      } else if (/_(bucket|count|sum)$/.test(m[1])) {
        const base = m[1].replace(/_(bucket|count|sum)$/, '');
        this.report(
          h.value.pos,
          join(path, 'histogram'),
          `give the histogram's base name ("${base}"): _bucket and _count are added`
        );
        histogram = undefined;
      }
    }
    let threshold: number | undefined;
    if (t) {
      const value = t.value;
      if (value.kind !== 'scalar' || typeof value.value !== 'number' || !Number.isFinite(value.value)) {
        this.report(
          value.pos,
          join(path, 'threshold'),
          `expected a number of seconds (a histogram le bound such as 0.25), got ${describeValue(value)}`
        );
      } else if (value.value <= 0) {
        this.report(value.pos, join(path, 'threshold'), `must be greater than 0, got ${value.value}`);
      } else {
        threshold = value.value;
      }
    }
    return histogram !== undefined && threshold !== undefined ? { kind: 'latency', histogram, threshold } : undefined;
  }

  private threshold(node: ValueNode, path: string): Indicator | undefined {
    const f = this.fields(node, path, THRESHOLD_FIELDS, 'a mapping with expr, op and value');
    if (!f) {
      return undefined;
    }
    const e = this.need(f, 'expr', node, path);
    const o = this.need(f, 'op', node, path);
    const v = this.need(f, 'value', node, path);
    const expr = e && this.promql(e.value, join(path, 'expr'));
    const op = o && this.oneOf(o.value, join(path, 'op'), COMPARISON_OPS, 'comparison');
    const value = v && this.number(v.value, join(path, 'value'));
    return expr !== undefined && op !== undefined && value !== undefined
      ? { kind: 'threshold', expr, op, value }
      : undefined;
  }

  private composite(node: ValueNode, path: string, owner: number): CompositeIndicator | undefined {
    const f = this.fields(node, path, COMPOSITE_FIELDS, 'a mapping with components');
    const c = f && this.need(f, 'components', node, path);
    const items = c && this.list(c.value, join(path, 'components'), 'a list of {slo, weight}');
    if (!c || !items) {
      return undefined;
    }
    if (items.length === 0) {
      this.report(c.value.pos, join(path, 'components'), 'a composite needs at least one component');
      return undefined;
    }
    const before = this.errors.length;
    const seen = new Set<string>();
    const components = items.map((item, i) => {
      const p = `${path}.components[${i}]`;
      const cf = this.fields(item, p, COMPONENT_FIELDS, 'a mapping with slo and weight');
      const s = cf && this.need(cf, 'slo', item, p);
      const slo = s && this.string(s.value, join(p, 'slo'), true);
      if (s && slo !== undefined) {
        if (seen.has(slo)) {
          this.report(s.value.pos, join(p, 'slo'), `"${slo}" is already a component of this composite`);
        }
        seen.add(slo);
        this.compositeRefs.push({ owner, slo, pos: s.value.pos, path: join(p, 'slo') });
      }
      let weight: number | undefined = 1;
      if (cf?.weight) {
        weight = this.number(cf.weight.value, join(p, 'weight'));
        if (weight !== undefined && weight <= 0) {
          this.report(cf.weight.value.pos, join(p, 'weight'), `must be greater than 0, got ${weight}`);
        }
      }
      return { slo: slo!, weight: weight! };
    });
    return this.errors.length > before ? undefined : { kind: 'composite', components };
  }

  // ---- window ----

  private window(node: ValueNode, path: string): WindowSpec | undefined {
    const f = this.fields(node, path, WINDOW_FIELDS, 'a mapping with one of rolling, calendar, fixed');
    const kind = f && this.exactlyOne(f, node, path, WINDOW_FIELDS, 'a window');
    if (!f || !kind) {
      return undefined;
    }
    const value = f[kind]!.value;
    const p = join(path, kind);
    if (kind === 'rolling') {
      const durationMs = this.duration(value, p);
      return durationMs === undefined ? undefined : { kind: 'rolling', durationMs };
    }
    if (kind === 'fixed') {
      const ff = this.fields(value, p, FIXED_FIELDS, 'a mapping with from and to');
      const range = ff && this.interval(ff, value, p);
      return range && { kind: 'fixed', ...range };
    }
    return this.calendar(value, p);
  }

  private calendar(node: ValueNode, path: string): WindowSpec | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'string') {
      const unit = this.oneOf(node, path, CALENDAR_UNITS, 'calendar unit');
      return unit && { kind: 'calendar', unit, timeZone: 'UTC', startMonth: 1, weekStart: 'monday' };
    }
    const f = this.fields(
      node,
      path,
      CALENDAR_FIELDS,
      `a calendar unit (${CALENDAR_UNITS.join(', ')}) or a mapping with unit`
    );
    if (!f) {
      return undefined;
    }
    const before = this.errors.length;
    const u = this.need(f, 'unit', node, path);
    const unit = u && this.oneOf(u.value, join(path, 'unit'), CALENDAR_UNITS, 'calendar unit');
    let timeZone = 'UTC';
    if (f.timeZone) {
      const tz = this.string(f.timeZone.value, join(path, 'timeZone'), true);
      if (tz !== undefined && !isTimeZone(tz)) {
        this.report(
          f.timeZone.value.pos,
          join(path, 'timeZone'),
          `unknown time zone "${tz}"${suggestion(tz, timeZoneNames())}`
        );
      } else if (tz !== undefined) {
        timeZone = tz;
      }
    }
    let startMonth = 1;
    if (f.startMonth) {
      const p = join(path, 'startMonth');
      const value = this.number(f.startMonth.value, p);
      if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 12)) {
        this.report(f.startMonth.value.pos, p, `expected a month number from 1 to 12, got ${value}`);
      } else if (unit && unit !== 'quarter' && unit !== 'year') {
        this.report(f.startMonth.keyPos, p, `startMonth applies to quarter and year windows, not ${unit}`);
      } else if (value !== undefined) {
        startMonth = value;
      }
    }
    let weekStart: Weekday = 'monday';
    if (f.weekStart) {
      const p = join(path, 'weekStart');
      const value = this.oneOf(f.weekStart.value, p, WEEKDAYS, 'weekday');
      if (value && unit && unit !== 'week') {
        this.report(f.weekStart.keyPos, p, `weekStart applies to week windows, not ${unit}`);
      } else if (value) {
        weekStart = value;
      }
    }
    return this.errors.length > before ? undefined : { kind: 'calendar', unit: unit!, timeZone, startMonth, weekStart };
  }

  // ---- budgeting ----

  private timesliceRules(
    f: Fields<keyof SloDocumentSlo & string>,
    path: string,
    method: BudgetingMethod | undefined,
    indicator: Indicator | undefined
  ): TimesliceSpec | undefined {
    const slicePath = join(path, 'timeslice');
    if (indicator?.kind === 'threshold' && method === 'occurrences' && f.indicator) {
      this.report(
        f.budgetingMethod?.value.pos ?? f.indicator.keyPos,
        join(path, 'budgetingMethod'),
        'threshold indicators are judged per time slice: set budgetingMethod: timeslices and a timeslice block'
      );
    }
    if (indicator?.kind === 'composite' && method === 'timeslices' && f.budgetingMethod) {
      this.report(
        f.budgetingMethod.value.pos,
        join(path, 'budgetingMethod'),
        "composite SLOs combine their components' budgets and have no slices of their own: remove budgetingMethod"
      );
      return undefined;
    }
    if (method !== 'timeslices') {
      if (f.timeslice && method) {
        this.report(f.timeslice.keyPos, slicePath, 'timeslice is only used with budgetingMethod: timeslices');
      }
      return undefined;
    }
    if (!f.timeslice) {
      this.report(
        f.budgetingMethod!.value.pos,
        slicePath,
        'budgetingMethod: timeslices needs a timeslice block, e.g. {length: 5m, target: 99%}'
      );
      return undefined;
    }
    const value = f.timeslice.value;
    const tf = this.fields(value, slicePath, TIMESLICE_FIELDS, 'a mapping with length, target and noData');
    if (!tf) {
      return undefined;
    }
    const l = this.need(tf, 'length', value, slicePath);
    const lengthMs = l && this.duration(l.value, join(slicePath, 'length'));
    let target: number | undefined = 1;
    if (indicator?.kind === 'threshold') {
      if (tf.target) {
        this.report(
          tf.target.keyPos,
          join(slicePath, 'target'),
          'not used by threshold indicators: their op and value decide each slice'
        );
        target = undefined;
      }
    } else {
      const t = indicator ? this.need(tf, 'target', value, slicePath) : tf.target;
      target =
        t && this.fraction(t.value, join(slicePath, 'target'), { min: 0, max: 1, minOpen: true, maxOpen: false });
    }
    const noData: NoDataPolicy | undefined = tf.noData
      ? this.oneOf(tf.noData.value, join(slicePath, 'noData'), NO_DATA_POLICIES, 'no-data policy')
      : 'good';
    return lengthMs !== undefined && target !== undefined && noData !== undefined
      ? { lengthMs, target, noData }
      : undefined;
  }

  private exclusions(node: ValueNode, path: string): Exclusion[] | undefined {
    const items = this.list(node, path, 'a list of {from, to, reason}');
    if (!items) {
      return undefined;
    }
    const before = this.errors.length;
    const out = items.map((item, i) => {
      const p = `${path}[${i}]`;
      const f = this.fields(item, p, EXCLUSION_FIELDS, 'a mapping with from, to and reason');
      if (!f) {
        return undefined;
      }
      const range = this.interval(f, item, p);
      const r = this.need(f, 'reason', item, p);
      const reason = r && this.string(r.value, join(p, 'reason'), true);
      return range && reason !== undefined ? { ...range, reason } : undefined;
    });
    return this.errors.length > before ? undefined : (out as Exclusion[]);
  }

  private policy(node: ValueNode, path: string): PolicyLevel[] | undefined {
    const items = this.list(node, path, 'a list of policy levels');
    if (!items) {
      return undefined;
    }
    const before = this.errors.length;
    const names = new Map<string, string>();
    let previous: { below: number; path: string } | undefined;
    const levels = items.map((item, i): PolicyLevel | undefined => {
      const p = `${path}[${i}]`;
      const f = this.fields(item, p, POLICY_FIELDS, 'a mapping with name, below or burnRate, and actions');
      if (!f) {
        return undefined;
      }
      const n = this.need(f, 'name', item, p);
      const name = n && this.string(n.value, join(p, 'name'), true);
      if (n && name !== undefined) {
        const first = names.get(name);
        if (first) {
          this.report(n.value.pos, join(p, 'name'), `duplicate policy level name "${name}" (also ${first})`);
        }
        names.set(name, p);
      }
      if (!f.below && !f.burnRate) {
        this.report(item.pos, join(p, 'below'), 'a policy level needs below (remaining budget) or burnRate, or both');
      }
      let below: number | undefined;
      if (f.below) {
        below = this.fraction(f.below.value, join(p, 'below'), { min: 0, max: 1, minOpen: false, maxOpen: false });
        if (below !== undefined && previous && below >= previous.below) {
          this.report(
            f.below.value.pos,
            join(p, 'below'),
            `levels go from least to most severe, so below must decrease: ${fmtPct(below)} is not below ${fmtPct(
              previous.below
            )} (${previous.path})`
          );
        }
        if (below !== undefined) {
          previous = { below, path: p };
        }
      }
      let burnRate: PolicyLevel['burnRate'];
      if (f.burnRate) {
        const bp = join(p, 'burnRate');
        const bf = this.fields(f.burnRate.value, bp, BURN_RATE_FIELDS, 'a mapping with above and window');
        if (bf) {
          const a = this.need(bf, 'above', f.burnRate.value, bp);
          const w = this.need(bf, 'window', f.burnRate.value, bp);
          const above = a && this.number(a.value, join(bp, 'above'));
          if (a && above !== undefined && above <= 0) {
            this.report(a.value.pos, join(bp, 'above'), `must be greater than 0, got ${above}`);
          }
          const windowMs = w && this.duration(w.value, join(bp, 'window'));
          burnRate = { above: above!, windowMs: windowMs! };
        }
      }
      let actions: string[] | undefined = [];
      if (f.actions) {
        const list = this.list(f.actions.value, join(p, 'actions'), 'a list of strings');
        actions = list?.map((a, k) => this.string(a, `${p}.actions[${k}]`, true)!);
      }
      const level: PolicyLevel = {
        name: name!,
        ...(below !== undefined ? { below } : {}),
        ...(burnRate ? { burnRate } : {}),
        actions: actions!,
      };
      return level;
    });
    return this.errors.length > before ? undefined : (levels as PolicyLevel[]);
  }

  private alerting(node: ValueNode, path: string): AlertingSpec | undefined {
    const f = this.fields(node, path, ALERTING_FIELDS, 'a mapping with page, ticket and runbook');
    if (!f) {
      return undefined;
    }
    const page = f.page ? this.boolean(f.page.value, join(path, 'page')) : false;
    const ticket = f.ticket ? this.boolean(f.ticket.value, join(path, 'ticket')) : false;
    const runbook = f.runbook && this.string(f.runbook.value, join(path, 'runbook'), true);
    const minBadEvents = f.minBadEvents && this.number(f.minBadEvents.value, join(path, 'minBadEvents'));
    if (f.minBadEvents && minBadEvents !== undefined && !(Number.isInteger(minBadEvents) && minBadEvents >= 1)) {
      this.report(
        f.minBadEvents.value.pos,
        join(path, 'minBadEvents'),
        `must be a whole number >= 1, got ${minBadEvents}`
      );
      return undefined;
    }
    if (page === undefined || ticket === undefined || (f.runbook && runbook === undefined)) {
      return undefined;
    }
    if (f.minBadEvents && minBadEvents === undefined) {
      return undefined;
    }
    return {
      page,
      ticket,
      ...(runbook !== undefined ? { runbook } : {}),
      ...(minBadEvents !== undefined ? { minBadEvents } : {}),
    };
  }

  // ---- metadata ----

  private labels(node: ValueNode, path: string): Record<string, string> | undefined {
    if (node.kind !== 'map') {
      this.report(node.pos, path, `expected a mapping of label names to strings, got ${describeValue(node)}`);
      return undefined;
    }
    const out: Record<string, string> = {};
    let ok = true;
    for (const entry of node.entries) {
      const p = join(path, entry.key);
      if (entry.key === '') {
        this.report(entry.keyPos, p, 'label names must not be empty');
        ok = false;
      }
      const v = entry.value;
      if (v.kind !== 'scalar' || typeof v.value !== 'string') {
        const hint =
          v.kind === 'scalar' && (typeof v.value === 'number' || typeof v.value === 'boolean')
            ? `; quote it: "${v.value}"`
            : '';
        this.report(v.pos, p, `label values must be strings, got ${describeValue(v)}${hint}`);
        ok = false;
      } else {
        // defineProperty, not assignment: a label named "__proto__" must stay a label, not replace the prototype
        Object.defineProperty(out, entry.key, { value: v.value, enumerable: true, writable: true, configurable: true });
      }
    }
    return ok ? out : undefined;
  }

  private datasource(node: ValueNode, path: string): DatasourceRef | undefined {
    const f = this.fields(node, path, DATASOURCE_FIELDS, 'a mapping with uid');
    const u = f && this.need(f, 'uid', node, path);
    const uid = u && this.string(u.value, join(path, 'uid'), true);
    const type = f?.type && this.string(f.type.value, join(path, 'type'), true);
    if (uid === undefined || (f?.type && type === undefined)) {
      return undefined;
    }
    return type === undefined ? { uid } : { uid, type };
  }

  private groupBy(node: ValueNode, path: string): string[] | undefined {
    const items = this.list(node, path, 'a list of label names');
    if (!items) {
      return undefined;
    }
    const before = this.errors.length;
    const seen = new Set<string>();
    const names = items.map((item, i) => {
      const p = `${path}[${i}]`;
      const name = this.string(item, p);
      if (name === undefined) {
        return '';
      }
      if (!LABEL_NAME_RE.test(name)) {
        this.report(item.pos, p, `"${name}" is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)`);
      } else if (seen.has(name)) {
        this.report(item.pos, p, `"${name}" is listed twice`);
      }
      seen.add(name);
      return name;
    });
    return this.errors.length > before ? undefined : names;
  }

  // ---- field and value readers ----

  /** The known fields of a mapping; unknown ones are reported with a did-you-mean. */
  private fields<K extends string>(
    node: ValueNode,
    path: string,
    known: readonly K[],
    expected: string
  ): Fields<K> | undefined {
    if (node.kind !== 'map') {
      this.report(node.pos, path, `expected ${expected}, got ${describeValue(node)}`);
      return undefined;
    }
    const out: Fields<K> = {};
    for (const entry of node.entries) {
      if ((known as readonly string[]).includes(entry.key)) {
        out[entry.key as K] = entry;
      } else {
        const hint = suggestion(entry.key, known) || `; expected one of: ${known.join(', ')}`;
        this.report(entry.keyPos, join(path, entry.key), `unknown field "${entry.key}"${hint}`);
      }
    }
    return out;
  }

  private need<K extends string>(f: Fields<K>, key: K, parent: ValueNode, path: string): MapEntry | undefined {
    const entry = f[key];
    if (!entry) {
      this.report(parent.pos, join(path, key), 'required field is missing');
    }
    return entry;
  }

  private exactlyOne<K extends string>(
    f: Fields<K>,
    node: ValueNode,
    path: string,
    kinds: readonly K[],
    what: string
  ): K | undefined {
    const present = kinds.filter((k) => f[k]);
    if (present.length === 0) {
      if (!(node.kind === 'map' && node.entries.length > 0)) {
        this.report(node.pos, path, `${what} needs one of: ${kinds.join(', ')}`);
      }
      return undefined;
    }
    if (present.length > 1) {
      const [first, second] = present;
      this.report(f[second]!.keyPos, join(path, second), `${what} has exactly one kind: remove ${second} or ${first}`);
      return undefined;
    }
    return present[0];
  }

  private list(node: ValueNode, path: string, expected: string): ValueNode[] | undefined {
    if (node.kind !== 'seq') {
      this.report(node.pos, path, `expected ${expected}, got ${describeValue(node)}`);
      return undefined;
    }
    return node.items;
  }

  private string(node: ValueNode, path: string, nonEmpty = false): string | undefined {
    if (node.kind !== 'scalar' || typeof node.value !== 'string') {
      const hint =
        node.kind === 'scalar' && (typeof node.value === 'number' || typeof node.value === 'boolean')
          ? `; quote it: "${node.value}"`
          : '';
      this.report(node.pos, path, `expected a string, got ${describeValue(node)}${hint}`);
      return undefined;
    }
    if (nonEmpty && node.value.trim() === '') {
      this.report(node.pos, path, 'must not be empty');
      return undefined;
    }
    return node.value;
  }

  private number(node: ValueNode, path: string): number | undefined {
    if (node.kind !== 'scalar' || typeof node.value !== 'number' || !Number.isFinite(node.value)) {
      this.report(node.pos, path, `expected a number, got ${describeValue(node)}`);
      return undefined;
    }
    return node.value;
  }

  private boolean(node: ValueNode, path: string): boolean | undefined {
    if (node.kind !== 'scalar' || typeof node.value !== 'boolean') {
      this.report(node.pos, path, `expected true or false, got ${describeValue(node)}`);
      return undefined;
    }
    return node.value;
  }

  private oneOf<T extends string>(node: ValueNode, path: string, allowed: readonly T[], what: string): T | undefined {
    if (node.kind === 'scalar' && (allowed as readonly unknown[]).includes(node.value)) {
      return node.value as T;
    }
    const got = node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
    const hint = got !== undefined ? suggestion(got, allowed) : '';
    this.report(node.pos, path, `unknown ${what} ${describeValue(node)}: expected one of ${allowed.join(', ')}${hint}`);
    return undefined;
  }

  private duration(node: ValueNode, path: string): number | undefined {
    const text = node.kind === 'scalar' ? node.value : undefined;
    const ms = typeof text === 'string' ? parseDuration(text) : undefined;
    if (ms === undefined) {
      this.report(
        node.pos,
        path,
        `invalid duration ${describeValue(
          node
        )}: use Prometheus units ms, s, m, h, d, w, y, largest first (5m, 28d, 1h30m)`
      );
      return undefined;
    }
    if (ms <= 0) {
      this.report(node.pos, path, 'duration must be greater than 0');
      return undefined;
    }
    return ms;
  }

  private interval(f: Fields<'from' | 'to'>, node: ValueNode, path: string): { from: number; to: number } | undefined {
    const a = this.need(f, 'from', node, path);
    const b = this.need(f, 'to', node, path);
    const from = a && this.timestamp(a.value, join(path, 'from'));
    const to = b && this.timestamp(b.value, join(path, 'to'));
    if (from === undefined || to === undefined) {
      return undefined;
    }
    if (from >= to) {
      this.report(b!.value.pos, join(path, 'to'), 'must be later than from');
      return undefined;
    }
    return { from, to };
  }

  private timestamp(node: ValueNode, path: string): number | undefined {
    let ms: number | undefined;
    if (node.kind === 'scalar' && node.value instanceof Date && !Number.isNaN(node.value.getTime())) {
      ms = node.value.getTime();
    } else if (node.kind === 'scalar' && typeof node.value === 'string') {
      ms = parseRfc3339(node.value);
    }
    if (ms === undefined) {
      this.report(
        node.pos,
        path,
        `invalid timestamp ${describeValue(node)}: use RFC 3339 with an offset, e.g. 2026-08-05T02:00:00Z`
      );
    }
    return ms;
  }

  private fraction(
    node: ValueNode,
    path: string,
    range: { min: number; max: number; minOpen: boolean; maxOpen: boolean }
  ): number | undefined {
    const raw = node.kind === 'scalar' ? node.value : undefined;
    const value = parsePercentOrFraction(raw);
    if (value === undefined) {
      this.report(
        node.pos,
        path,
        `expected a percentage like 99.5% or a fraction like 0.995, got ${describeValue(node)}`
      );
      return undefined;
    }
    const isPercent = typeof raw === 'string' && raw.trim().endsWith('%');
    const tooLow = range.minOpen ? value <= range.min : value < range.min;
    const tooHigh = range.maxOpen ? value >= range.max : value > range.max;
    if (!isPercent && value > 1 && value <= 100) {
      this.report(node.pos, path, `${value} is not a fraction: write ${value}% or ${fractionText(value)}`);
      return undefined;
    }
    if (tooLow || tooHigh) {
      const lo = `${fmtPct(range.min)} ${range.minOpen ? '(exclusive)' : '(inclusive)'}`;
      const hi = `${fmtPct(range.max)} ${range.maxOpen ? '(exclusive)' : '(inclusive)'}`;
      this.report(node.pos, path, `must be between ${lo} and ${hi}, got ${isPercent ? String(raw).trim() : value}`);
      return undefined;
    }
    return value;
  }

  private promql(node: ValueNode, path: string): string | undefined {
    const expr = this.string(node, path);
    if (expr === undefined || node.kind !== 'scalar') {
      return undefined;
    }
    const problem = checkPromqlSyntax(expr);
    if (problem) {
      const pos = node.charPos && expr.trim() !== '' ? node.charPos(problem.index) : node.pos;
      this.report(pos, path, problem.message);
      return undefined;
    }
    return expr;
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** How a value looks in a message: `a mapping`, `a list`, `"text"`, `number 99.5`, `true`, `nothing`. */
export function describeValue(node: ValueNode): string {
  if (node.kind === 'map') {
    return 'a mapping';
  }
  if (node.kind === 'seq') {
    return 'a list';
  }
  const v = node.value;
  if (v === null || v === undefined) {
    return 'nothing';
  }
  if (typeof v === 'string') {
    return JSON.stringify(v);
  }
  if (typeof v === 'number') {
    return `number ${v}`;
  }
  if (v instanceof Date) {
    return `date ${v.toISOString()}`;
  }
  return String(v);
}

const fmtPct = formatPercent;

function fractionText(percent: number): string {
  return String(parsePercentOrFraction(`${percent}%`));
}

/** `; did you mean "x"?` for the single closest candidate within a small edit distance (case ignored), else ''. */
export function suggestion(word: string, candidates: readonly string[]): string {
  const lower = word.toLowerCase();
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = [candidate];
      bestDistance = d;
    } else if (d === bestDistance) {
      best.push(candidate);
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  // Ties (e.g. "=" is one edit from six operators) suggest nothing rather than a guess.
  return best.length === 1 && bestDistance <= limit && best[0] !== word ? `; did you mean "${best[0]}"?` : '';
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** True for zone names Intl knows (IANA names such as Europe/Berlin, and UTC). */
export function isTimeZone(name: string): boolean {
  if (validZones.has(name)) {
    return true;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return false;
  }
  validZones.add(name);
  return true;
}
const validZones = new Set<string>();

let zoneNames: string[] | undefined;
function timeZoneNames(): string[] {
  if (!zoneNames) {
    const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
    zoneNames = supported ? [...supported('timeZone'), 'UTC'] : ['UTC'];
  }
  return zoneNames;
}

/** A cycle through composite references that starts and ends at `start`, as SLO indexes, or undefined. */
function findCycle(
  start: number,
  edges: Map<number, CompositeRef[]>,
  indexOf: Map<string, number>
): number[] | undefined {
  const path: number[] = [start];
  const onPath = new Set<number>([start]);
  const done = new Set<number>();
  const visit = (node: number): number[] | undefined => {
    for (const ref of edges.get(node) ?? []) {
      const next = indexOf.get(ref.slo);
      if (next === undefined || next === node) {
        continue;
      }
      if (next === start) {
        return [...path, start];
      }
      if (onPath.has(next) || done.has(next)) {
        continue;
      }
      path.push(next);
      onPath.add(next);
      const found = visit(next);
      if (found) {
        return found;
      }
      path.pop();
      onPath.delete(next);
      done.add(next);
    }
    return undefined;
  };
  return visit(start);
}
