// BENCH_PROFILE=1 for `npm run bench:overview`: the page's CPU profile (Chrome's sampling profiler over CDP) from
// navigation until every row and trend is in, summarised on stdout: the functions with the most self time, and the
// React components with the most time in their own render (inclusive of what they call, not of their children, which
// React renders from its work loop). The host is then built unminified so our names read; React's production build is
// minified itself, so components are told by their PascalCase names (a heuristic: a class constructor may show).
import { writeFileSync } from 'node:fs';

import type { CDPSession } from 'playwright-core';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** A component's name: PascalCase, longer than React's own minified names (Nh, Ej). */
const COMPONENT = /^[A-Z][a-z][A-Za-z0-9]{2,}$/;

export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}

/** The summary; BENCH_PROFILE_FILE=/tmp/x.cpuprofile also keeps the whole profile (for Chrome's DevTools). */
export async function stopProfile(cdp: CDPSession, n: number): Promise<string> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const file = process.env.BENCH_PROFILE_FILE?.replace(/(\.cpuprofile)?$/, `-${n}.cpuprofile`);
  if (file) {
    writeFileSync(file, JSON.stringify(profile));
  }
  return summariseProfile(profile) + (file ? `    whole profile: ${file}\n` : '');
}

const where = (n: Node) => {
  const file = n.callFrame.url.split('/').pop() || '';
  return `${n.callFrame.functionName || '(anonymous)'} ${file ? `${file}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
};

export function summariseProfile(p: Profile, top = 15): string {
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  p.nodes.forEach((n) => n.children?.forEach((c) => parent.set(c, n.id)));
  const inclusive = new Map<number, number>();
  const total = (id: number): number => {
    const known = inclusive.get(id);
    if (known !== undefined) {
      return known;
    }
    const n = byId.get(id)!;
    const t = (self.get(id) ?? 0) + (n.children ?? []).reduce((s, c) => s + total(c), 0);
    inclusive.set(id, t);
    return t;
  };
  const selfBy = new Map<string, number>();
  const components = new Map<string, number>();
  let busy = 0;
  for (const n of p.nodes) {
    const name = n.callFrame.functionName;
    const s = self.get(n.id) ?? 0;
    if (name !== '(idle)' && name !== '(program)') {
      busy += s;
    }
    selfBy.set(where(n), (selfBy.get(where(n)) ?? 0) + s);
    const up = parent.get(n.id);
    // Counted once: not again where a component's body calls another PascalCase function.
    if (COMPONENT.test(name) && !(up !== undefined && COMPONENT.test(byId.get(up)!.callFrame.functionName))) {
      components.set(name, (components.get(name) ?? 0) + total(n.id));
    }
  }
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `      ${(v / 1000).toFixed(2).padStart(7)} s  ${k}`)
      .join('\n');
  return (
    `  profile: ${(busy / 1000).toFixed(1)} s of samples busy (not idle/program)\n` +
    `    top self time:\n${list(selfBy)}\n    top React components (own render, inclusive):\n${list(components)}\n`
  );
}
