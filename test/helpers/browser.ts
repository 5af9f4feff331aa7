// Drives Debian's Chromium with playwright-core (no browser download: the machine's own
// Chromium is used). Pages collect console errors and failed requests so a test can assert the
// app ran cleanly, and screenshots go to test-results/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from './studio.js';

/** The Chromium binary (override with CICLO_CHROMIUM). */
export const CHROMIUM_PATH = process.env.CICLO_CHROMIUM ?? '/usr/bin/chromium';

/** Where screenshots are written. */
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium. */
export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true });
  } catch (error) {
    throw new Error(`Chromium could not start from ${CHROMIUM_PATH} (Debian: apt-get install chromium). ${String(error)}`);
  }
}

/** A page plus what went wrong in it. */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

/** Opens a fresh context (own storage) and page. `locale` is the browser's language (navigator.language). */
export async function openPage(browser: Browser, options: { locale?: string; width?: number; height?: number } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // The browser logs every non-2xx response; API refusals are expected answers (the app shows
    // them in place), other failed responses are caught below with their URL.
    if (message.text().startsWith('Failed to load resource')) return;
    errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && !url.pathname.startsWith('/api/')) errors.push(`http ${response.status()}: ${url.pathname}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return { context, page, errors };
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  const fullPage = options.fullPage ?? true;
  // A full-page capture taken while scrolled draws sticky bars in the middle of the page.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage });
  return path;
}
