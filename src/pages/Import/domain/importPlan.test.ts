import { readFileSync } from 'node:fs';
import path from 'node:path';

import { importSpecs, type ImportResult } from '../../../import';
import { parseSloDocument } from '../../../slo';
import {
  buildImportPlan,
  defaultChoice,
  freeId,
  provisioningYaml,
  renameProblem,
  savedEntries,
  type ImportChoices,
} from './importPlan';

const FIXTURES = path.join(__dirname, '../../../../tests/fixtures');
const fixture = (...parts: string[]) => ({
  file: parts[parts.length - 1],
  text: readFileSync(path.join(FIXTURES, ...parts), 'utf8'),
});

/** A real Sloth example, a Sloth file for the scenario's counters, and Sloth's AlertWindows (refused: not an SLO). */
function slothImport(): ImportResult {
  return importSpecs([
    fixture('import', 'sloth', 'getting-started.yml'),
    fixture('import-app', 'checkout-sloth.yml'),
    fixture('import', 'sloth', 'windows', 'custom-30d.yaml'),
  ]);
}

const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);

describe('buildImportPlan', () => {
  it('lists every imported SLO with its own notes, the refused object with its reason, and saves all by default', () => {
    const result = slothImport();
    const plan = buildImportPlan(result, [], {});
    expect(ids(plan.rows)).toEqual(['myservice-requests-availability', 'checkout-availability', 'checkout-rolling']);
    const [sloth] = plan.rows;
    expect(sloth.notes.map((n) => `${n.file}:${n.line}:${n.column} ${n.path}`)).toEqual([
      'getting-started.yml:9:5 slos[0]',
      'getting-started.yml:17:7 slos[0].alerting.name',
      'getting-started.yml:18:7 slos[0].alerting.labels',
      'getting-started.yml:20:7 slos[0].alerting.annotations',
      'getting-started.yml:24:9 slos[0].alerting.page_alert.labels',
      'getting-started.yml:28:9 slos[0].alerting.ticket_alert.labels',
    ]);
    expect(sloth.notes[0].message).toMatch(/Sloth's default, 30 days rolling/);
    // Each note sits with its own SLO only.
    expect(plan.rows.flatMap((r) => r.notes)).toHaveLength(result.notes.length);
    expect(plan.refused).toEqual([
      {
        key: 'custom-30d.yaml:2:1:kind',
        sloId: undefined,
        refusals: [expect.objectContaining({ file: 'custom-30d.yaml', line: 2, column: 1, path: 'kind' })],
      },
    ]);
    expect(ids(plan.toSave)).toEqual(ids(plan.rows));
    expect(plan.toSave).toEqual(result.slos);
    expect(plan.blocked).toBe(0);
  });

  it('leaves out the SLOs not chosen', () => {
    const plan = buildImportPlan(slothImport(), [], { 'checkout-availability': { selected: false } });
    expect(ids(plan.toSave)).toEqual(['myservice-requests-availability', 'checkout-rolling']);
    expect(plan.rows[1].savedId).toBeUndefined();
  });

  it('shows an id that exists in the settings as a conflict, skipped until renamed', () => {
    const existing = ['checkout-availability', 'checkout-availability-2'];
    const skipped = buildImportPlan(slothImport(), existing, {});
    expect(skipped.rows.map((r) => [r.id, r.conflict, r.resolution ?? null])).toEqual([
      ['myservice-requests-availability', false, null],
      ['checkout-availability', true, 'skip'],
      ['checkout-rolling', false, null],
    ]);
    expect(ids(skipped.toSave)).toEqual(['myservice-requests-availability', 'checkout-rolling']);

    const rename = (to: string): ImportChoices => ({
      'checkout-availability': { selected: true, resolution: 'rename', rename: to },
    });
    const renamed = buildImportPlan(slothImport(), existing, rename('  checkout-avail-imported '));
    expect(ids(renamed.toSave)).toEqual([
      'myservice-requests-availability',
      'checkout-avail-imported',
      'checkout-rolling',
    ]);
    expect(renamed.toSave[1].name).toBe(renamed.rows[1].spec.name);
    expect(renamed.blocked).toBe(0);

    // An invalid new id, one taken in the settings, one taken by another imported SLO: blocked, never saved.
    for (const [to, message] of [
      ['', 'type a new id'],
      ['Checkout_2', '"Checkout_2" is not a valid id: use lowercase letters, digits and "-"'],
      ['checkout-availability-2', '"checkout-availability-2" is taken: pick another id'],
      ['checkout-rolling', '"checkout-rolling" is taken: pick another id'],
    ]) {
      const plan = buildImportPlan(slothImport(), existing, rename(to));
      expect([to, plan.rows[1].problem]).toEqual([to, message]);
      expect(plan.blocked).toBe(1);
      expect(plan.rows[1].savedId).toBeUndefined();
      expect(ids(plan.toSave)).toEqual(['myservice-requests-availability', 'checkout-rolling']);
    }
    // Unchosen, a blocked rename blocks nothing.
    const unchosen = buildImportPlan(slothImport(), existing, {
      'checkout-availability': { selected: false, resolution: 'rename', rename: 'BAD' },
    });
    expect(unchosen.blocked).toBe(0);
  });

  it('points a composite at its components under their saved ids, and blocks it when a component is not saved', () => {
    const slos = parseSloDocument(`apiVersion: burndown/v1
slos:
  - id: a
    name: A
    indicator: {ratio: {bad: 'x_total{code="5"}', total: x_total}}
    objective: 99%
    window: {rolling: 28d}
  - id: b
    name: B
    indicator: {ratio: {bad: 'y_total{code="5"}', total: y_total}}
    objective: 99%
    window: {rolling: 28d}
  - id: both
    name: Both
    indicator: {composite: {components: [{slo: a, weight: 1}, {slo: b, weight: 3}]}}
    objective: 99%
    window: {rolling: 28d}
`).file!.slos;
    const result: ImportResult = { slos, notes: [], refusals: [] };
    const renamed = buildImportPlan(result, ['a'], { a: { selected: true, resolution: 'rename', rename: 'a-2' } });
    expect(ids(renamed.toSave)).toEqual(['a-2', 'b', 'both']);
    expect(renamed.toSave[2].indicator).toEqual({
      kind: 'composite',
      components: [
        { slo: 'a-2', weight: 1 },
        { slo: 'b', weight: 3 },
      ],
    });
    // The saved list validates as a whole (what the repository checks before its one write).
    expect(parseSloDocument(provisioningYaml(renamed)).errors).toEqual([]);

    const without = buildImportPlan(result, [], { b: { selected: false } });
    expect(without.rows[2].problem).toBe(
      'this composite needs b, which is not imported: choose it too, or leave the composite out'
    );
    expect(ids(without.toSave)).toEqual(['a']);
    expect(without.blocked).toBe(1);
  });
});

describe('savedEntries and provisioningYaml', () => {
  it('give the chosen SLOs as jsonData.slos entries and as one burndown/v1 document that reads back equal', () => {
    const plan = buildImportPlan(slothImport(), ['checkout-availability'], {
      'checkout-availability': { selected: true, resolution: 'rename', rename: 'checkout-avail-2' },
    });
    const entries = savedEntries(plan);
    expect(ids(entries)).toEqual(['myservice-requests-availability', 'checkout-avail-2', 'checkout-rolling']);
    expect(entries[1]).toMatchObject({ objective: '99.5%', window: { rolling: '30d' } });
    const yaml = provisioningYaml(plan);
    expect(yaml).toMatch(/^apiVersion: burndown\/v1\n/);
    expect(parseSloDocument(yaml).file?.slos).toEqual(plan.toSave);
  });
});

describe('ids', () => {
  it('suggests the first free id and says why an id cannot be used', () => {
    expect(freeId('a', new Set(['a', 'a-2']))).toBe('a-3');
    expect(renameProblem('ok-1', new Set())).toBeUndefined();
    expect(renameProblem('a', new Set(['a']))).toBe('"a" is taken: pick another id');
    expect(defaultChoice(true)).toEqual({ selected: true, resolution: 'skip' });
    expect(defaultChoice(false)).toEqual({ selected: true });
  });
});
