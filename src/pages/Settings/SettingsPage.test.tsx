import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import React from 'react';

import type { DataSourceInstanceSettings } from '@grafana/data';
import { setDataSourceSrv, type DataSourceSrv } from '@grafana/runtime';

import type { AppDefaults, SloSettingsSnapshot } from '../../infrastructure/settings';
import { pageTestIds } from '../../shared/testIds';
import { SettingsPage, type SettingsDeps } from './SettingsPage';

const ids = pageTestIds.settings;

const prom = {
  uid: 'prom',
  type: 'prometheus',
  name: 'Prometheus',
  meta: { info: { logos: { small: '' } } },
} as unknown as DataSourceInstanceSettings;

beforeAll(() => {
  setDataSourceSrv({
    getInstanceSettings: (ref?: unknown) =>
      ref == null || ref === 'prom' || (ref as { uid?: string })?.uid === 'prom' ? prom : undefined,
    getList: () => [prom],
  } as unknown as DataSourceSrv);
});

function snapshot(over: Partial<SloSettingsSnapshot> = {}): SloSettingsSnapshot {
  return {
    revision: 1,
    rawSlos: [],
    slos: [{ id: 'a' }, { id: 'b' }] as SloSettingsSnapshot['slos'],
    errors: [],
    invalid: [
      {
        index: 2,
        id: 'checkout-invalid',
        name: 'Checkout availability',
        errors: [
          {
            file: 'jsonData',
            line: 0,
            column: 0,
            path: 'slos[2].objective',
            message: 'expected at most 100%, got 150%',
          },
        ],
      },
    ],
    provisioned: false,
    canWrite: true,
    defaults: {},
    defaultErrors: [],
    ...over,
  };
}

/** Deps over an in-memory store of the defaults: save writes them (or fails), load reads them. */
function fakeDeps(start: SloSettingsSnapshot, failSave?: Error) {
  let stored = start;
  const saves: AppDefaults[] = [];
  const deps: SettingsDeps = {
    load: async () => stored,
    save: async (d) => {
      if (failSave) {
        throw failSave;
      }
      saves.push(d);
      stored = { ...stored, defaults: d };
    },
  };
  return { deps, saves };
}

async function renderPage(deps: SettingsDeps) {
  render(<SettingsPage deps={deps} />);
  await waitFor(() => expect(screen.getByTestId(ids.root)).toHaveAttribute('data-state', 'done'));
}

describe('SettingsPage', () => {
  it('counts valid and invalid SLOs, lists each invalid one with its field error and links to them', async () => {
    await renderPage(fakeDeps(snapshot()).deps);
    expect(screen.getByTestId(ids.validCount)).toHaveAttribute('data-value', '2');
    expect(screen.getByTestId(ids.invalidCount)).toHaveAttribute('data-value', '1');
    const invalid = screen.getByTestId(ids.invalid);
    expect(invalid).toHaveAttribute('data-index', '2');
    expect(invalid).toHaveTextContent('Checkout availability (checkout-invalid)');
    expect(invalid).toHaveTextContent('jsonData: slos[2].objective: expected at most 100%, got 150%');
    expect(screen.getByTestId(ids.invalidLink)).toHaveAttribute(
      'href',
      expect.stringContaining('/a/burndown-slo-app/slos?status=invalid')
    );
    expect(screen.getByTestId(ids.source)).toHaveAttribute('data-provisioned', 'false');
  });

  it('saves a valid time zone, then shows the settings as read back', async () => {
    const { deps, saves } = fakeDeps(snapshot({ defaults: { datasource: { uid: 'prom', type: 'prometheus' } } }));
    await renderPage(deps);
    fireEvent.change(screen.getByTestId(ids.timeZone), { target: { value: ' Europe/Berlin ' } });
    fireEvent.click(screen.getByTestId(ids.save));
    await waitFor(() => expect(screen.getByTestId(ids.saved)).toBeInTheDocument());
    expect(saves).toEqual([{ datasource: { uid: 'prom', type: 'prometheus' }, timeZone: 'Europe/Berlin' }]);
    expect(screen.getByTestId(ids.timeZone)).toHaveValue('Europe/Berlin');
    expect(within(screen.getByTestId(ids.datasource)).getByText('Prometheus')).toBeInTheDocument();
  });

  it('does not save a zone that is not IANA, and says why next to the field', async () => {
    const { deps, saves } = fakeDeps(snapshot());
    await renderPage(deps);
    fireEvent.change(screen.getByTestId(ids.timeZone), { target: { value: 'Europe/Berlim' } });
    expect(screen.getByText(/"Europe\/Berlim" is not an IANA time zone/)).toBeInTheDocument();
    expect(screen.getByTestId(ids.save)).toBeDisabled();
    fireEvent.click(screen.getByTestId(ids.save));
    expect(saves).toEqual([]);
  });

  it('keeps the form when the save fails, with the reason', async () => {
    const { deps } = fakeDeps(snapshot(), new Error('HTTP 500: database is locked'));
    await renderPage(deps);
    fireEvent.change(screen.getByTestId(ids.timeZone), { target: { value: 'Asia/Tokyo' } });
    fireEvent.click(screen.getByTestId(ids.save));
    await waitFor(() => expect(screen.getByTestId(ids.saveError)).toHaveTextContent('HTTP 500: database is locked'));
    expect(screen.getByTestId(ids.timeZone)).toHaveValue('Asia/Tokyo');
    expect(screen.queryByTestId(ids.saved)).toBeNull();
  });

  it('is read-only when provisioned, saying that provisioning rewrites the settings on restart', async () => {
    await renderPage(fakeDeps(snapshot({ provisioned: true, defaults: { timeZone: 'Europe/Berlin' } })).deps);
    expect(screen.queryByTestId(ids.save)).toBeNull();
    expect(screen.getByTestId(ids.readOnly)).toHaveTextContent('provisioning manages these settings');
    expect(screen.getByTestId(ids.source)).toHaveTextContent(
      /rewrites the app's settings from that file every time it restarts/
    );
    expect(screen.getByTestId(ids.timeZone)).toBeDisabled();
    expect(screen.getByTestId(ids.timeZone)).toHaveValue('Europe/Berlin');
  });

  it('offers no Save to a user without plugins:write, and shows a stored default that is not applied', async () => {
    const bad = { file: 'jsonData', line: 0, column: 0, path: 'defaultTimeZone', message: 'unknown time zone "X"' };
    await renderPage(fakeDeps(snapshot({ canWrite: false, defaultErrors: [bad] })).deps);
    expect(screen.queryByTestId(ids.save)).toBeNull();
    expect(screen.getByTestId(ids.readOnly)).toHaveTextContent('plugins:write');
    expect(screen.getByTestId(ids.defaultError)).toHaveTextContent('defaultTimeZone: unknown time zone "X"');
  });

  it('says so when the settings cannot be read', async () => {
    render(<SettingsPage deps={{ load: async () => Promise.reject(new Error('HTTP 502')), save: jest.fn() }} />);
    await waitFor(() => expect(screen.getByTestId(ids.root)).toHaveAttribute('data-state', 'error'));
    expect(screen.getByTestId(ids.error)).toHaveTextContent('HTTP 502');
  });
});
