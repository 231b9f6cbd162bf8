// Page object of the app's SLO overview on the test host: reads what a user sees through the pages' test ids
// (src/shared/testIds.ts), never through CSS classes.

import type { Locator, Page } from 'playwright-core';

import { pageTestIds } from '../../../src/shared/testIds';
import { waitForPageState } from './settle';
import { hostAppTestIds } from '../host/params';

const ids = pageTestIds.overview;
const SETTLE_MS = 90_000;

export interface OverviewRowFigures {
  id: string;
  /** The row's status (data-state): healthy, burning, exhausted, stale, noData, error, loading. */
  state: string;
  /** Its trend (data-trend): pending, done, or none (SLO kinds without a trend, error rows). */
  trendState: string;
  /** The status as it reads (text next to the colour). */
  statusText: string;
  /** Budget left as shown (raw fraction from data-value); null when the row shows no figure. */
  remaining: number | null;
  /** "burndown" (calendar and fixed windows) or "window" (rolling). */
  basis: string;
  /** The window's remaining budget ("if the period ended now") and the burn-down's forecast of the period's rest. */
  windowRemaining: number | null;
  forecast: number | null;
  sli: number | null;
  burnRate: number | null;
  exhaustion: string;
  policy: string;
  /** Diagnostic badges' kinds. */
  diagnostics: string[];
  /** Points of the sparkline; null while it is not drawn. */
  trendPoints: number | null;
  /** href of the link to the detail page. */
  href: string;
  text: string;
}

