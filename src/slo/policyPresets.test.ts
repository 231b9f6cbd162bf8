import { parseSloDocument } from './parse';
import { POLICY_PRESETS, policyPreset } from './policyPresets';
import { toSloDocument } from './serialize';
import { doc, slo } from './testdata/documents';

describe('policy presets', () => {
  it('are the three sets of the issue, least to most severe', () => {
    const belows = Object.fromEntries(POLICY_PRESETS.map((p) => [p.id, p.levels.map((l) => [l.name, l.below])]));
    expect(belows).toEqual({
      conservative: [
        ['notify', 0.5],
        ['freeze', 0.3],
        ['stop', 0.1],
      ],
      balanced: [
        ['notify', 0.5],
        ['freeze', 0.2],
        ['stop', 0],
      ],
      aggressive: [
        ['notify', 0.25],
        ['freeze', 0.1],
        ['stop', 0],
      ],
    });
  });

  it('each validates as an SLO file policy and reads back the same', () => {
    for (const preset of POLICY_PRESETS) {
      const { file } = parseSloDocument(doc(slo({})));
      const spec = { ...file!.slos[0], policy: policyPreset(preset.id) };
      const text = JSON.stringify(toSloDocument({ ...file!, slos: [spec] }));
      const back = parseSloDocument(text, { file: 'preset.json' });
      expect(back.errors).toEqual([]);
      expect(back.file!.slos[0].policy).toEqual(preset.levels);
    }
  });

  it('notify informs and never blocks a release; freeze and stop block', () => {
    for (const preset of POLICY_PRESETS) {
      expect(preset.levels.map((l) => l.blocksReleases !== false)).toEqual([false, true, true]);
    }
  });

  it('gives a copy to edit, never the preset itself', () => {
    const a = policyPreset('balanced');
    a[0].actions.push('page');
    a[1].exceptions!.push('rollback');
    expect(policyPreset('balanced')[0].actions).toEqual(['notify the owning team']);
    expect(policyPreset('balanced')[1].exceptions).toEqual(['security-fix', 'sev1-remediation']);
  });
});
