import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const screenshotsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

/** Without the networking flags Chromium tries to reach the internet from these machines. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  browser: Browser;
  /**
   * Every Content-Security-Policy violation any page reported so far (the server enforces the
   * policy; useKeito fails a test that caused one), as "directive: blocked URI".
   */
  cspViolations: string[];
  /** A fresh context (its own cookies) on the server, at desktop or phone size. */
  newPage(options?: { phone?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * The system Chromium, headless. Playwright's launch() gives every browser a fresh temporary
 * --user-data-dir of its own (it refuses one passed in args) and removes it on close.
 */
export async function launchBrowser(baseURL: string): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const cspViolations: string[] = [];
  return {
    browser,
    cspViolations,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL,
        viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
        isMobile: options.phone === true,
        hasTouch: options.phone === true,
        locale: 'en-GB',
        timezoneId: 'Europe/London',
      });
      context.setDefaultTimeout(15_000);
      await context.exposeBinding('keitoReportCspViolation', (_source, violation: string) => {
        cspViolations.push(violation);
      });
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = (window as unknown as { keitoReportCspViolation(v: string): void })
            .keitoReportCspViolation;
          report(
            `${event.effectiveDirective}: ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
          );
        });
      });
      const page = await context.newPage();
      // Chromium also logs what it refused, including what happens before the listener exists.
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
          cspViolations.push(message.text());
        }
      });
      return { context, page };
    },
    async close() {
      await browser.close();
    },
  };
}

/** Saves a screenshot of a main screen to e2e/screenshots/<name>.png (git-ignored), for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  // A full-page capture of a scrolled page draws the fixed header over the middle of it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
}
