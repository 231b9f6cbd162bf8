import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseSloDocument } from '../slo';
import { exportSlos } from './exportSlos';
import { importSpecs } from '.';

const scenario = parseSloDocument(readFileSync(path.join(__dirname, '../../tests/fixtures/scenario-slos.yaml'), 'utf8'))
  .file!.slos;

describe('exportSlos', () => {
  it('writes burndown/v1 YAML that reads back to the same SLOs', () => {
    const out = exportSlos(scenario.slice(0, 3), 'burndown', 'checkout');
    expect(out.fileName).toBe('checkout.burndown.yaml');
    expect(out.written).toBe(3);
    expect(out.notes).toEqual([]);
    expect(parseSloDocument(out.text).file?.slos).toEqual(scenario.slice(0, 3));
  });

  it('writes OpenSLO that the importer reads back, with a note for what OpenSLO cannot express', () => {
    const rolling = scenario.find((s) => s.id === 'checkout-rolling')!;
    const fixed = scenario.find((s) => s.id === 'checkout-fixed')!;
    const out = exportSlos([rolling, fixed], 'openslo');
    expect(out.fileName).toBe('slos.openslo.yaml');
    // A fixed window cannot be written: left out, with a note naming the SLO.
    expect(out.written).toBe(1);
    expect(out.notes.some((n) => n.sloId === 'checkout-fixed' && /fixed/.test(n.message))).toBe(true);
    const back = importSpecs([{ file: out.fileName, text: out.text }]);
    expect(back.refusals).toEqual([]);
    expect(back.slos.map((s) => [s.id, s.objective, s.window, s.indicator])).toEqual([
      [rolling.id, rolling.objective, rolling.window, rolling.indicator],
    ]);
  });
});
