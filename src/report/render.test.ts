import type { Report } from './model';
import { CSV_COLUMNS, reportCsv, reportHtml, reportMarkdown } from './render';
import { row } from './testing';

function report(name: string): Report {
  const r = row(8, { name, episodes: [], service: 'pay|ments' });
  return {
    period: r.period,
    periods: [r.period],
    generatedAt: '2026-09-02T00:00:00Z',
    slos: [r],
    services: [],
    overall: [{ service: '(all)', period: '2026-08', slos: 1, met: 1, missed: 0, unknown: 0, eventCompliance: 0.9995 }],
    trend: [{ id: r.id, periods: [{ period: '2026-08', met: true, sli: r.sli }] }],
    recommendations: [],
  };
}

describe('report renderers', () => {
  it('CSV quotes commas, quotes and newlines, and defuses spreadsheet formulas', () => {
    const csv = reportCsv(report('=HYPERLINK("x"), a\nb'));
    const [head, line] = csv.split('\n', 1).concat(csv.slice(csv.indexOf('\n') + 1));
    expect(head).toBe(CSV_COLUMNS.join(','));
    expect(line).toContain(`"'=HYPERLINK(""x""), a\nb"`);
    expect(line.startsWith('2026-08,2026-08-01T00:00:00Z,2026-09-01T00:00:00Z,true,api,')).toBe(true);
  });

  it('Markdown escapes table pipes and keeps one line per row', () => {
    const md = reportMarkdown(report('A | B'));
    expect(md).toContain('| A \\| B | pay\\|ments | 99.9% | 99.95% | met | 50.0% | 0 | 0/0 | none |');
    expect(md).toContain('## Recommendations\n\nNone: no rule triggered.');
  });

  it('HTML escapes names and is one self-contained page with a print layout', () => {
    const html = reportHtml(report('<script>alert(1)</script>'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<link|src=/);
  });
});
