// metadata.ts: id, name, labels, datasource, groupBy.

import { doc, expectError, slo } from '../testdata/documents';

describe('metadata fields', () => {
  it('name must be a string', () => {
    expectError(doc(slo({ name: 'name: »123' })), 'slos[0].name', 'expected a string, got number 123; quote it: "123"');
  });

  it('id must match [a-z0-9-]+', () => {
    expectError(
      doc(slo({ id: 'id: »Checkout_API' })),
      'slos[0].id',
      'invalid id "Checkout_API": use lowercase letters, digits and hyphens'
    );
  });

  it('labels must be a map', () => {
    expectError(
      doc(slo({}, 'labels: »[team]')),
      'slos[0].labels',
      'expected a mapping of label names to strings, got a list'
    );
  });

  it('label values must be strings', () => {
    expectError(
      doc(slo({}, 'labels: {team: a, tier: »1}')),
      'slos[0].labels.tier',
      'label values must be strings, got number 1; quote it: "1"'
    );
  });

  it('datasource without uid', () => {
    expectError(doc(slo({}, 'datasource: »{type: prometheus}')), 'slos[0].datasource.uid', 'required field is missing');
  });

  it('datasource with an empty uid', () => {
    expectError(doc(slo({}, 'datasource: {uid: »""}')), 'slos[0].datasource.uid', 'must not be empty');
  });

  it('groupBy not a list', () => {
    expectError(doc(slo({}, 'groupBy: »route')), 'slos[0].groupBy', 'expected a list of label names, got "route"');
  });

  it('groupBy with an invalid label name', () => {
    expectError(
      doc(slo({}, 'groupBy: [route, »route-name]')),
      'slos[0].groupBy[1]',
      '"route-name" is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)'
    );
  });

  it('groupBy with a repeated label', () => {
    expectError(doc(slo({}, 'groupBy: [route, »route]')), 'slos[0].groupBy[1]', '"route" is listed twice');
  });
});
