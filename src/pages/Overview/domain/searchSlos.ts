// The overview's search box: every whitespace-separated term must appear (case-insensitive) in the SLO's id, name,
// service or a label ("team=payments" matches that label).
import type { OverviewRow } from './overviewRow';

export function searchTerms(search: string): string[] {
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '');
}

export function matchesSearch(row: Pick<OverviewRow, 'id' | 'name' | 'service' | 'labels'>, search: string): boolean {
  const haystack = [row.id, row.name, row.service ?? '', ...Object.entries(row.labels).map(([k, v]) => `${k}=${v}`)]
    .join('\n')
    .toLowerCase();
  return searchTerms(search).every((t) => haystack.includes(t));
}
