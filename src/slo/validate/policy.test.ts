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
