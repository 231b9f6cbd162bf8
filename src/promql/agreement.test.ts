// Whatever checkSloQuery accepts, the query builders build, and the other way round; every built query parses
// cleanly, both with lezer (no error node) and with our own check. Property over generated expressions.
import { parser } from '@prometheus-io/lezer-promql';
import fc from 'fast-check';

import { counterExprs } from '../query/promql';
import { linearCounterText, promqlText, selectorText } from './arbitrary';
import { check, checkSloQuery, increaseQuery, presenceQuery, PromQLError, sampleCountQuery, thresholdQuery } from '.';
import type { Expr } from './ast';
import { parsePromql } from './parse';
import type { SloQueryRole } from './slo';

/** Node kinds in lezer's tree of a built query that must never appear there. */
function errorsAndComments(query: string): string[] {
  const found: string[] = [];
  parser.parse(query).iterate({
    enter: (n) => {
      if (n.type.isError || n.name === 'LineComment') {
        found.push(n.type.isError ? 'error' : 'comment');
      }
    },
  });
  return found;
}

/**
 * In a built counter query every selector sits in increase(<selector>[range]) or count_over_time(...), with no
 * offset, @ or subquery, under nothing but sum/count, + - * /, parentheses, signs and numbers: counts stay counts.
 */
function countsOnly(query: string): boolean {
  const ok = (e: Expr, underRange: boolean): boolean => {
    switch (e.type) {
      case 'vector':
        return underRange;
      case 'matrix':
        return ok(e.selector, true);
      case 'call':
        return (
          ['increase', 'count_over_time'].includes(e.func) && e.args.every((a) => a.type === 'matrix' && ok(a, false))
        );
      case 'aggregate':
        return ['sum', 'count'].includes(e.op) && e.args.every((a) => ok(a, false));
      case 'binary':
        return ['+', '-', '*', '/'].includes(e.op) && ok(e.left, false) && ok(e.right, false);
      case 'paren':
      case 'unary':
        return ok(e.expr, false);
      case 'number':
        return true;
      default:
        return false;
    }
  };
  const parsed = parsePromql(query);
  return parsed.expr !== undefined && ok(parsed.expr, false);
}

/** Every query budget builds for an expression in this role (throws PromQLError when it cannot). */
function build(expr: string, role: SloQueryRole, groupBy: string[]): string[] {
  switch (role) {
    case 'counter': {
      const c = counterExprs({ kind: 'ratio', bad: expr, total: expr });
      return [
        increaseQuery(c.bad!, 3_600_000, groupBy),
        sampleCountQuery(c.total, 300_000, groupBy),
        presenceQuery(c.total, groupBy),
      ];
    }
    case 'histogram': {
      const c = counterExprs({ kind: 'latency', histogram: expr, threshold: 0.25 });
      return [
        increaseQuery(c.good!, 3_600_000, groupBy),
        increaseQuery(c.total, 3_600_000, groupBy),
        sampleCountQuery(c.total, 300_000, groupBy),
        presenceQuery(c.total, groupBy),
      ];
    }
    case 'gauge':
      return [thresholdQuery(expr, groupBy)];
  }
}

describe('checkSloQuery agrees with the query builders', () => {
  const tally: Record<string, number> = {};

  afterAll(() => {
    console.log(`generated expressions per role and verdict: ${JSON.stringify(tally)}`);
  });

  it.each<SloQueryRole>(['counter', 'histogram', 'gauge'])('%s fields', (role) => {
    fc.assert(
      fc.property(
        fc.oneof(promqlText, linearCounterText, selectorText),
        fc.constantFrom([], ['job'], ['route', 'code']),
        (expr, groupBy) => {
          const accepted = checkSloQuery(expr, role).problems.length === 0;
          let queries: string[] | undefined;
          try {
            queries = build(expr, role, groupBy);
          } catch (e) {
            expect(e).toBeInstanceOf(PromQLError);
          }
          const key = `${role} ${accepted ? 'accepted' : 'refused'}`;
          tally[key] = (tally[key] ?? 0) + 1;
          expect(queries !== undefined).toBe(accepted);
          for (const q of queries ?? []) {
            expect(errorsAndComments(q)).toEqual([]);
            expect(check(q)).toEqual([]);
            if (role !== 'gauge' && !q.startsWith('count(') && !q.startsWith('count by')) {
              expect(countsOnly(q)).toBe(true);
            }
          }
        }
      ),
      { numRuns: 400 }
    );
  });

  it('the generator reaches both verdicts in every role', () => {
    for (const role of ['counter', 'histogram', 'gauge']) {
      expect(tally[`${role} accepted`]).toBeGreaterThan(10);
      expect(tally[`${role} refused`]).toBeGreaterThan(10);
    }
  });
});
