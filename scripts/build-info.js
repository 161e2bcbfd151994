// Records the git commit in dist/build-info.json so /api/_meta can report it without git at run time.
const { execSync } = require('node:child_process');
const { writeFileSync, mkdirSync } = require('node:fs');

let commit = process.env.GIT_COMMIT || 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
} catch {
  // Not a git checkout (e.g. a Docker build): keep GIT_COMMIT or "unknown".
}
mkdirSync('dist', { recursive: true });
writeFileSync('dist/build-info.json', JSON.stringify({ commit, built_at: new Date().toISOString() }) + '\n');
