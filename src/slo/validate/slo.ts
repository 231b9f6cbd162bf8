// The orchestrator: a `burndown/v1` document and each SLO in it, field by field, through the parts of this folder.
// Every problem is reported (none stops the others); an SLO is returned only when it has none (docs/semantics.md section 10).

import type { SloDocument, SloDocumentSlo } from '../document';
import {
  describeValue,
  itemPath,
  joinPath,
  keysOf,
  readFields,
  readFraction,
  readList,
  report,
  requireField,
  type ValueNode,
} from '../read';
import { API_VERSION, SloSpec } from '../types';
import { validateBudgetingMethod, validateExclusions, validateTimeslice } from './budgeting';
import type { ValidateContext } from './context';
import { validateIndicator } from './indicator';
import { validateGroupBy, validateMetadata } from './metadata';
import { validateAlerting, validatePolicy } from './policy';
import { validateMode } from './mode';
import { validateWindow } from './window';

const DOCUMENT_FIELDS = keysOf<SloDocument>({ apiVersion: true, slos: true });
export const SLO_FIELDS = keysOf<SloDocumentSlo>({
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
  mode: true,
});

/** One `{apiVersion, slos}` document. Checks across SLOs (composite references) wait for checkCompositeRefs. */
export function validateDocument(ctx: ValidateContext, root: ValueNode): SloSpec[] | undefined {
  const f = readFields(ctx, root, '', DOCUMENT_FIELDS, 'a mapping with apiVersion and slos');
  if (!f) {
    return undefined;
  }
  const version = requireField(ctx, f, 'apiVersion', root, '');
  if (version) {
    const value = version.value;
    if (value.kind !== 'scalar' || value.value !== API_VERSION) {
      report(ctx, value.pos, 'apiVersion', `expected ${API_VERSION}, got ${describeValue(value)}`);
    }
  }
  const slos = requireField(ctx, f, 'slos', root, '');
  return slos ? validateSloList(ctx, slos.value, 'slos') : undefined;
}

/** A list of SLO objects; their ids continue the numbering of SLOs read before (earlier documents). */
export function validateSloList(ctx: ValidateContext, node: ValueNode, path: string): SloSpec[] | undefined {
  const items = readList(ctx, node, path, 'a list of SLOs');
  if (!items) {
    return undefined;
  }
  const specs = items.map((item, i) => validateSlo(ctx, item, itemPath(path, i), ctx.sloCount++));
  return specs.every((s): s is SloSpec => s !== undefined) ? specs : undefined;
}

/** One SLO with every default filled; `index` is its position among all SLOs of the file. */
export function validateSlo(ctx: ValidateContext, node: ValueNode, path: string, index: number): SloSpec | undefined {
  const before = ctx.errors.length;
  const f = readFields(ctx, node, path, SLO_FIELDS, 'an SLO mapping');
  if (!f || node.kind !== 'map') {
    return undefined;
  }
  const meta = validateMetadata(ctx, f, node, path, index);

  const indicatorEntry = requireField(ctx, f, 'indicator', node, path);
  const indicator = indicatorEntry && validateIndicator(ctx, indicatorEntry.value, joinPath(path, 'indicator'), index);

  const objectiveEntry = requireField(ctx, f, 'objective', node, path);
  const objective =
    objectiveEntry &&
    readFraction(ctx, objectiveEntry.value, joinPath(path, 'objective'), {
      min: 0,
      max: 1,
      minOpen: true,
      maxOpen: true,
    });

  const windowEntry = requireField(ctx, f, 'window', node, path);
  const window = windowEntry && validateWindow(ctx, windowEntry.value, joinPath(path, 'window'));

  const budgetingMethod = validateBudgetingMethod(ctx, f, path);
  const timeslice = validateTimeslice(ctx, f, path, budgetingMethod, indicator);

  const groupBy = f.groupBy ? validateGroupBy(ctx, f.groupBy.value, joinPath(path, 'groupBy')) : [];
  if (indicator?.kind === 'composite' && f.groupBy && groupBy && groupBy.length > 0) {
    report(
      ctx,
      f.groupBy.keyPos,
      joinPath(path, 'groupBy'),
      'composite SLOs cannot be grouped: group their components instead'
    );
  }
  const exclusions = f.exclusions ? validateExclusions(ctx, f.exclusions.value, joinPath(path, 'exclusions')) : [];
  const policy = f.policy ? validatePolicy(ctx, f.policy.value, joinPath(path, 'policy')) : [];
  const alerting = f.alerting
    ? validateAlerting(ctx, f.alerting.value, joinPath(path, 'alerting'))
    : { page: false, ticket: false };
  const mode = validateMode(ctx, f, path, indicator?.kind, budgetingMethod);

  if (ctx.errors.length > before) {
    return undefined;
  }
  // Key order follows types.ts so logged and serialized objects read the same way.
  const spec: SloSpec = {
    id: meta.id!,
    name: meta.name!,
    ...(meta.service !== undefined ? { service: meta.service } : {}),
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    labels: meta.labels!,
    ...(meta.datasource !== undefined ? { datasource: meta.datasource } : {}),
    indicator: indicator!,
    objective: objective!,
    window: window!,
    budgetingMethod: budgetingMethod!,
    ...(timeslice !== undefined ? { timeslice } : {}),
    groupBy: groupBy!,
    exclusions: exclusions!,
    policy: policy!,
    alerting: alerting!,
    ...(mode !== undefined && mode !== 'raw' ? { mode } : {}),
  };
  return spec;
}
