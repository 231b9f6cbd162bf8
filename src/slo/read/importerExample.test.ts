// Proof that an importer can read its own schema with these readers in a few lines: a made-up Kubernetes-style
// object (apiVersion/kind/metadata/spec, camelCase keys), several per file, with burndown/v1's error quality.

import { formatSloError } from '../types';
import {
  joinPath,
  parseYamlDocuments,
  readContext,
  ReadContext,
  readDuration,
  readEnum,
  readFields,
  readFraction,
  readString,
  requireField,
  sortedByPosition,
  ValueNode,
} from './index';

interface ImportedSlo {
  id: string;
  objective: number;
  windowMs: number;
  errorQuery: string;
  totalQuery: string;
}

const OBJECT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'] as const;
const METADATA_FIELDS = ['name', 'namespace'] as const;
const SPEC_FIELDS = ['objective', 'timeWindow', 'errorQuery', 'totalQuery'] as const;

/** The whole reader for one object. */
function readServiceLevel(ctx: ReadContext, root: ValueNode): ImportedSlo | undefined {
  const before = ctx.errors.length;
  const top = readFields(ctx, root, '', OBJECT_FIELDS, 'a Kubernetes object');
  if (!top) {
    return undefined;
  }
  const kind = requireField(ctx, top, 'kind', root, '');
  kind && readEnum(ctx, kind.value, 'kind', ['ServiceLevel'], 'kind');
  const meta = requireField(ctx, top, 'metadata', root, '');
  // Kubernetes bookkeeping (labels, annotations, uid) is not carried over: say so, refuse nothing.
  const m = meta && readFields(ctx, meta.value, 'metadata', METADATA_FIELDS, 'object metadata', { unknown: 'note' });
  const name = m && requireField(ctx, m, 'name', meta!.value, 'metadata');
  const id = name && readString(ctx, name.value, 'metadata.name', true);
  const namespace = m?.namespace && readString(ctx, m.namespace.value, 'metadata.namespace', true);
  const spec = requireField(ctx, top, 'spec', root, '');
  const s = spec && readFields(ctx, spec.value, 'spec', SPEC_FIELDS, 'a ServiceLevel spec');
  const field = (key: (typeof SPEC_FIELDS)[number]) => s && requireField(ctx, s, key, spec!.value, 'spec');
  const objective = field('objective');
  const timeWindow = field('timeWindow');
  const errorQuery = field('errorQuery');
  const totalQuery = field('totalQuery');
  const out = {
    id: namespace ? `${namespace}-${id}` : id,
    objective:
      objective &&
      readFraction(ctx, objective.value, 'spec.objective', { min: 0, max: 1, minOpen: true, maxOpen: true }),
    windowMs: timeWindow && readDuration(ctx, timeWindow.value, joinPath('spec', 'timeWindow')),
    errorQuery: errorQuery && readString(ctx, errorQuery.value, 'spec.errorQuery', true),
    totalQuery: totalQuery && readString(ctx, totalQuery.value, 'spec.totalQuery', true),
  };
  return ctx.errors.length > before ? undefined : (out as ImportedSlo);
}

const FILE = `# two objects in one file
apiVersion: example.dev/v1
kind: ServiceLevel
metadata:
  name: checkout
  namespace: shop
  annotations: {owner: payments}
spec:
  objective: 99.9%
  timeWindow: 28d
  errorQuery: http_requests_total{code=~"5.."}
  totalQuery: http_requests_total
status: {observedGeneration: 3}
---
apiVersion: example.dev/v1
kind: ServiceLevle
metadata: {name: search}
spec:
  objective: 99.9
  timewindow: 7d
  errorQuery: search_errors_total
  totalQuery: search_requests_total
`;

describe('an importer written with the positioned readers', () => {
  it('reads a valid object, and refuses an invalid one naming file, line, column and field', () => {
    const ctx = readContext('levels.yaml');
    const documents = parseYamlDocuments(FILE, { file: ctx.file });
    expect(documents.flatMap((d) => d.errors)).toEqual([]);
    const slos = documents.map((d) => readServiceLevel(ctx, d.root!));

    expect(slos[0]).toEqual({
      id: 'shop-checkout',
      objective: 0.999,
      windowMs: 28 * 86_400_000,
      errorQuery: 'http_requests_total{code=~"5.."}',
      totalQuery: 'http_requests_total',
    });
    expect(slos[1]).toBeUndefined();
    expect(sortedByPosition(ctx.errors).map(formatSloError)).toEqual([
      'levels.yaml:16:7: kind: unknown kind "ServiceLevle": expected one of ServiceLevel; did you mean "ServiceLevel"?',
      'levels.yaml:19:3: spec.timeWindow: required field is missing',
      'levels.yaml:19:14: spec.objective: 99.9 is not a fraction: write 99.9% or 0.999',
      'levels.yaml:20:3: spec.timewindow: unknown field "timewindow"; did you mean "timeWindow"?',
    ]);
    expect(ctx.notes.map(formatSloError)).toEqual([
      'levels.yaml:7:3: metadata.annotations: unknown field "annotations"; expected one of: name, namespace',
    ]);
  });
});
