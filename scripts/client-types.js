// Generates the API's wire types (clients/typescript/src/schema.d.ts, the typed client's, which the console
// uses too) from openapi.json with openapi-typescript, formatted by prettier so `npm run lint` accepts the
// committed file. `--check` generates into a temporary directory and fails when the committed file differs
// (CI: the client's types, and so the console's, follow the API's document).
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');
const { pathToFileURL } = require('node:url');
const { default: openapiTS, astToString } = require('openapi-typescript');
const prettier = require('prettier');

const root = join(__dirname, '..');
const input = join(root, 'openapi.json');
const output = join(root, 'clients/typescript/src/schema.d.ts');
const shown = (file) => relative(root, file);

const HEADER = `/**
 * The API's wire types, generated from openapi.json by openapi-typescript: do not edit.
 * \`npm run client:types\` regenerates it; src/index.ts exports them, console/src/types.ts names them for the console.
 */

`;

async function generate() {
  const ast = await openapiTS(pathToFileURL(input), { silent: true });
  const source = HEADER + astToString(ast);
  const options = (await prettier.resolveConfig(output)) ?? {};
  return prettier.format(source, { ...options, filepath: output });
}

/** The first line that differs, to say where without a diff tool. */
function firstDifference(a, b) {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) return { line: i + 1, committed: left[i], generated: right[i] };
  }
  return null;
}

async function main() {
  const generated = await generate();
  if (!process.argv.includes('--check')) {
    writeFileSync(output, generated);
    process.stdout.write(`wrote ${shown(output)}\n`);
    return;
  }
  let committed;
  try {
    committed = readFileSync(output, 'utf8');
  } catch {
    process.stderr.write(`${shown(output)} is missing: run \`npm run client:types\` and commit it.\n`);
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'client-types-'));
  const fresh = join(dir, 'schema.d.ts');
  writeFileSync(fresh, generated);
  const difference = firstDifference(committed, generated);
  if (difference) {
    process.stderr.write(
      `${shown(output)} is out of date with openapi.json: run \`npm run client:types\` and commit it.\n` +
        `First difference, line ${difference.line}:\n` +
        `  committed: ${difference.committed ?? '(end of file)'}\n` +
        `  generated: ${difference.generated ?? '(end of file)'}\n` +
        `Generated file, to compare: ${fresh}\n`,
    );
    process.exit(1);
  }
  rmSync(dir, { recursive: true });
  process.stdout.write(`${shown(output)} is up to date with openapi.json\n`);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? String(error)}\n`);
  process.exit(1);
});