export class OverviewPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId(ids.root);
  }

  /** Waits until the settings are read and every SLO's status is known (or the page failed). */
  async settled(): Promise<this> {
    await waitForPageState(this.page, ids.root, ['done'], SETTLE_MS);
    return this;
  }

  async title(): Promise<string> {
    return (await this.page.getByTestId(hostAppTestIds.title).innerText()).trim();
  }

  /** The instant the figures are for (epoch ms). */
  async evaluatedAt(): Promise<number> {
    return Number(await this.root.getAttribute('data-evaluated-at'));
  }

  async rows(): Promise<OverviewRowFigures[]> {
    return this.page.getByTestId(ids.row).evaluateAll(
      (trs, t) =>
        trs.map((tr) => {
          const el = (id: string) => tr.querySelector(`[data-testid="${id}"]`);
          const attr = (id: string, name: string) => el(id)?.getAttribute(name) ?? '';
          const num = (id: string, name = 'data-value') => {
            const v = attr(id, name);
            return v === '' ? null : Number(v);
          };
          return {
            id: tr.getAttribute('data-slo-id') ?? '',
            state: tr.getAttribute('data-state') ?? '',
            trendState: tr.getAttribute('data-trend') ?? '',
            statusText: ((el(t.status) as HTMLElement | null)?.innerText ?? '').trim(),
            remaining: num(t.remaining),
            basis: attr(t.budgetLeft, 'data-basis'),
            windowRemaining: num(t.budgetLeft, 'data-window-remaining'),
            forecast: num(t.budgetLeft, 'data-forecast'),
            sli: num(t.sli),
            burnRate: num(t.burnRate),
            exhaustion: ((el(t.exhaustion) as HTMLElement | null)?.innerText ?? '').trim(),
            policy: ((el(t.policy) as HTMLElement | null)?.innerText ?? '').trim(),
            diagnostics: [...tr.querySelectorAll(`[data-testid="${t.diagnostic}"]`)].map(
              (d) => d.getAttribute('data-kind') ?? ''
            ),
            trendPoints: el(t.trend) ? Number(attr(t.trend, 'data-points')) : null,
            href: el(t.link)?.getAttribute('href') ?? '',
            text: (tr as HTMLElement).innerText,
          };
        }),
      {
        remaining: ids.remaining,
        budgetLeft: ids.budgetLeft,
        sli: ids.sli,
        burnRate: ids.burnRate,
        exhaustion: ids.exhaustion,
        policy: ids.policy,
        status: ids.status,
        diagnostic: ids.diagnostic,
        trend: ids.trend,
        link: ids.link,
      }
    );
  }

  async rowIds(): Promise<string[]> {
    return (await this.rows()).map((r) => r.id);
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId(ids.search).fill(text);
  }

  async searchText(): Promise<string> {
    return this.page.getByTestId(ids.search).inputValue();
  }

  /** Clicks a status chip (the status filter). */
  async toggleStatus(status: string): Promise<void> {
    await this.page.locator(`[data-testid="${ids.statusFilter}"][data-status="${status}"]`).click();
  }

  /** Status chips: which are pressed, and the count each shows. */
  async statusChips(): Promise<Array<{ status: string; pressed: boolean; text: string }>> {
    return this.page.getByTestId(ids.statusFilter).evaluateAll((bs) =>
      bs.map((b) => ({
        status: b.getAttribute('data-status') ?? '',
        pressed: b.getAttribute('aria-pressed') === 'true',
        text: (b as HTMLElement).innerText.trim(),
      }))
    );
  }

  /** Picks a sort by its label in the sort combobox ("Budget left (lowest first)"): type it, then Enter. */
  async sortBy(label: string): Promise<void> {
    const input = this.page.getByTestId(ids.sort).locator('input');
    await input.click();
    await input.fill(label);
    await input.press('Enter');
  }

  /** The sort as the combobox shows it (its input's value). */
  async sortText(): Promise<string> {
    return (await this.page.getByTestId(ids.sort).locator('input').inputValue()).trim();
  }

  /**
   * Picks values in a multi-value filter (service, label, window kind, policy level): types each, then clicks the
   * option that shows it (the MultiCombobox highlights none by itself; a typed label is offered as a custom value).
   */
  async filterBy(
    which: 'serviceFilter' | 'labelFilter' | 'windowFilter' | 'policyFilter',
    values: string[]
  ): Promise<void> {
    const input = this.page.getByTestId(ids[which]).locator('input');
    for (const v of values) {
      await input.click();
      await input.fill(v);
      await this.page.getByRole('option').filter({ hasText: v }).first().click();
    }
    await input.press('Escape');
  }

  /** Turns "Group by service" on or off (the switch's checkbox is visually hidden, as in Grafana). */
  async groupByService(on: boolean): Promise<void> {
    const box = this.page.getByTestId(ids.groupByService);
    if ((await box.isChecked()) !== on) {
      await box.evaluate((el) => (el as HTMLInputElement).click());
    }
  }

  /** Service sections when grouped by service. */
  async serviceSections(): Promise<
    Array<{ service: string; count: number; status: string; rowIds: string[]; text: string }>
  > {
    return this.page.getByTestId(ids.serviceSection).evaluateAll(
      (secs, rowId) =>
        secs.map((s) => ({
          service: s.getAttribute('data-service') ?? '',
          count: Number(s.getAttribute('data-count')),
          status: s.getAttribute('data-status') ?? '',
          rowIds: [...s.querySelectorAll(`[data-testid="${rowId}"]`)].map((r) => r.getAttribute('data-slo-id') ?? ''),
          text: ((s.querySelector('button') as HTMLElement | null)?.innerText ?? '').trim(),
        })),
      ids.row
    );
  }

  async toggleService(service: string): Promise<void> {
    await this.page
      .locator(`[data-testid="${ids.serviceSection}"][data-service="${service}"] [data-testid="${ids.serviceToggle}"]`)
      .click();
  }

  /** A grouped SLO's expand control. */
  groupsToggle(id: string): Locator {
    return this.page.locator(`[data-testid="${ids.row}"][data-slo-id="${id}"] [data-testid="${ids.groupsToggle}"]`);
  }

  /** The group rows shown under an SLO: group name, status, budget left. */
  async groupRows(id: string): Promise<Array<{ group: string; status: string; remaining: number | null }>> {
    return this.page.locator(`[data-testid="${ids.groupRow}"][data-slo-id="${id}"]`).evaluateAll(
      (trs, t) =>
        trs.map((tr) => {
          const v = tr.querySelector(`[data-testid="${t.remaining}"]`)?.getAttribute('data-value') ?? '';
          return {
            group: tr.getAttribute('data-group') ?? '',
            status: tr.querySelector(`[data-testid="${t.status}"]`)?.getAttribute('data-status') ?? '',
            remaining: v === '' ? null : Number(v),
          };
        }),
      { remaining: ids.remaining, status: ids.status }
    );
  }

  /** The app's own URL parameters (the host's, like now and slos, left out). */
  appParams(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    new URL(this.page.url()).searchParams.forEach((v, k) => {
      if (['search', 'service', 'label', 'window', 'status', 'policy', 'sort', 'group'].includes(k)) {
        out[k] = [...(out[k] ?? []), v];
      }
    });
    return out;
  }

  async invalidHidden(): Promise<boolean> {
    return (await this.page.getByTestId(ids.invalidHidden).count()) > 0;
  }

  /** Invalid SLOs as listed: their position in jsonData.slos and the text shown (name and errors). */
  async invalidSlos(): Promise<Array<{ index: number; text: string }>> {
    return this.page
      .getByTestId(ids.invalid)
      .evaluateAll((lis) =>
        lis.map((li) => ({ index: Number(li.getAttribute('data-index')), text: (li as HTMLElement).innerText }))
      );
  }

  /** Computed background colours: the page (Grafana's canvas) and the SLO table (the primary background). */
  async backgrounds(): Promise<{ page: string; table: string; body: string }> {
    return this.page.evaluate((t) => {
      const bg = (el: Element | null) => (el ? getComputedStyle(el).backgroundColor : '');
      return {
        page: bg(document.querySelector(`[data-testid="${t.page}"]`)),
        table: bg(document.querySelector('table[aria-label="SLOs"]')),
        body: bg(document.body),
      };
    }, hostAppTestIds);
  }

  /** The theme's colours as the browser computes them (window.__burndownHost__.theme). */
  async themeBackgrounds(): Promise<{ canvas: string; primary: string }> {
    return this.page.evaluate(() => {
      const theme = window.__burndownHost__!.theme;
      const probe = document.createElement('div');
      document.body.appendChild(probe);
      const rgb = (c: string) => {
        probe.style.backgroundColor = c;
        return getComputedStyle(probe).backgroundColor;
      };
      const out = { canvas: rgb(theme.colors.background.canvas), primary: rgb(theme.colors.background.primary) };
      probe.remove();
      return out;
    });
  }

  /** Requests the page made to the faked Grafana API (window.__burndownRequests__). */
  async grafanaRequests(): Promise<Array<{ method: string; url: string; status: number }>> {
    return this.page.evaluate(() => window.__burndownRequests__ ?? []);
  }
}
