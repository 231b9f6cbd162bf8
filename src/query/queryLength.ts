// Batches send many tagged parts joined by `or` in one query. Some backends cap a query's length and refuse a longer
// one (VictoriaMetrics: `-search.maxQueryLen`, 16 kB by default; a quarter's split batch is 24-30 kB). Prometheus has
// no cap, so a batch is sent whole first; a refusal that names a length cap is learnt once per client and the parts
// are then sent in as few requests as fit under it. The answers are the same frames, tagged by part.
import { QueryError, type PromClient } from './client';
import type { FrameLike } from './frames';

const SEPARATOR = ' or ';
/** VictoriaMetrics' default, used when a refusal says the query is too long without saying the limit. */
const DEFAULT_CAP = 16_384;
/** Learnt caps by client id: a page's clients live as long as the page. */
const caps = new Map<string, number>();

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** The length cap a refusal names (VictoriaMetrics: "too long query; ... `-search.maxQueryLen=16384` bytes"). */
export function lengthCapOf(e: unknown): number | undefined {
  if (!(e instanceof QueryError) || e.kind !== 'rejected' || !/too long query|maxQueryLen/i.test(e.message)) {
    return undefined;
  }
  const named = /maxQueryLen\D{0,3}(\d+)/i.exec(e.message);
  return named ? Number(named[1]) : DEFAULT_CAP;
}

/** Parts packed in order into groups whose joined text fits in cap bytes; a part longer than cap is refused. */
export function packParts(parts: readonly string[], cap: number): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  let size = 0;
  for (const part of parts) {
    const n = bytes(part);
    if (n > cap) {
      throw new QueryError(
        'rejected',
        `one part of the query is ${n} bytes; the data source accepts at most ${cap} bytes per query ` +
          `(VictoriaMetrics: raise -search.maxQueryLen)`,
        part
      );
    }
    const added = group.length === 0 ? n : size + bytes(SEPARATOR) + n;
    if (group.length > 0 && added > cap) {
      groups.push(group);
      group = [part];
      size = n;
    } else {
      group.push(part);
      size = added;
    }
  }
  if (group.length > 0) {
    groups.push(group);
  }
  return groups;
}

async function sendParts(
  clientId: string,
  parts: readonly string[],
  send: (expr: string) => Promise<FrameLike[]>
): Promise<FrameLike[]> {
  if (parts.length === 0) {
    return [];
  }
  const known = caps.get(clientId);
  if (known === undefined) {
    try {
      return await send(parts.join(SEPARATOR));
    } catch (e) {
      const cap = lengthCapOf(e);
      if (cap === undefined || parts.length === 1) {
        throw e;
      }
      caps.set(clientId, cap);
    }
  }
  const groups = packParts(parts, caps.get(clientId)!);
  const answers = await Promise.all(groups.map((g) => send(g.join(SEPARATOR))));
  return answers.flat();
}

/** An instant query of tagged parts joined by `or`, split into several requests where the backend caps the length. */
export function instantParts(client: PromClient, parts: readonly string[], t: number): Promise<FrameLike[]> {
  return sendParts(client.id, parts, (expr) => client.instant(expr, t));
}
