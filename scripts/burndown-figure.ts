// Draws docs/img/burndown-quarter.svg: the burn-down and the "if the period ended now" budget of the scenario's Q3 (UTC,
// 99.5%), computed by the engine from the generator's exact hourly truth (no server), with the ideal line.
// Run: npx tsx scripts/burndown-figure.ts   (writes the SVG by hand: lines and text, no dependency)
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { budgetSeries, burndownSeries, type Buckets, type TrafficHistory } from '../src/engine';
import type { CalendarWindow } from '../src/slo/types';
import { buildScenario } from '../tests/generator/scenario.ts';

const H = 3_600_000;
const OUT = path.resolve(__dirname, '../docs/img/burndown-quarter.svg');
const FROM = Date.parse('2026-07-01T00:00:00Z');
const TO = Date.parse('2026-10-01T00:00:00Z');
const TARGET = 0.995;
const WINDOW: CalendarWindow = {
  kind: 'calendar',
  unit: 'quarter',
  timeZone: 'UTC',
  startMonth: 1,
  weekStart: 'monday',
};

const scenario = buildScenario();
const hours = Math.floor(scenario.truth.length / 60);
const total = new Float64Array(hours);
const bad = new Float64Array(hours);
for (let m = 0; m < hours * 60; m++) {
  total[Math.floor(m / 60)] += scenario.truth.total[m];
  bad[Math.floor(m / 60)] += scenario.truth.bad[m];
}
const buckets: Buckets = { firstEnd: scenario.startMs + H, step: H, total, bad };
const history: TrafficHistory = { firstEnd: buckets.firstEnd, step: H, total };
const burn = burndownSeries(buckets, WINDOW, TARGET, history);
const now = budgetSeries(buckets, WINDOW, TARGET);

// Points of the quarter: the 100% start, then every bucket end in (FROM, TO].
const xs: number[] = [FROM];
const burnY: number[] = [1];
const nowY: number[] = [1];
const idealY: number[] = [1];
for (let i = 0; i < burn.time.length; i++) {
  const t = burn.time[i];
  if (t > FROM && t <= TO) {
    xs.push(t);
    burnY.push(burn.remaining[i]);
    nowY.push(now.remaining[i]);
    idealY.push(burn.ideal[i]);
  }
}

const W = 960;
const HT = 500;
const M = { left: 64, right: 48, top: 56, bottom: 100 };
const yMin = Math.min(0, Math.floor(Math.min(...burnY, ...nowY) * 10) / 10);
const yMax = 1;
const px = (t: number) => M.left + ((t - FROM) / (TO - FROM)) * (W - M.left - M.right);
const py = (v: number) => M.top + ((yMax - v) / (yMax - yMin)) * (HT - M.top - M.bottom);
const path2 = (ys: number[]) =>
  ys.map((v, i) => `${i === 0 ? 'M' : 'L'}${px(xs[i]).toFixed(1)},${py(v).toFixed(1)}`).join('');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const parts: string[] = [];
parts.push(`<rect width="${W}" height="${HT}" fill="#ffffff"/>`);
parts.push(
  `<text x="${M.left}" y="24" font-size="16" font-weight="bold">Checkout availability, Q3 2026 (UTC), objective 99.5%</text>`
);
// Grid and axes.
for (let v = yMin; v <= yMax + 1e-9; v += 0.1) {
  const y = py(v).toFixed(1);
  parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`);
  parts.push(`<text x="${M.left - 8}" y="${y}" font-size="11" text-anchor="end" dy="4">${Math.round(v * 100)}%</text>`);
}
for (const iso of ['2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01']) {
  const x = px(Date.parse(`${iso}T00:00:00Z`)).toFixed(1);
  parts.push(`<line x1="${x}" x2="${x}" y1="${M.top}" y2="${HT - M.bottom}" stroke="#e5e5e5"/>`);
  parts.push(`<text x="${x}" y="${HT - M.bottom + 18}" font-size="11" text-anchor="middle">${iso}</text>`);
}
// Incidents inside the quarter that spend this SLO's budget (error incidents).
for (const inc of scenario.incidents.filter((i) => i.kind === 'errors' && i.fromMs > FROM && i.toMs <= TO)) {
  const x = px(inc.fromMs).toFixed(1);
  parts.push(`<line x1="${x}" x2="${x}" y1="${M.top}" y2="${HT - M.bottom}" stroke="#d44a3a" stroke-dasharray="2,3"/>`);
  const label = new Date(inc.fromMs).toISOString().slice(5, 10);
  parts.push(
    `<text x="${x}" y="${M.top - 6}" font-size="10" text-anchor="start" dx="3" fill="#d44a3a">incident ${label}</text>`
  );
}
parts.push(
  `<path d="${path2(idealY)}" fill="none" stroke="#8e8e8e" stroke-width="1.5" stroke-dasharray="6,4"/>`,
  `<path d="${path2(nowY)}" fill="none" stroke="#ff9830" stroke-width="1.5"/>`,
  `<path d="${path2(burnY)}" fill="none" stroke="#3274d9" stroke-width="2.2"/>`
);
// The maintenance window is not excluded by this SLO (checkout-excl excludes it): its errors spend budget.
for (const m of scenario.exclusions.filter((e) => e.fromMs > FROM && e.toMs <= TO)) {
  const x = px(m.fromMs).toFixed(1);
  parts.push(`<line x1="${x}" x2="${x}" y1="${M.top}" y2="${HT - M.bottom}" stroke="#8f3bb8" stroke-dasharray="2,3"/>`);
  const label = new Date(m.fromMs).toISOString().slice(5, 10);
  parts.push(
    `<text x="${x}" y="${
      M.top - 6
    }" font-size="10" text-anchor="end" dx="-3" fill="#8f3bb8">maintenance ${label}</text>`
  );
}
// Legend and the end value.
const legend: Array<[string, string, string]> = [
  ['#3274d9', '', 'burn-down: 1 - bad(start, t] / Â(t), Â from counted + forecast events'],
  ['#ff9830', '', '"if the period ended now": 1 - (bad/total)/(1 - target) over (start, t]'],
  ['#8e8e8e', '6,4', 'ideal: 100% at the start to 0% at the end'],
];
legend.forEach(([color, dash, text], k) => {
  const y = HT - M.bottom + 42 + k * 18;
  const x = M.left;
  parts.push(
    `<line x1="${x}" x2="${x + 28}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="2.2"${
      dash ? ` stroke-dasharray="${dash}"` : ''
    }/>`,
    `<text x="${x + 36}" y="${y + 4}" font-size="11">${esc(text)}</text>`
  );
});
const final = burnY[burnY.length - 1];
parts.push(
  `<text x="${px(TO) - 4}" y="${py(final) + 22}" font-size="11" text-anchor="end" fill="#3274d9">both end at ${(
    final * 100
  ).toFixed(1)}%</text>`
);

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${HT}" viewBox="0 0 ${W} ${HT}" font-family="Helvetica, Arial, sans-serif">\n${parts.join(
  '\n'
)}\n</svg>\n`;
writeFileSync(OUT, svg);
console.log(
  `wrote ${path.relative(process.cwd(), OUT)}: ${xs.length} points; burn-down ends ${(final * 100).toFixed(3)}%, ` +
    `"ended now" ends ${(nowY[nowY.length - 1] * 100).toFixed(3)}%, "ended now" range ${(
      Math.min(...nowY.slice(1)) * 100
    ).toFixed(1)}%..${(Math.max(...nowY.slice(1)) * 100).toFixed(1)}%`
);
