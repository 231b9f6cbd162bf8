import { PanelPlugin } from '@grafana/data';

import { BudgetPanel } from './BudgetPanel';
import { migrationHandler, shouldMigrate } from './migrations';
import { buildOptions, type BudgetPanelOptions } from './options';

export const plugin = new PanelPlugin<BudgetPanelOptions>(BudgetPanel)
  .setPanelOptions(buildOptions)
  .setMigrationHandler(migrationHandler, shouldMigrate);
