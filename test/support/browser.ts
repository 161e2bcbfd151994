// A real browser for the web console tests: Debian's chromium driven by playwright-core.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Browser, chromium, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/paths';
import { WEB_CONSOLE_DIR } from '../../src/web-console/web-console';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(PROJECT_ROOT, 'test/artifacts');

/** Fails (never skips) when chromium is missing: `.ci/run` installs it (`apt-get install chromium`). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: the console's browser tests need it (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  });
}

function newestFile(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir).map((name) => {
      const path = join(dir, name);
      const stat = statSync(path);
      return stat.isDirectory() ? newestFile(path) : stat.mtimeMs;
    }),
  );
}

/**
 * The tests serve the built console, as production does. `npm test` builds first (pretest); a
 * direct `npx jest test/e2e/console` builds it here when it is missing or older than its sources.
 */
export function ensureConsoleBuilt(): void {
  const index = join(WEB_CONSOLE_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestFile(join(PROJECT_ROOT, 'console'))) return;
  execFileSync(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'console/vite.config.mts'],
    {
      cwd: PROJECT_ROOT,
      stdio: 'pipe',
    },
  );
}

/** Builds the console into `outDir` (not dist/console) with `env` added, as `npm run build` would. */
export async function buildConsole(outDir: string, env: Record<string, string>): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [
      join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'console/vite.config.mts',
      '--outDir',
      outDir,
      '--logLevel',
      'warn',
    ],
    { cwd: PROJECT_ROOT, env: { ...process.env, ...env } },
  );
}

export interface ConsolePage {
  page: Page;
  /** Uncaught exceptions and CSP violations seen by the page. */
  problems: string[];
  /** alert()/confirm() dialogs the page opened (an injected `onerror=alert(1)` would land here). */
  dialogs: string[];
}

/** A fresh browser context (no shared storage) on `/app/` + `hash`. */
export async function openConsole(browser: Browser, baseUrl: string, hash = ''): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${baseUrl}/app/${hash}`);
  return { page, problems, dialogs };
}

/** Saves a full-page screenshot under test/artifacts/ (not committed) for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `console-${name}.png`), fullPage: true });
}
