// Faked `GET /api/folders` (Grafana's folder HTTP API, "Get all folders",
// https://grafana.com/docs/grafana/latest/developers/http_api/folder/#get-all-folders): the folders the user may
// read, each {id, uid, title}. Two folders to choose from; alert rules must live in one of them.
import type { Route } from './http';

export interface GrafanaFolder {
  uid: string;
  title: string;
}

export const HOST_FOLDERS: GrafanaFolder[] = [
  { uid: 'slo-alerts', title: 'SLO alerts' },
  { uid: 'platform', title: 'Platform' },
];

export function folderRoutes(folders: readonly GrafanaFolder[]): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/folders',
      handle: () => ({ status: 200, data: folders.map((f, i) => ({ id: i + 1, uid: f.uid, title: f.title })) }),
    },
  ];
}
