// A real browser for the web console tests: Debian's chromium driven by playwright-core.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/common/paths';
import { DEMO_PASSWORD } from '../../src/users/demo-accounts';
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

function newestFile(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestFile(join(path, name))));
}

/** What the console's build reads: its sources and config, and the demo accounts it embeds. */
const CONSOLE_INPUTS = ['console', 'src/users/demo-accounts.ts', 'src/common/user-role.ts'];

/**
 * The tests serve the built console, as production does: `npm test` builds it first (pretest), and
 * a direct `npx jest test/e2e/console` needs a `npm run build` after any change to it. Never built
 * here: dist/console would be emptied under another jest worker serving it.
 */
export function assertConsoleBuilt(): void {
  const index = join(WEB_CONSOLE_DIR, 'index.html');
  const rebuild = 'run `npm run build` before `npx jest test/e2e/console`';
  if (!existsSync(index)) throw new Error(`${WEB_CONSOLE_DIR} is not built: ${rebuild}`);
  const stale = CONSOLE_INPUTS.filter((input) => newestFile(join(PROJECT_ROOT, input)) > statSync(index).mtimeMs);
  if (stale.length) throw new Error(`${WEB_CONSOLE_DIR} is older than ${stale.join(', ')}: ${rebuild}`);
  const assets = join(WEB_CONSOLE_DIR, 'assets');
  const script = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => readFileSync(join(assets, name), 'utf8'))
    .join('\n');
  if (!script.includes(DEMO_PASSWORD)) {
    throw new Error(
      `${WEB_CONSOLE_DIR} was built with CONSOLE_DEMO_ACCOUNTS=false (no demo accounts to sign in with): ` +
        'run `npm run build` without it before `npx jest test/e2e/console`',
    );
  }
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
  /** Its own context: close it when done (see ConsoleSessions), or its sockets and timers run on. */
  context: BrowserContext;
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
    dialog.dismiss().catch(() => undefined); // the page may be closing: the message is recorded either way
  });
  try {
    await page.goto(`${baseUrl}/app/${hash}`);
  } catch (error) {
    await context.close();
    throw error;
  }
  return { context, page, problems, dialogs };
}

/** The pages a test opened, all closed after it (afterEach) so none keeps working in the background. */
export class ConsoleSessions {
  private readonly open: ConsolePage[] = [];

  async openConsole(browser: Browser, baseUrl: string, hash = ''): Promise<ConsolePage> {
    const session = await openConsole(browser, baseUrl, hash);
    this.open.push(session);
    return session;
  }

  /** Closes every context opened since the last call and returns their sessions, to check. */
  async closeAll(): Promise<ConsolePage[]> {
    const sessions = this.open.splice(0);
    await Promise.all(sessions.map((session) => session.context.close()));
    return sessions;
  }
}

/** Saves a full-page screenshot under test/artifacts/ (not committed) for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `console-${name}.png`), fullPage: true });
}
