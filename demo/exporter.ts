// Live demo exporter: serves the checkout scenario's counters (tests/generator) at the current time in the
// Prometheus text format, so Prometheus keeps scraping the series that the backfill wrote up to start-up.
//
//   node --experimental-strip-types demo/exporter.ts     (Node >= 22.6; or: npx tsx demo/exporter.ts)
//
// Env: HOST (default 127.0.0.1), PORT (default 9477), and the timeline shift of the backfill:
// SHIFT_DAYS, else MANIFEST (the JSON file `tests/generator/cli.ts --manifest` wrote), else the shift
// that `cli.ts --to now` picks today. The same shift gives counters that continue the backfilled history.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';

import { buildScenario, shiftDaysForEnd, type Scenario, type SeriesDef } from '../tests/generator/scenario.ts';

const HELP: Record<string, string> = {
  http_requests: 'Checkout HTTP requests by status code.',
  http_request_duration_seconds: 'Checkout request latency in seconds.',
};

function formatLabels(labels: Array<[string, string]>): string {
  return `{${labels.map(([name, value]) => `${name}="${value}"`).join(',')}}`;
}

/**
 * The exposition (text format 0.0.4) of every series of the scenario at tMs, without timestamps.
 * Counters are typed by their sample name (http_requests_total), histograms by their family name.
 */
export function exposition(scenario: Pick<Scenario, 'allSeries' | 'counterValueAt'>, tMs: number): string {
  const lines: string[] = [];
  let family = '';
  for (const def of scenario.allSeries) {
    if (def.family !== family) {
      family = def.family;
      const typeName = def.familyType === 'counter' ? def.name : def.family;
      lines.push(`# HELP ${typeName} ${HELP[def.family] ?? def.family}`, `# TYPE ${typeName} ${def.familyType}`);
    }
    lines.push(`${def.name}${formatLabels(def.labels)} ${formatValue(def, scenario.counterValueAt(def, tMs))}`);
  }
  return lines.join('\n') + '\n';
}

function formatValue(def: SeriesDef, value: number): string {
  return def.quantity === 'sum' ? value.toFixed(3) : String(value);
}

/** The timeline shift (whole days) that makes the live counters continue the backfilled ones. */
export function shiftDays(env: Record<string, string | undefined>, nowMs: number): number {
  if (env.SHIFT_DAYS !== undefined && env.SHIFT_DAYS !== '') {
    const days = Number(env.SHIFT_DAYS);
    if (!Number.isInteger(days)) {
      throw new Error(`SHIFT_DAYS must be an integer, got ${env.SHIFT_DAYS}`);
    }
    return days;
  }
  if (env.MANIFEST && existsSync(env.MANIFEST)) {
    const manifest = JSON.parse(readFileSync(env.MANIFEST, 'utf8')) as { shiftDays?: unknown };
    if (typeof manifest.shiftDays === 'number' && Number.isInteger(manifest.shiftDays)) {
      return manifest.shiftDays;
    }
    throw new Error(`${env.MANIFEST} has no integer shiftDays`);
  }
  return shiftDaysForEnd(nowMs);
}

function serve(scenario: Scenario, host: string, port: number): http.Server {
  const server = http.createServer((req, res) => {
    if (req.url === '/metrics' || req.url?.startsWith('/metrics?')) {
      // Whole seconds: the model counts events per second.
      const nowMs = Math.floor(Date.now() / 1000) * 1000;
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(exposition(scenario, nowMs));
      return;
    }
    res.writeHead(req.url === '/' ? 200 : 404, { 'Content-Type': 'text/plain' });
    res.end('Burndown demo exporter: see /metrics\n');
  });
  server.listen(port, host, () => console.log(`demo exporter on http://${host}:${port}/metrics`));
  return server;
}

// Start only when run as a program, not when a test imports it.
if (process.argv[1] && /exporter\.ts$/.test(process.argv[1])) {
  const days = shiftDays(process.env, Date.now());
  console.log(`building the scenario (shiftDays=${days})...`);
  serve(buildScenario({ shiftDays: days }), process.env.HOST ?? '127.0.0.1', Number(process.env.PORT ?? 9477));
}
