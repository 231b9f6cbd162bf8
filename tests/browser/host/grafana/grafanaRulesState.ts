// Faked `GET /api/prometheus/grafana/api/v1/rules`: the state of Grafana-managed rules in Prometheus' rules-API
// format (Grafana's "Prometheus-compatible" ruler API, https://grafana.com/docs/grafana/latest/alerting/ and
// Prometheus' https://prometheus.io/docs/prometheus/latest/querying/api/#rules): {status: "success", data: {groups:
// [{name, file (the folder's title), folderUid, rules: [{name, uid, query, labels, annotations, health, state, alerts:
// [{labels, annotations, state, activeAt, value}]}]}]}}. No Grafana evaluates rules here: every stored rule is
// "inactive", except the UIDs a test puts in the fake's `firing` set, reported with one "Alerting" instance.
import type { Route } from './http';
import type { AlertingFake } from './alertRules';

export function grafanaRulesStateRoutes(fake: AlertingFake): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/prometheus/grafana/api/v1/rules',
      handle: () => {
        const groups = new Map<string, Array<Record<string, unknown>>>();
        for (const r of fake.rules.values()) {
          const key = `${r.folderUID}\u0000${r.ruleGroup}`;
          const firing = fake.firing.has(r.uid);
          const labels = { ...(r.labels as Record<string, string>), __alert_rule_uid__: r.uid };
          groups.set(key, [
            ...(groups.get(key) ?? []),
            {
              name: r.title,
              uid: r.uid,
              query: JSON.stringify(r.data),
              labels: r.labels ?? {},
              annotations: r.annotations ?? {},
              health: 'ok',
              type: 'alerting',
              state: firing ? 'firing' : 'inactive',
              alerts: firing
                ? [
                    {
                      labels,
                      annotations: r.annotations ?? {},
                      state: 'Alerting',
                      activeAt: new Date(fake.now() - 600_000).toISOString(),
                      value: "[ var='A' labels={} value=17.2 ], [ var='B' labels={} value=21.5 ]",
                    },
                  ]
                : [],
            },
          ]);
        }
        const data = [...groups].map(([key, rules]) => {
          const [folderUid, name] = key.split('\u0000');
          return {
            name,
            file: fake.folders.find((f) => f.uid === folderUid)?.title ?? folderUid,
            folderUid,
            rules,
            interval: fake.groups.get(`${folderUid}/${name}`) ?? 60,
          };
        });
        return { status: 200, data: { status: 'success', data: { groups: data } } };
      },
    },
  ];
}
