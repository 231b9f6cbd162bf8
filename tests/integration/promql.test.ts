// Every query Burndown builds from an expression that validation accepts is accepted by the real backend: the
// role checks of src/promql are checked against Prometheus 2.42's own parser (and VictoriaMetrics'), not only ours.
import fc from 'fast-check';

import { linearCounterText, promqlText, selectorText } from '../../src/promql/arbitrary';
import { checkSloQuery, type SloQueryRole } from '../../src/promql';
import {
  counterExprs,
  HttpPromClient,
  increaseQuery,
  presenceQuery,
  QueryError,
  sampleCountQuery,
  thresholdQuery,
} from '../../src/query';
import { describeEachBackend } from './backends';

function queriesFor(expr: string, role: SloQueryRole): string[] {
  switch (role) {
    case 'counter':
      return [increaseQuery(expr, 3_600_000, ['job']), sampleCountQuery(expr, 300_000), presenceQuery(expr)];
    case 'histogram': {
      const c = counterExprs({ kind: 'latency', histogram: expr, threshold: 0.25 });
      return [increaseQuery(c.good!, 3_600_000), increaseQuery(c.total, 3_600_000)];
    }
    case 'gauge':
      return [thresholdQuery(expr, ['job'])];
  }
}

// A fixed sample: the same expressions on every run.
const expressions = fc.sample(fc.oneof(linearCounterText, selectorText, promqlText), { numRuns: 400, seed: 42 });

describeEachBackend('built queries are valid PromQL for the backend', (backend) => {
  it.each<SloQueryRole>(['counter', 'histogram', 'gauge'])('%s fields', async (role) => {
    const client = new HttpPromClient(backend.url);
    const rejected: string[] = [];
    let sent = 0;
    for (const expr of expressions) {
      if (checkSloQuery(expr, role).problems.length > 0) {
        continue;
      }
      for (const q of queriesFor(expr, role)) {
        sent++;
        try {
          await client.instant(q, Date.parse('2026-10-01T00:00:00Z'));
        } catch (e) {
          if (e instanceof QueryError && e.kind === 'rejected') {
            rejected.push(`${JSON.stringify(expr)} -> ${q}: ${e.message}`);
          } else {
            throw e;
          }
        }
      }
    }
    console.log(`${backend.name} ${role}: ${sent} queries from accepted expressions, ${rejected.length} rejected`);
    expect(sent).toBeGreaterThan(20);
    // RE2 regexes are not compiled at validation (JavaScript's syntax differs): a bad one is a backend rejection,
    // exit 3 naming the field (cli.test.ts), never exit 4. Every other rejection is a disagreement to fix.
    const regex = rejected.filter((r) => r.includes('error parsing regexp'));
    console.log(`${backend.name} ${role}: ${regex.length} of the rejections are RE2 regex errors`);
    expect(rejected.filter((r) => !regex.includes(r))).toEqual([]);
  });
});

// Regex matchers run in Go's RE2 inside the backend: src/promql/re2.ts must refuse exactly what it refuses.
const REGEXES = [
  '5..',
  '(?i)get|post',
  '(?i:get)|(?s).*',
  '(?P<code>5)..',
  '[[:alpha:]]+',
  '[]a]|[^]b]',
  'a{2,3}?|b+?|c*?',
  '(?U)a',
  '/api/(?!health).*',
  '(?<!x)y',
  '(a)\\1',
  '(?<n>a)',
  '(?>a)',
  '(?x)a b',
  'a*+',
  'a{2}+',
  '(a',
  'a)',
  '[a',
];

describeEachBackend('regex matchers: our RE2 check agrees with the backend', (backend) => {
  it('accepts what the backend accepts and refuses what it refuses', async () => {
    const client = new HttpPromClient(backend.url);
    const disagree: string[] = [];
    for (const re of REGEXES) {
      const ours = checkSloQuery(`http_requests_total{code=~${JSON.stringify(re)}}`, 'counter').problems;
      let theirs: string | undefined;
      try {
        await client.instant(`up{job=~${JSON.stringify(re)}}`, Date.parse('2026-10-01T00:00:00Z'));
      } catch (e) {
        if (!(e instanceof QueryError && e.kind === 'rejected')) {
          throw e;
        }
        theirs = e.message;
      }
      if ((ours.length > 0) !== (theirs !== undefined)) {
        disagree.push(`${re}: ours ${ours.map((p) => p.message).join('; ') || 'ok'}, backend ${theirs ?? 'ok'}`);
      }
    }
    expect(disagree).toEqual([]);
  });
});
