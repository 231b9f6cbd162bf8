// Pyrra `pyrra.dev/v1alpha1` ServiceLevelObjective -> one Burndown SLO. id: metadata.name (ids.ts scopes it by
// namespace when two collide); target is a percentage read from its decimal text ('99.0' -> 0.99); window is
// rolling; `grouping` -> groupBy; metadata labels prefixed `pyrra.dev/` are SLO labels (Pyrra's rules carry them
// without the prefix), other Kubernetes labels are noted. ratio -> bad/total; latency -> Burndown latency when the
// success bucket and total count belong to one histogram, else a good/total ratio. latencyNative (native histograms)
// and bool_gauge (gauge samples) are not counters of events: refused.

import {
  joinPath,
  note,
  readContext,
  readDuration,
  readFields,
  readPercent,
  readString,
  report,
  requireField,
  type ReadContext,
  type ValueNode,
} from '../slo/read';
import type { Indicator, SloSpec } from '../slo/types';
import { counterQuery, latencyFromCounters } from './queries';
import { emptyOutcome, noteFields, readLabelValues, slugId, toImportNote, type ReadOutcome } from './unit';

const PERCENT = { min: 0, max: 1, minOpen: true, maxOpen: true };
const PYRRA_LABEL_PREFIX = 'pyrra.dev/';

export function readPyrraObject(root: ValueNode, file: string): ReadOutcome {
  const out = emptyOutcome();
  const ctx = readContext(file);
  const slo = readObject(ctx, root);
  const meta = root.kind === 'map' ? root.entries.find((e) => e.key === 'metadata')?.value : undefined;
  const nameNode = meta?.kind === 'map' ? meta.entries.find((e) => e.key === 'name')?.value : undefined;
  const wouldBe =
    nameNode?.kind === 'scalar' && typeof nameNode.value === 'string' ? slugId(nameNode.value) : undefined;
  if (ctx.errors.length > 0 || !slo) {
    out.refusals.push(...ctx.errors.map((e) => toImportNote(e, file, wouldBe)));
    return out;
  }
  out.units.push({
    file,
    pos: root.pos,
    path: '',
    id: slo.spec.id,
    ...(slo.namespace ? { scopedId: slugId(`${slo.namespace}-${slo.spec.id}`) } : {}),
    build: (id) => [{ ...slo.spec, id }],
    notes: ctx.notes,
  });
  return out;
}

function readObject(ctx: ReadContext, root: ValueNode): { spec: SloSpec; namespace?: string } | undefined {
  const top = readFields(ctx, root, '', ['apiVersion', 'kind', 'metadata', 'spec', 'status'], 'a Kubernetes object', {
    unknown: 'note',
  });
  if (!top) {
    return undefined;
  }
  const metaEntry = requireField(ctx, top, 'metadata', root, '');
  const m =
    metaEntry &&
    readFields(ctx, metaEntry.value, 'metadata', ['name', 'namespace', 'labels', 'annotations'], 'object metadata', {
      unknown: 'note',
    });
  const nameEntry = m && requireField(ctx, m, 'name', metaEntry!.value, 'metadata');
  const name = nameEntry && readString(ctx, nameEntry.value, 'metadata.name', true);
  const namespace = m?.namespace && readString(ctx, m.namespace.value, 'metadata.namespace', true);
  const labels: Record<string, string> = {};
  if (m?.labels) {
    const all = readLabelValues(ctx, m.labels.value, 'metadata.labels');
    for (const entry of m.labels.value.kind === 'map' ? m.labels.value.entries : []) {
      if (entry.key.startsWith(PYRRA_LABEL_PREFIX) && entry.key in all) {
        labels[entry.key.slice(PYRRA_LABEL_PREFIX.length)] = all[entry.key];
      } else if (entry.key in all) {
        note(
          ctx,
          entry.keyPos,
          joinPath('metadata.labels', entry.key),
          `not carried over: a Kubernetes label of the object; only ${PYRRA_LABEL_PREFIX}-prefixed labels are SLO labels`
        );
      }
    }
  }
  m && noteFields(ctx, m, ['annotations'], 'metadata', 'Kubernetes annotations of the object');
  const specEntry = requireField(ctx, top, 'spec', root, '');
  const s =
    specEntry &&
    readFields(
      ctx,
      specEntry.value,
      'spec',
      ['target', 'window', 'description', 'indicator', 'alerting'],
      'a Pyrra spec',
      {
        unknown: 'note',
      }
    );
  if (!s) {
    return undefined;
  }
  const target = requireField(ctx, s, 'target', specEntry!.value, 'spec');
  const objective = target && readPercent(ctx, target.value, 'spec.target', PERCENT);
  const window = requireField(ctx, s, 'window', specEntry!.value, 'spec');
  const durationMs = window && readDuration(ctx, window.value, 'spec.window');
  const description = s.description && readString(ctx, s.description.value, 'spec.description');
  noteFields(
    ctx,
    s,
    ['alerting'],
    'spec',
    "Pyrra's alerting block (burn rates, absent alerts, alert name) has no Burndown equivalent; set Burndown's alerting yourself"
  );
  const ind = requireField(ctx, s, 'indicator', specEntry!.value, 'spec');
  const indicator = ind && readIndicator(ctx, ind.value, 'spec.indicator');
  if (name === undefined || objective === undefined || durationMs === undefined || !indicator) {
    return undefined;
  }
  return {
    namespace,
    spec: {
      id: slugId(name),
      name,
      ...(description ? { description } : {}),
      labels,
      indicator: indicator.indicator,
      objective,
      window: { kind: 'rolling', durationMs },
      budgetingMethod: 'occurrences',
      groupBy: indicator.groupBy,
      exclusions: [],
      policy: [],
      alerting: { page: false, ticket: false },
    },
  };
}

