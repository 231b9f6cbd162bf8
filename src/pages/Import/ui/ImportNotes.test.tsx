import { render, screen } from '@testing-library/react';
import React from 'react';

import { pageTestIds } from '../../../shared/testIds';
import { ImportNotes } from './ImportNotes';

const ids = pageTestIds.import;

describe('ImportNotes', () => {
  it('prints each note as formatSloError does: file:line:col with a position, file alone without one', () => {
    render(
      <ImportNotes
        kind="note"
        notes={[
          { file: 'sloth.yaml', line: 7, column: 5, path: 'slos[0].objective', message: 'rounded to 99.9%' },
          { file: 'upload.json', line: 0, column: 0, path: '', message: 'no position known' },
        ]}
      />
    );
    const [placed, unplaced] = screen.getAllByTestId(ids.note);
    expect(placed.textContent).toBe('sloth.yaml:7:5: slos[0].objective: rounded to 99.9%');
    expect(unplaced.textContent).toBe('upload.json: <root>: no position known');
    // The position stays machine-readable for the page objects.
    expect(placed.dataset).toMatchObject({ kind: 'note', file: 'sloth.yaml', line: '7', column: '5' });
    expect(unplaced.dataset).toMatchObject({ line: '0', column: '0', path: '' });
  });

  it('marks refusals as such', () => {
    render(
      <ImportNotes kind="refused" notes={[{ file: 'a.yaml', line: 2, column: 1, path: 'spec', message: 'no SLI' }]} />
    );
    expect(screen.getByTestId(ids.note).dataset.kind).toBe('refused');
    expect(screen.getByTestId(ids.note).textContent).toBe('a.yaml:2:1: spec: no SLI');
  });
});
