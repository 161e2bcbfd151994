// Builds the web console into dist/console, served by the API at /app (src/web-console/web-console.ts).
// `npm run build` runs it after `nest build` (which empties dist/). For a live-reloading dev server
// against an API on :3000: `npx vite --config console/vite.config.mts` (then open :5173/app/).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/users/demo-accounts';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(root, '../dist/console');

/** The limit for everything the console loads, gzipped; the build fails above it. */
const BUDGET_GZIP_BYTES = 150 * 1024;

/**
 * The demo accounts the sign-in page lists (one click each), fixed now, at build time, from the
 * seeder's own list: `CONSOLE_DEMO_ACCOUNTS` unset or `true` lists them (`npm run build`, hence
 * `npm start`), `false` leaves them and the password out of the bundle (the Docker image's default).
 * Not from GET /api/_meta, whose shape API.md fixes.
 */
function demoAccounts() {
  const setting = process.env.CONSOLE_DEMO_ACCOUNTS ?? 'true';
  if (setting !== 'true' && setting !== 'false') {
    throw new Error(`CONSOLE_DEMO_ACCOUNTS must be "true" or "false", not ${JSON.stringify(setting)}`);
  }
  if (setting === 'false') return null;
  return { password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS.map(({ email, name, role }) => ({ email, name, role })) };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * Writes .gz and .br next to each text file (@fastify/static serves them to browsers that accept
 * them: preCompressed), prints the gzipped total and fails the build over the budget.
 */
function compressAndCheckBudget(): Plugin {
  let builtTo = outDir; // unless `vite build --outDir` says otherwise
  return {
    name: 'helpdesk-compress-and-budget',
    apply: 'build',
    configResolved(config) {
      builtTo = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      let raw = 0;
      let gzipped = 0;
      for (const file of files(builtTo)) {
        if (!/\.(js|css|html|svg|json)$/.test(file)) continue;
        const content = readFileSync(file);
        const gz = gzipSync(content, { level: 9 });
        writeFileSync(`${file}.gz`, gz);
        writeFileSync(`${file}.br`, brotliCompressSync(content));
        raw += content.length;
        gzipped += gz.length;
      }
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
      this.info(`console bundle: ${kb(raw)} raw, ${kb(gzipped)} gzip (budget ${kb(BUDGET_GZIP_BYTES)})`);
      if (gzipped > BUDGET_GZIP_BYTES) this.error(`console bundle is ${kb(gzipped)} gzip, over the budget`);
    },
  };
}

export default defineConfig({
  root,
  base: '/app/',
  // Preact through the automatic JSX runtime, compiled by Vite's own transformer (oxc): no babel.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [compressAndCheckBudget()],
  // The typed client from its source, as console/tsconfig.json's `paths` says (no install step for it).
  resolve: { alias: { '@helpdesk/client': join(root, '../clients/typescript/src/index.ts') } },
  // Replaced in the bundle by its value: with `null`, the minifier drops the list's markup as well.
  define: { __DEMO_ACCOUNTS__: JSON.stringify(demoAccounts()) },
  build: {
    outDir,
    emptyOutDir: true,
    // Two small files (one script, one stylesheet) and no inline code: the strict CSP of /app holds.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/ws': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
