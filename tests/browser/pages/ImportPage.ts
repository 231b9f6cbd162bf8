// Page objects of the app's Import page and of the export control (overview and detail page) on the test host: read
// what a user sees through the pages' test ids (src/shared/testIds.ts), never through CSS classes.
import type { Download, Locator, Page } from 'playwright-core';

import { pageTestIds } from '../../../src/shared/testIds';
import { waitForPageState } from './settle';

const ids = pageTestIds.import;
const exportIds = pageTestIds.export;
const SETTLE_MS = 60_000;

export interface ImportNoteSeen {
  kind: string;
  file: string;
  line: number;
  column: number;
  path: string;
  text: string;
}

export interface ImportRowSeen {
  id: string;
  selected: boolean;
  conflict: boolean;
  /** The id it will be saved under; '' when it is not saved. */
  savedId: string;
  problem: string;
  notes: ImportNoteSeen[];
  text: string;
}

export class ImportPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId(ids.root);
  }

  /** Waits until the settings are read (or the page failed). */
  async settled(): Promise<this> {
    await waitForPageState(this.page, ids.root, ['ready', 'saved', 'error'], SETTLE_MS);
    return this;
  }

  async readOnly(): Promise<boolean> {
    return (await this.root.getAttribute('data-read-only')) === 'true';
  }

  async paste(text: string): Promise<void> {
    await this.page.getByTestId(ids.paste).fill(text);
  }

  /** Uploads files through the dropzone's file input. */
  async upload(paths: string[]): Promise<void> {
    await this.page.getByTestId(ids.upload).locator('input[type="file"]').setInputFiles(paths);
    await this.page.locator(`[data-testid="${ids.file}"]`).first().waitFor({ timeout: 10_000 });
  }

  async uploadedFiles(): Promise<string[]> {
    return this.page.getByTestId(ids.file).evaluateAll((els) => els.map((e) => e.getAttribute('data-file') ?? ''));
  }

  async summary(): Promise<Record<string, number>> {
    const el = this.page.getByTestId(ids.summary);
    const out: Record<string, number> = {};
    for (const k of ['to-save', 'conflicts', 'refused', 'notes', 'blocked']) {
      out[k] = Number(await el.getAttribute(`data-${k}`));
    }
    return out;
  }

  /** The preview: one row per imported SLO, and the refused objects (the SLO id they would have had, or ''). */
  async preview(): Promise<{ rows: ImportRowSeen[]; refused: Array<{ sloId: string; notes: ImportNoteSeen[] }> }> {
    return this.root.evaluate((root, t) => {
      const notes = (el: Element) =>
        [...el.querySelectorAll(`[data-testid="${t.note}"]`)].map((n) => ({
          kind: n.getAttribute('data-kind') ?? '',
          file: n.getAttribute('data-file') ?? '',
          line: Number(n.getAttribute('data-line')),
          column: Number(n.getAttribute('data-column')),
          path: n.getAttribute('data-path') ?? '',
          text: (n as HTMLElement).innerText.trim(),
        }));
      const all = (id: string) => [...root.querySelectorAll(`[data-testid="${id}"]`)];
      return {
        rows: all(t.row).map((tr) => ({
          id: tr.getAttribute('data-slo-id') ?? '',
          selected: tr.getAttribute('data-selected') === 'true',
          conflict: tr.getAttribute('data-conflict') === 'true',
          savedId: tr.getAttribute('data-saved-id') ?? '',
          problem: ((tr.querySelector(`[data-testid="${t.problem}"]`) as HTMLElement | null)?.innerText ?? '').trim(),
          notes: notes(tr),
          text: (tr as HTMLElement).innerText,
        })),
        refused: all(t.refused).map((tr) => ({ sloId: tr.getAttribute('data-slo-id') ?? '', notes: notes(tr) })),
      };
    }, ids);
  }

  async row(id: string): Promise<ImportRowSeen> {
    const row = (await this.preview()).rows.find((r) => r.id === id);
    if (!row) {
      throw new Error(`no import row ${id}`);
    }
    return row;
  }

  private rowLocator(id: string): Locator {
    return this.page.locator(`[data-testid="${ids.row}"][data-slo-id="${id}"]`);
  }

  async select(id: string, on: boolean): Promise<void> {
    const box = this.rowLocator(id).getByRole('checkbox');
    if ((await box.isChecked()) !== on) {
      await box.click({ force: true });
    }
  }

  /** A conflict's choice: "Rename" or "Skip". */
  async resolve(id: string, how: 'Rename' | 'Skip'): Promise<void> {
    await this.rowLocator(id).getByTestId(ids.resolution).getByRole('radio', { name: how }).check({ force: true });
  }

  renameInput(id: string): Locator {
    return this.rowLocator(id).getByTestId(ids.rename);
  }

  async rename(id: string, to: string): Promise<void> {
    await this.renameInput(id).fill(to);
  }

  importButton(): Locator {
    return this.page.getByTestId(ids.importButton);
  }

  /** Clicks Import and waits for the save to end. */
  async importChosen(): Promise<void> {
    await this.importButton().click();
    await waitForPageState(this.page, ids.root, ['saved', 'error'], SETTLE_MS);
  }

  async savedIds(): Promise<string[]> {
    const v = (await this.page.getByTestId(ids.saved).getAttribute('data-ids')) ?? '';
    return v === '' ? [] : v.split(',');
  }

  async overviewHref(): Promise<string> {
    return (await this.page.getByTestId(ids.overviewLink).getAttribute('href')) ?? '';
  }

  async error(): Promise<string> {
    const el = this.page.getByTestId(ids.error);
    return (await el.count()) > 0 ? (await el.innerText()).trim() : '';
  }

  async yaml(): Promise<string> {
    return this.page.getByTestId(ids.yaml).innerText();
  }

  copyYamlButton(): Locator {
    return this.page.getByTestId(ids.copyYaml);
  }
}

/** The export control of the overview (after `open()`) or of the detail page's Definition tab. */
export class ExportControl {
  constructor(readonly page: Page) {}

  /** The overview's "Export" toggle; waits for the stored SLOs to be read. */
  async open(): Promise<this> {
    await this.page.getByTestId(exportIds.open).click();
    await this.page.getByTestId(exportIds.root).waitFor({ timeout: 30_000 });
    return this;
  }

  /** The detail page's control (always open). */
  async ready(): Promise<this> {
    await this.page.getByTestId(exportIds.root).waitFor({ timeout: 30_000 });
    return this;
  }

  async chooseScope(label: RegExp): Promise<void> {
    await this.page.getByTestId(exportIds.scope).getByRole('radio', { name: label }).check({ force: true });
  }

  async chooseTarget(label: 'Burndown YAML' | 'OpenSLO'): Promise<void> {
    await this.page.getByTestId(exportIds.target).getByRole('radio', { name: label }).check({ force: true });
  }

  async count(): Promise<number> {
    return Number(await this.page.getByTestId(exportIds.root).getAttribute('data-count'));
  }

  async notes(): Promise<Array<{ sloId: string; path: string; text: string }>> {
    return this.page.getByTestId(exportIds.note).evaluateAll((els) =>
      els.map((e) => ({
        sloId: e.getAttribute('data-slo-id') ?? '',
        path: e.getAttribute('data-path') ?? '',
        text: (e as HTMLElement).innerText.trim(),
      }))
    );
  }

  async download(): Promise<{ name: string; text: string }> {
    const [download] = (await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(exportIds.download).click(),
    ])) as [Download, void];
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) {
      chunks.push(c as Buffer);
    }
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}
