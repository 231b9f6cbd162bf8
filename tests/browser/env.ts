// What the browser test files use: the state globalSetup wrote, a loud skip when it could not start, and one
// Chromium connection per test file with a fresh context (UTC, en-US) per page.

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { hostPageUrl, type HostParams } from './host/params';
import { readBrowserState, type BrowserState } from './state';

let warned = false;

/** Files Grafana's server has but its npm packages do not ship: the Inter fonts and the spinner icon. */
const KNOWN_MISSING = /^\/public\/(fonts\/|build\/img\/icons\/unicons\/spinner\.svg$)/;

function state(): BrowserState {
  const s = readBrowserState();
  if (!s) {
    throw new Error(
      'browser test state not found: run with -c tests/browser/jest.config.js (globalSetup starts everything)'
    );
  }
  return s;
}

/** describe() when the browser and Prometheus run; otherwise describe.skip() with the reason, loudly. */
export function describeInBrowser(title: string, fn: () => void): void {
  const s = state();
  if (s.skipped) {
    const reason = s.reason ?? 'browser or backends unavailable';
    if (!warned) {
      warned = true;
      process.stderr.write(`\n!!! SKIPPING browser tests: ${reason}\n\n`);
    }
    describe.skip(`${title} [SKIPPED: ${reason}]`, fn);
    return;
  }
  describe(title, fn);
}

export interface HostPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and console errors, for failure messages. */
  problems: string[];
}

/**
 * Host parameters, and `path`: where the page opens ("/" mounts the panel, "/a/burndown-slo-app/..." the app,
 * "/plugins/burndown-slo-app" its config page), with the app's own query if any ("...?tab=episodes").
 */
export type HostRequest = Partial<HostParams> & { now?: string; path?: string };

/** Connects to the shared Chromium (once per file) and opens host pages in fresh contexts. */
export class HostBrowser {
  private browser?: Browser;
  private contexts: BrowserContext[] = [];

  get hostUrl(): string {
    return state().hostUrl!;
  }

  async open(params: HostRequest): Promise<HostPage> {
    if (!this.browser) {
      this.browser = await chromium.connect(state().wsEndpoint!);
    }
    const { path = '/', ...hostParams } = params;
    const app = path !== '/';
    // The panel's page is as large as the panel; an app page gets a desktop window.
    const width = app ? 1280 : (params.width ?? 520) + 16;
    const height = app ? 900 : (params.height ?? 320) + 16;
    const context = await this.browser.newContext({
      viewport: { width: Math.max(width, 200), height: Math.max(height, 150) },
      deviceScaleFactor: 1,
      timezoneId: 'UTC',
      locale: 'en-US',
      colorScheme: params.theme === 'light' ? 'light' : 'dark',
    });
    this.contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && !KNOWN_MISSING.test(new URL(r.url()).pathname)) {
        problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
      }
    });
    page.on('console', (m) => {
      // Failed loads are listed with their URL by the response handler above.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        problems.push(`console.error: ${m.text()}`);
      }
    });
    await page.goto(hostPageUrl(this.hostUrl, path, hostParams));
    return { page, context, problems };
  }

  async close(): Promise<void> {
    for (const c of this.contexts) {
      await c.close().catch(() => undefined);
    }
    this.contexts = [];
    await this.browser?.close().catch(() => undefined);
    this.browser = undefined;
  }
}
