// Page object of the budget panel on the test host: reads what a user sees through the panel's test ids
// (src/panels/budget/testIds.ts), never through CSS classes.

import type { Locator, Page } from 'playwright-core';

import { testIds } from '../../../src/shared/testIds';
import { hostTestIds } from '../host/params';

export interface SeriesPoint {
  /** Epoch ms. */
  time: number;
  /** Raw remaining fraction (1 = 100%). */
  value: number;
}

export type PanelState = 'loading' | 'error' | 'noData' | 'ready';

const SETTLE_MS = 60_000;

export class BudgetPanelPage {
  constructor(readonly page: Page) {}

  byId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  get panel(): Locator {
    return this.byId(testIds.panel);
  }

  /** Waits until the host ran its queries and the panel shows a result: figures, "No data" or an error. */
  async settled(): Promise<this> {
    const hostError = this.byId(hostTestIds.error);
    const failed = async () => {
      if ((await hostError.count()) > 0) {
        throw new Error(`the test host failed: ${await hostError.first().innerText()}`);
      }
    };
    await this.page.locator('[data-host-state="done"]').or(hostError).first().waitFor({ timeout: SETTLE_MS });
    await failed();
    await this.byId(testIds.remaining)
      .or(this.byId(testIds.noData))
      .or(this.byId(testIds.error))
      .or(hostError)
      .first()
      .waitFor({ timeout: SETTLE_MS });
    await failed();
    await this.byId(testIds.loading).first().waitFor({ state: 'detached', timeout: SETTLE_MS });
    return this;
  }

  async state(): Promise<PanelState> {
    if ((await this.byId(testIds.loading).count()) > 0) {
      return 'loading';
    }
    if ((await this.byId(testIds.error).count()) > 0) {
      return 'error';
    }
    if ((await this.byId(testIds.noData).count()) > 0) {
      return 'noData';
    }
    return 'ready';
  }

  /**
   * The remaining budget as a raw fraction (data-value; null when empty), the element's text (a view may put a
   * title in it) and the percentage shown in it ("" when none).
   */
  async remaining(): Promise<{ value: number | null; text: string; percent: string }> {
    const el = this.byId(testIds.remaining).first();
    const raw = await el.getAttribute('data-value');
    const value = raw === null || raw === '' ? null : Number(raw);
    if (value !== null && !Number.isFinite(value)) {
      throw new Error(`data-value of ${testIds.remaining} is not a number: ${raw}`);
    }
    const text = (await el.innerText()).trim();
    const percents = text.match(/[-\u2212]?\d+(?:\.\d+)?\s?%/g) ?? [];
    return { value, text, percent: percents[percents.length - 1] ?? '' };
  }

  /** The computed CSS colour of the text that shows the remaining percentage, e.g. "rgb(115, 191, 105)". */
  async remainingColor(): Promise<string> {
    return this.byId(testIds.remaining)
      .first()
      .evaluate((root) => {
        // The innermost element whose own text holds the percentage (views wrap it with a title).
        const all = [root, ...Array.from(root.querySelectorAll('*'))];
        const own = (e: Element) =>
          Array.from(e.childNodes)
            .filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => n.textContent ?? '')
            .join('');
        const holder = all.filter((e) => /\d\s?%/.test(own(e))).pop() ?? root;
        return getComputedStyle(holder).color;
      });
  }

  /** The plotted points, from the visually hidden table (first cell RFC3339 time, second the raw fraction). */
  async seriesPoints(): Promise<SeriesPoint[]> {
    const rows = await this.byId(testIds.seriesTable)
      .first()
      .locator('tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td,th')).map((c) => (c.textContent ?? '').trim()))
      );
    const points: SeriesPoint[] = [];
    for (const cells of rows) {
      if (cells.length < 2) {
        continue;
      }
      const time = Date.parse(cells[0]);
      if (!/^\d{4}-\d\d-\d\dT/.test(cells[0]) || !Number.isFinite(time)) {
        continue; // a header row
      }
      points.push({ time, value: cells[1] === '' ? NaN : Number(cells[1]) });
    }
    return points;
  }

  /**
   * The host theme's colours of a hue family, as CSS rgb() strings: the palette's shades of `name` ("green", "red")
   * and the matching status colours (success / error), so a test can tell "the theme's green".
   */
  async themeColours(name: 'green' | 'red'): Promise<string[]> {
    return this.page.evaluate((hue) => {
      const theme = window.__burndownHost__!.theme;
      const status = hue === 'green' ? theme.colors.success : theme.colors.error;
      const named = ['super-light-', 'light-', '', 'semi-dark-', 'dark-'].map((p) =>
        theme.visualization.getColorByName(`${p}${hue}`)
      );
      const probe = document.createElement('span');
      document.body.appendChild(probe);
      const rgb = [...named, status.main, status.text, status.shade].map((c) => {
        probe.style.color = c;
        return getComputedStyle(probe).color;
      });
      probe.remove();
      return rgb;
    }, name);
  }

  async errorText(): Promise<string> {
    return (await this.byId(testIds.error).first().innerText()).trim();
  }

  async text(): Promise<string> {
    return (await this.panel.first().innerText()).trim();
  }

  /** Requests the page made to the faked Grafana API (window.__burndownRequests__). */
  async grafanaRequests(): Promise<Array<{ method: string; url: string; status: number }>> {
    return this.page.evaluate(() => window.__burndownRequests__ ?? []);
  }

  async screenshot(file: string): Promise<void> {
    await this.page.getByTestId(hostTestIds.root).screenshot({ path: file, animations: 'disabled' });
  }
}
