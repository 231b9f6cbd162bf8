// Page object of the app's SLO editor (/slos/new, /slos/<id>/edit) on the test host: fields by their accessible
// labels (the names the plugin-e2e specs use too), everything else through the pages' test ids (src/shared/testIds.ts).

import type { Locator, Page } from 'playwright-core';

import { pageTestIds } from '../../../src/shared/testIds';
import { waitForPageState } from './settle';

const ids = pageTestIds.editor;
const SETTLE_MS = 90_000;

export class EditorPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId(ids.root);
  }

  /** Waits until the settings are loaded and the form shows (or the SLO is not found, or loading failed). */
  async settled(): Promise<this> {
    await waitForPageState(this.page, ids.root, ['ready', 'not-found', 'error'], SETTLE_MS);
    return this;
  }

  async state(): Promise<string> {
    return (await this.root.getAttribute('data-state')) ?? '';
  }

  async readOnly(): Promise<string> {
    return (await this.root.getAttribute('data-read-only')) ?? '';
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async fill(label: string, value: string): Promise<void> {
    await this.field(label).fill(value);
  }

  /** A PromQL field's code editor (Monaco): its box, found by the field's label. */
  queryEditor(label: string): Locator {
    return this.page.getByTestId(ids.promqlEditor).filter({ has: this.field(label) });
  }

  /**
   * Replaces a PromQL field's text as a user would: focus the editor (Monaco's input carries the field's label),
   * select all, type the new text in one input event. Throws unless the editor then shows exactly that text.
   */
  async fillQuery(label: string, value: string): Promise<void> {
    await this.field(label).focus({ timeout: SETTLE_MS });
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    if (value !== '') {
      await this.page.keyboard.insertText(value);
    }
    await this.expectQueryText(label, value);
  }

  /** Types into a PromQL field at its cursor, key by key. */
  async typeQuery(label: string, text: string): Promise<void> {
    await this.field(label).focus({ timeout: SETTLE_MS });
    await this.page.keyboard.type(text);
  }

  /** The text a PromQL field's editor shows (its rendered lines; spaces as typed). */
  async queryText(label: string): Promise<string> {
    return this.queryEditor(label)
      .locator('.view-lines')
      .evaluate((el) =>
        [...el.querySelectorAll('.view-line')]
          .sort((a, b) => parseFloat((a as HTMLElement).style.top) - parseFloat((b as HTMLElement).style.top))
          .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
          .join('\n')
      );
  }

  async expectQueryText(label: string, value: string): Promise<void> {
    let shown = '';
    for (let waited = 0; waited < 10_000; waited += 100) {
      shown = await this.queryText(label);
      if (shown === value) {
        return;
      }
      await this.page.waitForTimeout(100);
    }
    throw new Error(`the "${label}" editor shows ${JSON.stringify(shown)}, not ${JSON.stringify(value)}`);
  }

  /**
   * The error squiggles Monaco draws in a PromQL field, as 1-based line, column and length in characters: read from
   * the pixels of the drawn decorations over the monospace text's character width and line height.
   */
  async squiggles(label: string): Promise<Array<{ line: number; column: number; length: number }>> {
    return this.queryEditor(label).evaluate((root) => {
      const line = root.querySelector('.view-line') as HTMLElement | null;
      const text = line?.textContent ?? '';
      const charWidth = line && text.length > 0 ? (line.firstElementChild as HTMLElement).offsetWidth / text.length : 1;
      const lineHeight = line ? line.offsetHeight : 1;
      return [...root.querySelectorAll('.squiggly-error')].map((el) => {
        const box = el as HTMLElement;
        const top = (box.parentElement as HTMLElement).offsetTop;
        return {
          line: Math.round(top / lineHeight) + 1,
          column: Math.round(box.offsetLeft / charWidth) + 1,
          length: Math.round(box.offsetWidth / charWidth),
        };
      });
    });
  }

  /** The coloured runs of a PromQL field's first line, as Monaco's tokenizer and theme drew them. */
  async tokenColours(label: string): Promise<Array<{ text: string; colour: string }>> {
    return this.queryEditor(label)
      .locator('.view-line span span')
      .evaluateAll((spans) => spans.map((s) => ({ text: s.textContent ?? '', colour: getComputedStyle(s).color })));
  }

  async choose(option: string): Promise<void> {
    await this.page.getByRole('radio', { name: option, exact: true }).check({ force: true });
  }

  /** Validation errors next to their fields: the field's document path and the text. */
  async errors(): Promise<Array<{ path: string; text: string }>> {
    return this.page
      .getByTestId(ids.fieldError)
      .evaluateAll((els) =>
        els.map((el) => ({ path: el.getAttribute('data-path') ?? '', text: (el as HTMLElement).innerText }))
      );
  }

  async promqlMarks(): Promise<Array<{ path: string; line: number; column: number; text: string }>> {
    return this.page.getByTestId(ids.promqlMark).evaluateAll((els) =>
      els.map((el) => ({
        path: el.getAttribute('data-path') ?? '',
        line: Number(el.getAttribute('data-line')),
        column: Number(el.getAttribute('data-column')),
        text: (el as HTMLElement).innerText,
      }))
    );
  }

  /** Waits for the preview of the current draft (done or failed). */
  async previewSettled(): Promise<this> {
    await waitForPageState(this.page, ids.preview, ['done', 'error'], SETTLE_MS);
    return this;
  }

  async previewState(): Promise<string> {
    return (await this.page.getByTestId(ids.preview).getAttribute('data-state')) ?? '';
  }

  /** A preview figure: the raw fraction, null when there is no data; and its text. */
  async previewFigure(which: 'previewBudgetLeft' | 'previewSli'): Promise<{ value: number | null; text: string }> {
    const el = this.page.getByTestId(ids[which]);
    const v = await el.getAttribute('data-value');
    return { value: v === null || v === '' ? null : Number(v), text: await el.innerText() };
  }

  async previewDiagnostics(): Promise<Array<{ kind: string; text: string }>> {
    return this.page
      .getByTestId(ids.previewDiagnostic)
      .evaluateAll((els) =>
        els.map((el) => ({ kind: el.getAttribute('data-kind') ?? '', text: (el as HTMLElement).innerText }))
      );
  }

  async previewChartPoints(): Promise<number> {
    const chart = this.page.getByTestId(ids.preview).getByTestId(pageTestIds.detail.chart);
    return Number(await chart.getAttribute('data-points'));
  }

  saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save SLO' });
  }

  async save(): Promise<void> {
    await this.saveButton().click();
  }

  /** Waits for the answer of a refused or failed save. */
  async saveError(): Promise<{ kind: string; text: string }> {
    const el = this.page.getByTestId(ids.saveError);
    await el.waitFor({ timeout: SETTLE_MS });
    return { kind: (await el.getAttribute('data-kind')) ?? '', text: await el.innerText() };
  }

  /** The fields listed under a conflict (someone else's changes) or after re-apply (changed by both). */
  async theirChanges(): Promise<Array<{ field: string; both: boolean; text: string }>> {
    return this.page.getByTestId(ids.theirChange).evaluateAll((els) =>
      els.map((el) => ({
        field: el.getAttribute('data-field') ?? '',
        both: el.getAttribute('data-both') === 'true',
        text: (el as HTMLElement).innerText,
      }))
    );
  }

  async reloadAndReapply(): Promise<void> {
    await this.page.getByRole('button', { name: 'Reload and re-apply' }).click();
    await this.page.getByTestId(ids.reapplied).waitFor({ timeout: SETTLE_MS });
  }
}
