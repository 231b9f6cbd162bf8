// Where the overview links to: the SLO detail page (a drilldown of the overview) and the user docs.
import { PLUGIN_BASE_URL, ROUTES } from '../../../constants';

/** The detail page of one SLO: /a/burndown-slo-app/slos/<id>. */
export function sloDetailUrl(id: string): string {
  return `${PLUGIN_BASE_URL}/${ROUTES.Overview}/${encodeURIComponent(id)}`;
}

/** The page that creates an SLO. */
export const NEW_SLO_URL = `${PLUGIN_BASE_URL}/${ROUTES.Overview}/new`;

export const SLO_DOCS_URL = 'https://github.com/burndown-slo/burndown/blob/main/docs/getting-started.md';
