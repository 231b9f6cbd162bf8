// Where the overview links to: the SLO detail page (a drilldown of the overview) and the user docs.
export { sloDetailUrl } from '../../../constants';

export const SLO_DOCS_URL = 'https://github.com/burndown-slo/burndown/blob/main/docs/getting-started.md';
