#!/usr/bin/env node
// The project's Node (`engines` in package.json: 24) on a machine whose `node` is older.
//
//   node scripts/node-lts.js --ensure        prints the bin directory of a Node >= 24 (this one's,
//                                            or .node/bin, fetched once); scripts/use-node.sh uses it
//   node scripts/node-lts.js <node args...>  runs `node <node args...>` on such a Node (npm start,
//                                            npm test), with signals forwarded and its exit code
//
// Fetching: `npm pack node-linux-<arch>@24` (the official binary, published to the npm registry by
// the Node.js release tooling) unpacked into .node/. npm and the registry are all it needs. Plain
// CommonJS with no dependencies, so any old Node runs it. Never reads or writes anything else.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { existsSync, mkdtempSync, readdirSync, rmSync, mkdirSync } = require('node:fs');
const { constants, tmpdir } = require('node:os');
const { dirname, join } = require('node:path');

const MAJOR = 24;
const root = join(__dirname, '..');
const localBin = join(root, '.node', 'bin');

const majorOf = (version) => Number(version.replace(/^v/, '').split('.')[0]);

function localNodeMajor() {
  const node = join(localBin, 'node');
  if (!existsSync(node)) return 0;
  try {
    return majorOf(execFileSync(node, ['--version'], { encoding: 'utf8' }).trim());
  } catch {
    return 0;
  }
}

/** The bin directory of a Node >= MAJOR: this process's, or .node/bin (fetched when missing). */
function ensure() {
  if (majorOf(process.version) >= MAJOR) return dirname(process.execPath);
  if (localNodeMajor() >= MAJOR) return localBin;
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  if (process.platform !== 'linux' || !arch) {
    throw new Error(`Node ${process.version} is older than ${MAJOR}; install Node ${MAJOR} (nvm install reads .nvmrc)`);
  }
  const spec = `node-linux-${arch}@${MAJOR}`;
  process.stderr.write(
    `node-lts: Node ${process.version} is older than ${MAJOR}; fetching ${spec} from the npm registry into .node/\n`,
  );
  const scratch = mkdtempSync(join(tmpdir(), 'node-lts-'));
  try {
    execFileSync('npm', ['pack', spec, '--silent'], { cwd: scratch, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${spec} produced no tarball`);
    rmSync(join(root, '.node'), { recursive: true, force: true });
    mkdirSync(join(root, '.node'), { recursive: true });
    execFileSync('tar', ['-xzf', join(scratch, tarball), '-C', join(root, '.node'), '--strip-components=1']);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (localNodeMajor() < MAJOR) throw new Error(`${spec} did not unpack a working node into .node/bin`);
  return localBin;
}

const MALLOC_SETTINGS = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' };

function run(args) {
  const bin = ensure();
  if (bin === localBin && majorOf(process.version) < MAJOR) {
    process.stderr.write(`node-lts: running on Node from .node/bin (this shell's is ${process.version})\n`);
  }
  const child = spawn(join(bin, 'node'), args, {
    stdio: 'inherit',
    // Children that run `node` by name (jest workers use execPath; npm scripts use PATH) get it too.
    // glibc malloc as the Dockerfile and the Kubernetes manifests set it (a value already in the
    // environment wins): two arenas instead of one per thread, and a fixed mmap threshold, so each
    // login's 19 MiB argon2 buffer goes back to the system when freed instead of staying in an
    // arena. Under the bench's load the API's resident set fell from ~310 to ~235 MiB (README).
    env: { ...MALLOC_SETTINGS, ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
  });
  // Ctrl-C reaches the child from the terminal (same process group): do not send it twice. A
  // SIGTERM sent to this process alone (a supervisor) is passed on; the child drains and exits.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 1)));
}

try {
  const args = process.argv.slice(2);
  if (args[0] === '--ensure') process.stdout.write(`${ensure()}\n`);
  else if (args.length) run(args);
  else throw new Error('usage: node scripts/node-lts.js --ensure | <node arguments...>');
} catch (error) {
  process.stderr.write(`node-lts: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
