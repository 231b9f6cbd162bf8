// `burndown import` and `burndown export --to openslo` in-process: stdout, stderr lines and exit codes.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseSloDocument } from '../../slo/parse';
import { CannotReadError } from '../io';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, run, type Io } from '../main';

const FIXTURES = path.join(__dirname, '../../../tests/fixtures/import');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

function io(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (p) => {
      if (!(p in files)) {
        throw new CannotReadError(p, 'no such file');
      }
      return files[p];
    },
    now: () => 0,
    client: () => {
      throw new Error('import and export never talk to a backend');
    },
  };
  return { io: value, out, err };
}

describe('burndown import', () => {
  it('exit 0: one burndown/v1 document on stdout that validates; notes on stderr as file:line:col: path: message', async () => {
    const t = io({ 'gs.yml': fixture('sloth/getting-started.yml') });
    expect(await run(['import', 'gs.yml'], t.io)).toBe(EXIT_OK);
    expect(t.out).toHaveLength(1);
    const parsed = parseSloDocument(t.out[0]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.file!.slos.map((s) => s.id)).toEqual(['myservice-requests-availability']);
    expect(t.err).toEqual([
      "gs.yml:9:5: slos[0]: note: Sloth files hold no SLO period: imported with Sloth's default, 30 days rolling (window: {rolling: 30d})",
      'gs.yml:17:7: slos[0].alerting.name: note: not carried over: Burndown names its burn-rate alerts itself and has no per-alert labels or annotations',
      'gs.yml:18:7: slos[0].alerting.labels: note: not carried over: Burndown names its burn-rate alerts itself and has no per-alert labels or annotations',
      'gs.yml:20:7: slos[0].alerting.annotations: note: not carried over: Burndown names its burn-rate alerts itself and has no per-alert labels or annotations',
      'gs.yml:24:9: slos[0].alerting.page_alert.labels: note: not carried over: Burndown names its burn-rate alerts itself and has no per-alert labels or annotations',
      'gs.yml:28:9: slos[0].alerting.ticket_alert.labels: note: not carried over: Burndown names its burn-rate alerts itself and has no per-alert labels or annotations',
      'burndown: imported 1 SLO, 6 notes, 0 refused',
    ]);
  });

  it('exit 1 when something is refused; what could be imported is still printed', async () => {
    const t = io({ 'ok.yml': fixture('sloth/no-alerts.yml'), 'raw.yml': fixture('sloth/raw-home-wifi.yml') });
    expect(await run(['import', 'ok.yml', 'raw.yml', '--output', 'json'], t.io)).toBe(EXIT_INVALID);
    const doc = JSON.parse(t.out[0]);
    expect(doc.slos.map((s: { id: string }) => s.id)).toEqual(['myapp-http-availability']);
    expect(parseSloDocument(t.out[0]).errors).toEqual([]);
    expect(t.err).toEqual([
      "ok.yml:12:5: slos[0]: note: Sloth files hold no SLO period: imported with Sloth's default, 30 days rolling (window: {rolling: 30d})",
      'raw.yml:28:28: slos[0].sli.raw.error_ratio_query: refused: a raw error ratio is not a count of events: Burndown needs bad (or good) and total counters; rewrite the SLI as events',
      'burndown: imported 1 SLO, 1 note, 1 refused',
    ]);
  });

  it('exit 1 for an unreadable file, the others still imported', async () => {
    const t = io({ 'ok.yml': fixture('sloth/no-alerts.yml') });
    expect(await run(['import', 'missing.yml', 'ok.yml'], t.io)).toBe(EXIT_INVALID);
    expect(t.err[0]).toBe('burndown: cannot read missing.yml: no such file');
    expect(parseSloDocument(t.out[0]).file!.slos).toHaveLength(1);
  });

  it.each([
    [[], 'burndown: import needs at least one file (or - for standard input)'],
    [['a.yml', '--from', 'nagios'], 'burndown: --from must be one of auto, sloth, pyrra, openslo, got nagios'],
    [['a.yml', '--output', 'xml'], 'burndown: --output must be one of yaml, json, got xml'],
    [['a.yml', '--to', 'x'], 'burndown: unknown option --to'],
  ])('exit 2 for usage errors: %j', async (args, first) => {
    const t = io({});
    expect(await run(['import', ...args], t.io)).toBe(EXIT_USAGE);
    expect(t.out).toEqual([]);
    expect(t.err[0].split('\n')[0]).toBe(first);
  });
});

describe('burndown export --to openslo', () => {
  const SLOS = `apiVersion: burndown/v1
slos:
  - id: checkout
    name: Checkout
    indicator:
      latency: {histogram: 'h_seconds{job="checkout"}', threshold: 0.25}
    objective: 99.9%
    window: {calendar: {unit: quarter, timeZone: Europe/Berlin, startMonth: 9}}
    groupBy: [route]
`;

  it('writes OpenSLO that imports back to the same SLO; what OpenSLO cannot express is a note', async () => {
    const t = io({ 'slos.yaml': SLOS });
    expect(await run(['export', '--file', 'slos.yaml', '--to', 'openslo'], t.io)).toBe(EXIT_OK);
    expect(t.out[0]).toContain('startTime: 2024-09-01 00:00:00');
    expect(t.err).toEqual([
      'slos.yaml: slos[0].groupBy: note: not exported: OpenSLO has no per-label SLOs',
      'burndown: exported 1 of 1 SLOs, 1 note',
    ]);
    const back = io({ 'o.yaml': t.out[0] });
    expect(await run(['import', 'o.yaml'], back.io)).toBe(EXIT_OK);
    const original = parseSloDocument(SLOS).file!.slos[0];
    expect(parseSloDocument(back.out[0]).file!.slos).toEqual([{ ...original, groupBy: [] }]);
  });

  it('exit 1 when an SLO cannot be written at all; exit 2 without --to openslo', async () => {
    const fixed = SLOS.replace(
      /window: .*/,
      "window: {fixed: {from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z'}}"
    );
    const t = io({ 'slos.yaml': fixed });
    expect(await run(['export', '--file', 'slos.yaml', '--to', 'openslo', '--output', 'json'], t.io)).toBe(
      EXIT_INVALID
    );
    expect(JSON.parse(t.out[0])).toEqual([]);
    expect(t.err).toContain(
      'slos.yaml: slos[0].window.fixed: note: not exported: OpenSLO has no fixed (from, to) windows'
    );
    const u = io({ 'slos.yaml': SLOS });
    expect(await run(['export', '--file', 'slos.yaml', '--to', 'sloth'], u.io)).toBe(EXIT_USAGE);
    expect(u.err[0].split('\n')[0]).toBe('burndown: --to must be openslo, got sloth');
  });
});
