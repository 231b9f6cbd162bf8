import { AppPlugin } from '@grafana/data';

import { App } from './pages/App';
import { SettingsPage } from './pages/Settings/SettingsPage';
import type { AppJsonData } from './types';

export const plugin = new AppPlugin<AppJsonData>().setRootPage(App).addConfigPage({
  title: 'Settings',
  icon: 'cog',
  // Grafana's plugin page opens the config page whose id is `?page=...`; its first page is the default.
  id: 'settings',
  body: SettingsPage,
});
