import type { PanelModel } from '@grafana/data';
import { TooltipDisplayMode } from '@grafana/schema';

import { MIGRATION_STEPS, migrateOptions, migrationHandler, shouldMigrate } from './migrations';
import { defaultOptions, OPTIONS_VERSION } from './options';

describe('options migration', () => {
  it('has one step per version', () => {
    expect(MIGRATION_STEPS).toBe(OPTIONS_VERSION);
  });

  it('turns the placeholder panel (no options, version 0) into the defaults', () => {
    expect(migrateOptions({})).toEqual(defaultOptions);
    expect(migrateOptions(undefined)).toEqual(defaultOptions);
    expect(migrateOptions('garbage')).toEqual(defaultOptions);
  });

  it('keeps every value a user saved', () => {
    const saved = {
      optionsVersion: 2,
      mode: 'query',
      view: 'burnRate',
      figure: 'ifEndedNow',
      sloId: 'checkout-latency',
      sloWindow: 'rolling',
      eventsRefId: 'errors',
      eventsKind: 'good',
      totalRefId: 'all',
      objective: '99.95%',
      queryWindow: 'calendar',
      policy: '40%, 0%',
      calendarUnit: 'week',
      timeZone: 'Asia/Kolkata',
      rollingWindow: '7d',
      decimals: 3,
      statGraph: 'gauge',
      legend: { showLegend: false, displayMode: 'table', placement: 'right', calcs: ['last'], width: 200 },
      tooltip: { mode: TooltipDisplayMode.Single },
    };
    expect(migrateOptions(saved)).toEqual(saved);
  });

  it('replaces values the current shape does not know with their defaults, and keeps the rest', () => {
    const out = migrateOptions({
      optionsVersion: 2,
      figure: 'average',
      mode: 'prometheus',
      view: 'pie',
      sloId: 'x',
      decimals: -2,
      legend: 'yes',
      calendarUnit: 'fortnight',
    });
    expect(out.mode).toBe(defaultOptions.mode);
    expect(out.view).toBe(defaultOptions.view);
    expect(out.calendarUnit).toBe(defaultOptions.calendarUnit);
    expect(out.decimals).toBeUndefined();
    expect(out.legend).toEqual(defaultOptions.legend);
    expect(out.sloId).toBe('x');
    expect(out.figure).toBe('burndown');
  });

  it('gives a saved version-1 panel the burn-down and keeps everything it saved', () => {
    const v1 = {
      optionsVersion: 1,
      mode: 'slo',
      view: 'stat',
      sloId: 'checkout-q-utc',
      statGraph: 'gauge',
      decimals: 2,
    };
    const out = migrateOptions(v1);
    expect(out).toEqual({ ...defaultOptions, ...v1, optionsVersion: OPTIONS_VERSION, figure: 'burndown' });
    expect(shouldMigrate({ options: v1 } as unknown as PanelModel)).toBe(true);
    // Options written without a version that name a figure keep it.
    expect(migrateOptions({ view: 'stat', figure: 'ifEndedNow' }).figure).toBe('ifEndedNow');
  });

  it('reads options of a newer version as far as they fit, without throwing', () => {
    const out = migrateOptions({ optionsVersion: OPTIONS_VERSION + 5, mode: 'query', somethingNew: { a: 1 } });
    expect(out.mode).toBe('query');
    expect(out.optionsVersion).toBe(OPTIONS_VERSION);
  });

  it('runs whenever the saved shape is not the current one, whatever the plugin version', () => {
    const panel = (options: unknown) =>
      ({
        id: 1,
        type: 'burndown-budget-panel',
        options,
        fieldConfig: { defaults: {}, overrides: [] },
      } as unknown as PanelModel);
    expect(shouldMigrate(panel({}))).toBe(true);
    expect(shouldMigrate(panel(undefined))).toBe(true);
    expect(shouldMigrate(panel({ optionsVersion: OPTIONS_VERSION }))).toBe(false);
    expect(migrationHandler(panel({ view: 'stat' }))).toEqual({ ...defaultOptions, view: 'stat' });
  });
});
