import { render, screen, within } from '@testing-library/react';
import React from 'react';

import { DataTable } from './DataTable';

describe('DataTable', () => {
  it('writes the header cells in order and the rows it is given, passing attributes to the table', () => {
    render(
      <DataTable columns={['', 'Id', 'Name']} aria-label="SLOs to import" data-testid="t">
        <tr>
          <td>x</td>
          <td>checkout</td>
          <td>Checkout</td>
        </tr>
      </DataTable>
    );
    const table = screen.getByRole('table', { name: 'SLOs to import' });
    expect(table).toBe(screen.getByTestId('t'));
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['', 'Id', 'Name']);
    expect(within(table).getAllByRole('cell').map((td) => td.textContent)).toEqual(['x', 'checkout', 'Checkout']);
  });
});
