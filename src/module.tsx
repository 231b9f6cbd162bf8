import { AppPlugin } from '@grafana/data';

import { App } from './pages/App';
import type { AppJsonData } from './types';

export const plugin = new AppPlugin<AppJsonData>().setRootPage(App);
