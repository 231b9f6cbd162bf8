// Checks across SLOs: ids are unique, composite components name other SLOs of the file, and composites form no
// cycle (a cycle would leave remaining budget undefined, docs/semantics.md section 5).

import { type Position, report, suggestion } from '../read';
import type { CompositeRef, ValidateContext } from './context';

export const SLO_ID_RE = /^[a-z0-9-]+$/;

/** The id's form, and that no earlier SLO of the file uses it. */
export function checkId(ctx: ValidateContext, id: string, index: number, pos: Position, path: string): void {
  if (!SLO_ID_RE.test(id)) {
    report(ctx, pos, path, `invalid id "${id}": use lowercase letters, digits and hyphens ([a-z0-9-]+)`);
    return;
  }
  const first = ctx.ids.find((other) => other.id === id);
  if (first) {
    const where = first.pos.line > 0 ? ` at line ${first.pos.line}` : '';
    report(ctx, pos, path, `duplicate id "${id}": already used by ${first.path.replace(/\.id$/, '')}${where}`);
    return;
  }
  ctx.ids.push({ id, index, pos, path });
}

/** Run once after every SLO of the file was read: unknown ids, self-inclusion and cycles. */
export function checkCompositeRefs(ctx: ValidateContext): void {
  const known = ctx.ids.map((e) => e.id);
  for (const ref of ctx.compositeRefs) {
    const target = ctx.ids.find((e) => e.id === ref.slo);
    if (!target) {
      report(ctx, ref.pos, ref.path, `unknown SLO id "${ref.slo}"${suggestion(ref.slo, known)}`);
    } else if (target.index === ref.owner) {
      report(ctx, ref.pos, ref.path, 'a composite SLO cannot include itself');
    }
  }
  const edges = new Map<number, CompositeRef[]>();
  for (const ref of ctx.compositeRefs) {
    edges.set(ref.owner, [...(edges.get(ref.owner) ?? []), ref]);
  }
  const indexOf = new Map(ctx.ids.map((e) => [e.id, e.index]));
  const reported = new Set<number>();
  for (const start of edges.keys()) {
    const cycle = findCycle(start, edges, indexOf);
    if (cycle && cycle.length > 2 && !reported.has(start)) {
      cycle.forEach((i) => reported.add(i));
      const ref = edges.get(start)!.find((r) => indexOf.get(r.slo) === cycle[1])!;
      const names = cycle.map((i) => ctx.ids.find((e) => e.index === i)?.id ?? `#${i}`);
      report(ctx, ref.pos, ref.path, `composite SLOs form a cycle: ${names.join(' -> ')}`);
    }
  }
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
