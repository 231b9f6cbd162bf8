// The SLO the Alerts tab's browser test and screenshots open (appended to the app's settings as an extra SLO).
// The fixed-window week of the August outage: at this instant its burn-down is at the freeze level (24.3% left).
export const ALERTS_NOW = '2026-08-12T12:00:00Z';
export const ALERTS_SLO_ID = 'checkout-outage-week';
export const ALERTS_SLO = {
  id: ALERTS_SLO_ID,
  name: 'Checkout availability, week of the August outage',
  service: 'checkout',
  labels: { team: 'payments' },
  indicator: {
    ratio: { bad: 'http_requests_total{job="checkout",code=~"5.."}', total: 'http_requests_total{job="checkout"}' },
  },
  objective: '99.5%',
  window: { fixed: { from: '2026-08-10T00:00:00Z', to: '2026-08-17T00:00:00Z' } },
  alerting: { page: true, ticket: true, runbook: 'https://runbooks.example/checkout' },
  policy: [
    { below: '50%', name: 'Notify', actions: ['notify #payments'] },
    {
      below: '25%',
      name: 'Feature freeze',
      actions: ['freeze non-critical releases'],
      exceptions: ['security-fix', 'sev1-remediation'],
    },
    { below: '0%', name: 'Stop', actions: ['freeze all releases'] },
  ],
};
