import { QueryError, type PromClient } from './client';
import type { FrameLike } from './frames';
import { instantParts, lengthCapOf, packParts } from './queryLength';

// VictoriaMetrics 1.x's refusal, as its /api/v1/query answered a 18,002-byte query here (HTTP 422).
const VM_REFUSAL = "422: too long query; got 18002 bytes; mustn't exceed `-search.maxQueryLen=16384` bytes";

/** A backend that refuses queries longer than cap as VictoriaMetrics does, and answers one frame per `or` part. */
function capped(id: string, cap: number) {
  const sent: string[] = [];
  const client: PromClient = {
    id,
    instant: async (expr) => {
      sent.push(expr);
      if (new TextEncoder().encode(expr).length > cap) {
        throw new QueryError('rejected', VM_REFUSAL.replace('16384', String(cap)), expr, 422);
      }
      return expr.split(' or ').map((p) => ({ name: p, fields: [] }) as unknown as FrameLike);
    },
    range: async () => [],
  };
  return { client, sent };
}

describe('query length caps', () => {
  it('reads the cap from a VictoriaMetrics refusal, and nothing from other errors', () => {
    expect(lengthCapOf(new QueryError('rejected', VM_REFUSAL))).toBe(16384);
    expect(lengthCapOf(new QueryError('rejected', 'bad_data: too long query'))).toBe(16384);
    expect(lengthCapOf(new QueryError('rejected', 'bad_data: parse error'))).toBeUndefined();
    expect(lengthCapOf(new QueryError('http', VM_REFUSAL))).toBeUndefined();
    expect(lengthCapOf(new Error(VM_REFUSAL))).toBeUndefined();
  });

  it('packs parts in order under the cap, joined by " or "', () => {
    const parts = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40), 'd'.repeat(10)];
    expect(packParts(parts, 84)).toEqual([[parts[0], parts[1]], [parts[2], parts[3]]]);
    expect(packParts(parts, 83)).toEqual([[parts[0]], [parts[1]], [parts[2], parts[3]]]);
    for (const group of packParts(parts, 100)) {
      expect(group.join(' or ').length).toBeLessThanOrEqual(100);
    }
  });

  it('refuses a single part longer than the cap, naming the limit', () => {
    expect(() => packParts(['x'.repeat(200)], 100)).toThrow(/200 bytes.*at most 100 bytes.*maxQueryLen/);
  });

  it('sends one request where the backend takes it, several once a refusal names a cap', async () => {
    const parts = Array.from({ length: 30 }, (_, i) => `sum(increase(x{part="${i}"}[1h]))`);
    const open = capped('prom', Infinity);
    expect(await instantParts(open.client, parts, 0)).toHaveLength(30);
    expect(open.sent).toHaveLength(1);

    const vm = capped('vm', 300);
    const frames = await instantParts(vm.client, parts, 0);
    expect(frames.map((f) => (f as unknown as { name: string }).name)).toEqual(parts);
    const [refused, ...split] = vm.sent;
    expect(refused.length).toBeGreaterThan(300);
    expect(split.length).toBeGreaterThan(1);
    expect(split.every((q) => q.length <= 300)).toBe(true);

    // The cap is learnt: the next batch goes straight to short requests.
    vm.sent.length = 0;
    await instantParts(vm.client, parts, 0);
    expect(vm.sent.every((q) => q.length <= 300)).toBe(true);
  });

  it('passes other refusals through unchanged', async () => {
    const client: PromClient = {
      id: 'other',
      instant: async () => {
        throw new QueryError('rejected', 'bad_data: 1:5: parse error');
      },
      range: async () => [],
    };
    await expect(instantParts(client, ['a', 'b'], 0)).rejects.toThrow('parse error');
  });
});
