import { parse as parseYaml } from 'yaml';

import { CannotReadError } from '../io';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, run, type Io } from '../main';

const FILE = `apiVersion: burndown/v1
slos:
  - id: checkout
    name: Checkout
    indicator:
      ratio:
        bad: http_requests_total{code=~"5.."}
        total: http_requests_total
    objective: 99.5%
    window: {rolling: 28d}
    alerting: {page: true, ticket: true}
  - id: quiet
    name: Quiet
    indicator:
      ratio: {bad: 'x_total{code="500"}', total: x_total}
    objective: 99%
    window: {rolling: 28d}
`;

function io(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const value: Io & { writeFile: (p: string, t: string) => void } = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (p) => {
      if (!(p in files)) {
        throw new CannotReadError(p, 'no such file');
      }
      return files[p];
    },
    writeFile: (p, t) => (written[p] = t),
    now: () => 0,
    client: () => {
      throw new Error('rules never queries a backend');
    },
  };
  return { value, out, err, written };
}

describe('burndown rules', () => {
  it('prints the rule groups of SLOs with alerting on stdout', async () => {
    const t = io({ 'slos.yaml': FILE });
    expect(await run(['rules', '--file', 'slos.yaml'], t.value)).toBe(EXIT_OK);
    const doc = parseYaml(t.out.join('\n'));
    expect(doc.groups.map((g: { name: string }) => g.name)).toEqual(['burndown-slo-checkout']);
  });

  it('writes --out with the --interval and reports the SLOs left out', async () => {
    const t = io({ 'slos.yaml': FILE });
    expect(await run(['rules', '--file', 'slos.yaml', '--out', 'r.yaml', '--interval', '1m'], t.value)).toBe(EXIT_OK);
    expect(parseYaml(t.written['r.yaml']).groups[0].interval).toBe('1m');
    expect(t.err).toEqual(['r.yaml: 1 rule group (1 SLO without alerting.page or alerting.ticket)']);
  });

  it('exits 1 on an invalid file with positions, 2 on usage errors', async () => {
    const bad = io({ 'bad.yaml': FILE.replace('99.5%', '150%') });
    expect(await run(['rules', '--file', 'bad.yaml'], bad.value)).toBe(EXIT_INVALID);
    expect(bad.err[0]).toMatch(/^bad\.yaml:9:16: slos\[0\]\.objective: /);
    expect(await run(['rules'], io({}).value)).toBe(EXIT_USAGE);
    // an unreadable file is one line and exit 1, as for every command
    const missing = io({});
    expect(await run(['rules', '--file', 'missing.yaml'], missing.value)).toBe(EXIT_INVALID);
    expect(missing.err).toEqual(['burndown: cannot read missing.yaml: no such file']);
    expect(await run(['rules', '--file', 'slos.yaml', '--interval', 'soon'], io({ 'slos.yaml': FILE }).value)).toBe(
      EXIT_USAGE
    );
  });
});
