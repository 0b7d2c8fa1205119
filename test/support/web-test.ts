import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../scripts/lib/project-paths';
import { axeViolations, launchChromium } from './browser';
import { Stack, StackOptions } from './stack';
import { SwitchableProxy } from './switchable-proxy';

/** Both ways every journey must work: with JavaScript (enhanced) and without (the baseline). */
export const JAVASCRIPT_MODES = [
  { label: 'with JavaScript', javaScript: true },
  { label: 'without JavaScript', javaScript: false },
] as const;

/** A person at a browser: one context (its own cookies) and one page on the web app. */
export class Visitor {
  /** Console errors and uncaught exceptions in the page (a CSP refusal shows up here); checked after each test. */
  readonly browserErrors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly javaScript: boolean,
    readonly baseUrl: string,
  ) {}

  static async open(browser: Browser, baseUrl: string, javaScript = true): Promise<Visitor> {
    const context = await browser.newContext({ javaScriptEnabled: javaScript, baseURL: baseUrl });
    context.setDefaultTimeout(30_000);
    const visitor = new Visitor(context, await context.newPage(), javaScript, baseUrl);
    visitor.page.on('console', (message) => {
      if (message.type() === 'error') visitor.browserErrors.push(message.text());
    });
    visitor.page.on('pageerror', (error) => visitor.browserErrors.push(error.message));
    return visitor;
  }

  /**
   * Fails the test with every WCAG 2.2 A/AA violation on the current page. axe-core runs only where
   * JavaScript is on; the same pages are checked by the JavaScript-on run of each test.
   */
  async expectAccessible(): Promise<void> {
    if (!this.javaScript) return;
    const violations = await axeViolations(this.page);
    expect({ url: this.page.url(), violations }).toEqual({ url: this.page.url(), violations: [] });
  }

  /** A screenshot for the README, written only when UPDATE_SCREENSHOTS=1 (so test runs leave git clean). */
  async screenshot(name: string): Promise<void> {
    if (process.env.UPDATE_SCREENSHOTS !== '1' || !this.javaScript) return;
    const folder = join(PROJECT_ROOT, 'docs/screenshots');
    mkdirSync(folder, { recursive: true });
    await this.page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

type WebStackOptions = Omit<StackOptions, 'web'>;

/**
 * One stack with the web app and one Chromium per test file: `web.stack` and `web.visit()` inside tests.
 * Visitors opened by a test are closed after it. The options may be worked out in beforeAll (a function),
 * e.g. after an identity provider has started.
 */
export function useWebStack(options: WebStackOptions | (() => Promise<WebStackOptions>) = {}): {
  readonly stack: Stack;
  readonly browser: Browser;
  visit(javaScript?: boolean, baseUrl?: string): Promise<Visitor>;
  throughProxy(use: (proxy: SwitchableProxy, webUrl: string) => Promise<void>): Promise<void>;
} {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  const open: Visitor[] = [];
  beforeAll(async () => {
    const startStack = async () =>
      Stack.start({ ...(typeof options === 'function' ? await options() : options), web: true });
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  });
  afterEach(async () => {
    const visitors = open.splice(0);
    await Promise.all(visitors.map((visitor) => visitor.close()));
    // Pages that answer 403, 404 or 503 on purpose log the status as a console error; nothing else may.
    const errors = visitors
      .flatMap((visitor) => visitor.browserErrors)
      .filter((text) => !/status of (403|404|503)/.test(text));
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), stack?.stop()]);
  });
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (useWebStack's beforeAll failed?)`);
    return value;
  };
  return {
    get stack() {
      return need(stack, 'the stack');
    },
    get browser() {
      return need(browser, 'the browser');
    },
    async visit(javaScript = true, baseUrl?: string) {
      const visitor = await Visitor.open(
        need(browser, 'the browser'),
        baseUrl ?? need(stack, 'the stack').webUrl,
        javaScript,
      );
      open.push(visitor);
      return visitor;
    },
    /** Runs `use` against a web app of its own whose API calls pass through a proxy the test can fail. */
    async throughProxy(use: (proxy: SwitchableProxy, webUrl: string) => Promise<void>): Promise<void> {
      const proxy = await SwitchableProxy.start(need(stack, 'the stack').apiBaseUrl);
      try {
        await use(proxy, await need(stack, 'the stack').startWeb({ API_BASE_URL: proxy.url }));
      } finally {
        await proxy.close();
      }
    },
  };
}