function readIndicator(
  ctx: ReadContext,
  node: ValueNode,
  path: string
): { indicator: Indicator; groupBy: string[] } | undefined {
  const kinds = ['ratio', 'latency', 'latencyNative', 'bool_gauge'] as const;
  const f = readFields(ctx, node, path, kinds, 'a Pyrra indicator (ratio, latency, latencyNative or bool_gauge)');
  const kind = f && kinds.find((k) => f[k]);
  if (!f || !kind) {
    f && report(ctx, node.pos, path, 'a Pyrra indicator needs ratio, latency, latencyNative or bool_gauge');
    return undefined;
  }
  const p = joinPath(path, kind);
  const value = f[kind]!.value;
  if (kind === 'latencyNative') {
    report(
      ctx,
      f[kind]!.keyPos,
      p,
      'latencyNative reads native histograms (histogram_fraction), which Burndown cannot count as events: use a classic histogram (latency)'
    );
    return undefined;
  }
  if (kind === 'bool_gauge') {
    report(
      ctx,
      f[kind]!.keyPos,
      p,
      'bool_gauge averages samples of a 0/1 gauge, not counters of events: Burndown cannot measure it as a ratio'
    );
    return undefined;
  }
  const [first, second] = kind === 'ratio' ? (['errors', 'total'] as const) : (['success', 'total'] as const);
  const g = readFields(ctx, value, p, [first, second, 'grouping'], `a Pyrra ${kind} indicator`);
  if (!g) {
    return undefined;
  }
  const metric = (key: string) => {
    const entry = requireField(ctx, g, key as typeof first, value, p);
    const kp = joinPath(p, key);
    const mf = entry && readFields(ctx, entry.value, kp, ['metric'], 'a mapping with metric');
    const me = mf && requireField(ctx, mf, 'metric', entry!.value, kp);
    const text = me && readString(ctx, me.value, joinPath(kp, 'metric'), true);
    if (text === undefined) {
      return undefined;
    }
    const q = counterQuery(text.trim());
    if (q.problem !== undefined) {
      report(ctx, me!.value.pos, joinPath(kp, 'metric'), q.problem);
      return undefined;
    }
    return q.query;
  };
  const a = metric(first);
  const total = metric(second);
  const groupBy: string[] = [];
  if (g.grouping) {
    const items = g.grouping.value.kind === 'seq' ? g.grouping.value.items : undefined;
    if (!items) {
      report(ctx, g.grouping.value.pos, joinPath(p, 'grouping'), 'expected a list of label names');
    }
    items?.forEach((item, i) => {
      const label = readString(ctx, item, `${joinPath(p, 'grouping')}[${i}]`, true);
      label !== undefined && groupBy.push(label);
    });
  }
  if (a === undefined || total === undefined) {
    return undefined;
  }
  if (kind === 'ratio') {
    return { indicator: { kind: 'ratio', bad: a, total }, groupBy };
  }
  const latency = latencyFromCounters(a, total);
  return { indicator: latency ? { kind: 'latency', ...latency } : { kind: 'ratio', good: a, total }, groupBy };
}
