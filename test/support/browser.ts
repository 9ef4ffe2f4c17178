import { existsSync, mkdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, webDist } from '../../src/cli/web-build';
import { startMonitoring } from '../../src/modules/monitoring/runner';
import { buildApp } from '../../src/platform/http/app';
import { version } from '../../src/platform/version';
import { TEST_PASSWORD } from './constants';
import { testConfig } from './test-app';
import { openTestDatabase } from './test-database';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browserFound = existsSync(executablePath);

export interface BrowserApp {
  browser: Browser;
  /** http://127.0.0.1:port of a server on a private copy of the demo database. */
  baseUrl: string;
}

async function startBrowserApp(): Promise<BrowserApp & { close(): Promise<void> }> {
  await ensureWebBuild();
  const database = await openTestDatabase();
  const config = testConfig();
  const app = await buildApp({ database, config, version }, { logger: false, webDist });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // As the server does: events are judged as they commit.
  const stopMonitoring = await startMonitoring(database, { info: () => undefined, warn: () => undefined, error: (...args: unknown[]) => console.error(...args) });
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  return {
    browser,
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async close() {
      await browser.close();
      await stopMonitoring();
      await app.close();
      await database.close();
      rmSync(config.attachmentsDir, { recursive: true, force: true });
    },
  };
}

/**
 * A browser suite against the built web app and a fresh server. Skipped without Chromium,
 * unless E2E=required, which turns a missing browser into a failure.
 */
export function describeInBrowser(title: string, body: (app: () => BrowserApp) => void): void {
  describe(`browser: ${title}`, () => {
    it('has a browser to run in (E2E=required makes a missing one a failure)', () => {
      if (process.env.E2E === 'required') expect(browserFound, `no Chromium at ${executablePath}`).toBe(true);
    });

    describe.skipIf(!browserFound)('in Chromium', () => {
      let app: Awaited<ReturnType<typeof startBrowserApp>> | undefined;
      beforeAll(async () => {
        app = await startBrowserApp();
      });
      afterAll(async () => {
        await app?.close();
      });
      body(() => {
        if (!app) throw new Error('the browser app did not start');
        return app;
      });
    });
  });
}

/** Signs in through the login page and waits until it has moved on. */
export async function signIn(page: Page, baseUrl: string, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** A full-page screenshot in .tmp/, to look at after the run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('.tmp', { recursive: true });
  await page.screenshot({ path: `.tmp/${name}.png`, fullPage: true });
}
