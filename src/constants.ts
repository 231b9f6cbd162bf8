import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;

/** Routes below PLUGIN_BASE_URL; the matching pages are listed in src/plugin.json `includes`. */
export enum ROUTES {
  /** The SLO overview. */
  Overview = 'slos',
  /** Reports over periods (docs/reports.md). */
  Reports = 'reports',
  /** Import from Sloth, Pyrra and OpenSLO files (docs/app.md, Import and export). */
  Import = 'import',
}

/** The SLO detail page of an SLO id (a drilldown of the overview). */
export function sloDetailUrl(sloId: string): string {
  return `${PLUGIN_BASE_URL}/${ROUTES.Overview}/${encodeURIComponent(sloId)}`;
}

/** The SLO editor for a new SLO (wins over the `:sloId` drilldown). */
export function sloNewUrl(): string {
  return `${PLUGIN_BASE_URL}/${ROUTES.Overview}/new`;
}

/** The SLO editor of an existing SLO (a drilldown of its detail page). */
export function sloEditUrl(sloId: string): string {
  return `${sloDetailUrl(sloId)}/edit`;
}
