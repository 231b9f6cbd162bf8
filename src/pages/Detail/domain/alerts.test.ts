import { parseSloDocument } from '../../../slo';
import { rulesFileName, rulesLocation, sloRulesYaml, sortFiring } from './alerts';

const spec = parseSloDocument(`apiVersion: burndown/v1
slos:
  - id: api
    name: API
    indicator: {ratio: {bad: 'req_total{code="500"}', total: req_total}}
    objective: 99.9%
    window: {rolling: 30d}
    alerting: {page: true}
`).file!.slos[0];

describe('Alerts tab domain', () => {
  it("is the SLO's rules file as burndown rules writes it", () => {
    const yaml = sloRulesYaml(spec);
    expect(yaml).toContain('name: burndown-slo-api');
    expect(yaml).toContain('alert: BurndownErrorBudgetBurn');
    expect(rulesFileName(spec)).toBe('api-rules.yaml');
  });

  it('finds one location, or none when spread', () => {
    expect(rulesLocation([])).toBeUndefined();
    expect(rulesLocation([{ folderUID: 'f', ruleGroup: 'g' }, { folderUID: 'f', ruleGroup: 'g' }])).toEqual({
      folderUid: 'f',
      ruleGroup: 'g',
    });
    expect(rulesLocation([{ folderUID: 'f', ruleGroup: 'g' }, { folderUID: 'f', ruleGroup: 'h' }])).toBeUndefined();
  });

  it('lists pages first, then the oldest', () => {
    const sorted = sortFiring([
      { name: 'b', severity: 'ticket', since: 1 },
      { name: 'a', severity: 'page', since: 5 },
      { name: 'c', severity: 'page', since: 2 },
    ]);
    expect(sorted.map((a) => a.name)).toEqual(['c', 'a', 'b']);
  });
});
