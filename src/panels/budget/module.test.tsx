import { PanelPlugin, standardEditorsRegistry } from '@grafana/data';

import { plugin } from './module';
import { defaultOptions, OPTIONS_VERSION } from './options';

// Grafana fills the option editor registry at start-up; the editors themselves do not matter here.
standardEditorsRegistry.setInit(() =>
  ['radio', 'select', 'text', 'number', 'boolean'].map((id) => ({ id, name: id, editor: () => null }))
);

describe('budget panel plugin', () => {
  it('is a panel plugin with a migration handler that runs on any older options shape', () => {
    expect(plugin).toBeInstanceOf(PanelPlugin);
    expect(plugin.onPanelMigration).toBeDefined();
    expect(plugin.shouldMigrate?.({ id: 1, type: 'burndown-budget-panel', options: {} } as never)).toBe(true);
    expect(
      plugin.shouldMigrate?.({
        id: 1,
        type: 'burndown-budget-panel',
        options: { optionsVersion: OPTIONS_VERSION },
      } as never)
    ).toBe(false);
  });

  it('has an editor whose defaults are the documented defaults', () => {
    const defaults = plugin.defaults as Record<string, unknown>;
    for (const key of [
      'mode',
      'view',
      'sloId',
      'sloWindow',
      'eventsRefId',
      'eventsKind',
      'totalRefId',
      'objective',
      'queryWindow',
      'policy',
      'calendarUnit',
      'rollingWindow',
      'statGraph',
    ] as const) {
      expect(defaults[key]).toEqual(defaultOptions[key]);
    }
    expect(defaults.optionsVersion).toBe(OPTIONS_VERSION);
    expect(defaults.legend).toMatchObject({ showLegend: true, placement: 'bottom' });
  });
});
