// policy.ts: policy levels and alerting flags.

import { parseSloDocument } from '../parse';
import { doc, expectError, slo } from '../testdata/documents';

describe('alerting', () => {
  it('alerting flags must be booleans', () => {
    expectError(doc(slo({}, 'alerting: {page: »yes}')), 'slos[0].alerting.page', 'expected true or false, got "yes"');
  });

  it('alerting.minBadEvents must be a whole number >= 1', () => {
    expectError(
      doc(slo({}, 'alerting: {page: true, minBadEvents: »2.5}')),
      'slos[0].alerting.minBadEvents',
      'must be a whole number >= 1, got 2.5'
    );
    const { file } = parseSloDocument(doc(slo({}, 'alerting: {page: true, minBadEvents: 10}')));
    expect(file!.slos[0].alerting).toEqual({ page: true, ticket: false, minBadEvents: 10 });
  });
});

describe('policy', () => {
  it('below without % explains the fraction form', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: »50, name: notify}')),
      'slos[0].policy[0].below',
      '50 is not a fraction: write 50% or 0.5'
    );
  });

  it('below above 100%', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: »150%, name: notify}')),
      'slos[0].policy[0].below',
      'must be between 0% (inclusive) and 100% (inclusive), got 150%'
    );
  });

  it('levels out of order', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: 25%, name: freeze}\n  - {below: »50%, name: notify}')),
      'slos[0].policy[1].below',
      'levels go from least to most severe, so below must decrease: 50% is not below 25% (slos[0].policy[0])'
    );
  });

  it('levels with equal below', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: 25%, name: freeze}\n  - {below: »0.25, name: stop}')),
      'slos[0].policy[1].below',
      '25% is not below 25%'
    );
  });

  it('a level with neither below nor burnRate', () => {
    expectError(
      doc(slo({}, 'policy:\n  - »{name: notify, actions: [x]}')),
      'slos[0].policy[0].below',
      'a policy level needs below (remaining budget) or burnRate, or both'
    );
  });

  it('duplicate level names', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: 50%, name: notify}\n  - {below: 25%, name: »notify}')),
      'slos[0].policy[1].name',
      'duplicate policy level name "notify" (also slos[0].policy[0])'
    );
  });

  it('burnRate with a bad window', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {name: fast, burnRate: {above: 14.4, window: »1 hour}}')),
      'slos[0].policy[0].burnRate.window',
      'invalid duration "1 hour"'
    );
  });

  it('burnRate above must be positive', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {name: fast, burnRate: {above: »0, window: 1h}}')),
      'slos[0].policy[0].burnRate.above',
      'must be greater than 0, got 0'
    );
  });

  it('actions must be strings', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: 0%, name: stop, actions: [»{notify: team}]}')),
      'slos[0].policy[0].actions[0]',
      'expected a string, got a mapping'
    );
  });
});

describe('policy exceptions', () => {
  it('reads a list of kinds of change per level', () => {
    const { file } = parseSloDocument(
      doc(
        slo({}, 'policy:\n  - {below: 25%, name: freeze, actions: [x], exceptions: [security-fix, sev1-remediation]}')
      )
    );
    expect(file!.slos[0].policy[0].exceptions).toEqual(['security-fix', 'sev1-remediation']);
  });

  it('leaves exceptions out when the level lists none', () => {
    const { file } = parseSloDocument(doc(slo({}, 'policy:\n  - {below: 25%, name: freeze, exceptions: []}')));
    expect(file!.slos[0].policy[0]).toEqual({ name: 'freeze', below: 0.25, actions: [] });
  });

  it('refuses an empty, malformed or duplicate kind at its position', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: 25%, name: freeze, exceptions: [»""]}')),
      'slos[0].policy[0].exceptions[0]',
      'must not be empty'
    );
    expectError(
      doc(slo({}, 'policy:\n  - {below: 25%, name: freeze, exceptions: [security-fix, »Security Fix]}')),
      'slos[0].policy[0].exceptions[1]',
      '"Security Fix" is not a kind of change: use lower-case letters, digits and hyphens, e.g. security-fix'
    );
    expectError(
      doc(slo({}, 'policy:\n  - {below: 25%, name: freeze, exceptions: [security-fix, »security-fix]}')),
      'slos[0].policy[0].exceptions[1]',
      'duplicate exception "security-fix" (also slos[0].policy[0].exceptions[0])'
    );
    expectError(
      doc(slo({}, 'policy:\n  - {below: 25%, name: freeze, exceptions: »security-fix}')),
      'slos[0].policy[0].exceptions',
      'a list of kinds of change'
    );
  });
});

describe('policy blocksReleases', () => {
  it('keeps false and leaves the default (blocks) out', () => {
    const { file } = parseSloDocument(
      doc(
        slo(
          {},
          'policy:\n  - {below: 50%, name: notify, blocksReleases: false}\n  - {below: 25%, name: freeze, blocksReleases: true}'
        )
      )
    );
    expect(file!.slos[0].policy).toEqual([
      { name: 'notify', below: 0.5, actions: [], blocksReleases: false },
      { name: 'freeze', below: 0.25, actions: [] },
    ]);
  });

  it('must be a boolean', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: 50%, name: notify, blocksReleases: »no}')),
      'slos[0].policy[0].blocksReleases',
      'expected true or false, got "no"'
    );
  });

  it('refuses exceptions on a level that never blocks', () => {
    expectError(
      doc(slo({}, 'policy:\n  - {below: 50%, name: notify, blocksReleases: false, exceptions: »[security-fix]}')),
      'slos[0].policy[0].exceptions',
      'exceptions apply to a level that blocks releases; this level sets blocksReleases: false'
    );
  });
});
