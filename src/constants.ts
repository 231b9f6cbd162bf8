import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;

/** Routes below PLUGIN_BASE_URL; the matching pages are listed in src/plugin.json `includes`. */
export enum ROUTES {
  /** The SLO overview. */
  Overview = 'slos',
  /** Reports over periods (docs/reports.md). */
  Reports = 'reports',
}
