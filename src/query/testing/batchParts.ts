// For unit-test stand-ins of Prometheus: split a batched status query (src/query/batch.ts) back into its tagged parts,
// each with the time it is evaluated at (its `@` modifier, else the query's time), so a fake can answer part by part.
import { PART_LABEL } from '../batch';

export interface BatchPart {
  /** The part's tag, e.g. "total:0". */
  part: string;
  /** The part's query, `@` modifiers removed. */
  expr: string;
  /** Evaluation time of the part (epoch ms). */
  at: number;
}

const PART = new RegExp(`label_replace\\((.*?), "${PART_LABEL}", "([^"]+)", "", ""\\)`, 'g');

/**
 * The parts of a batched query; a query that is not batched is one untagged part (`part` ''). The diagnostics probe's
 * parts (`probe:*`, batch.ts: addProbeParts) are left out unless `probes`: a fake that does not answer them reads as
 * "nothing to diagnose".
 */
export function batchParts(expr: string, t: number, probes = false): BatchPart[] {
  const all = [...expr.matchAll(PART)];
  const parts = all
    .filter((m) => probes || !m[2].startsWith('probe:'))
    .map((m) => {
      const at = /\] @ ([0-9.]+)/.exec(m[1]);
      return {
        part: m[2],
        expr: m[1].replace(/\] @ [0-9.]+/g, ']'),
        at: at ? Math.round(Number(at[1]) * 1000) : t,
      };
    });
  return all.length ? parts : [{ part: '', expr, at: t }];
}

/** The labels a part's series carries. */
export function partLabels(part: string): Record<string, string> {
  return part ? { [PART_LABEL]: part } : {};
}
