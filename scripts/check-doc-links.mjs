#!/usr/bin/env node
// Fails when a Markdown file of the repository links to something a clone does not have: a
// relative link to a missing file, a link that leaves the repository (`../shared/…`), or an
// `#anchor` that names no heading of the target Markdown file. Web links (http:, https:,
// mailto:) are not fetched. Run by `npm run lint`.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', 'reports', 'data', '.git', '.node']);

/** Every *.md of the repository, outside dependencies and build output. */
function markdownFiles(dir = root) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.'))
        found.push(...markdownFiles(join(dir, entry.name)));
    } else if (entry.name.endsWith('.md')) {
      found.push(join(dir, entry.name));
    }
  }
  return found;
}

/** The text with fenced code blocks and inline code blanked (same length, so offsets keep their line). */
function withoutCode(text) {
  const blank = (match) => match.replace(/[^\n]/g, ' ');
  return text.replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, blank).replace(/`+[^`\n]*`+/g, blank);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, -1/-2 for repeats. */
function anchorsOf(file) {
  const anchors = new Set();
  const seen = new Map();
  const text = readFileSync(file, 'utf8').replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, '');
  for (const [, heading] of text.matchAll(/^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const plain = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images keep their text
      .replace(/<[^>]+>/g, '')
      .replace(/[`*_~]/g, (c) => (c === '_' ? '_' : ''));
    const base = plain
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const [, id] of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(id);
  return anchors;
}

/** The link targets of a Markdown text, with their line numbers. */
function linksOf(text) {
  const code = withoutCode(text);
  const lineAt = (offset) => code.slice(0, offset).split('\n').length;
  const links = [];
  // [text](target "title") and ![alt](target); the text may span lines.
  for (const match of code.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g)) {
    links.push({ target: match[1], line: lineAt(match.index) });
  }
  // [label]: target
  for (const match of code.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) {
    links.push({ target: match[1], line: lineAt(match.index) });
  }
  // <a href="…"> and <img src="…"> written as HTML.
  for (const match of code.matchAll(/<(?:a|img)\s[^>]*?(?:href|src)="([^"]+)"/g)) {
    links.push({ target: match[1], line: lineAt(match.index) });
  }
  return links;
}

const anchorCache = new Map();
const problems = [];
const files = markdownFiles();
let checked = 0;

for (const file of files) {
  const from = relative(root, file);
  for (const { target, line } of linksOf(readFileSync(file, 'utf8'))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:: not fetched
    checked++;
    const [pathPart, anchor] = target.split('#', 2);
    const path = decodeURIComponent(pathPart.split('?')[0]);
    const resolved = path === '' ? file : resolve(dirname(file), path);
    const inside = relative(root, resolved);
    if (path.startsWith('/') || inside.startsWith('..') || inside.split(sep).includes('node_modules')) {
      problems.push(`${from}:${line}: ${target} points outside the repository`);
      continue;
    }
    if (!existsSync(resolved)) {
      problems.push(`${from}:${line}: ${target}: ${inside} does not exist`);
      continue;
    }
    if (anchor && resolved.endsWith('.md') && statSync(resolved).isFile()) {
      if (!anchorCache.has(resolved)) anchorCache.set(resolved, anchorsOf(resolved));
      if (!anchorCache.get(resolved).has(anchor))
        problems.push(`${from}:${line}: ${target}: no heading #${anchor} in ${inside}`);
    }
  }
}

if (problems.length > 0) {
  console.error(`doc links: ${problems.length} broken\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(
  `doc links: ${files.length} Markdown files, ${checked} relative links, all inside the repository and present`,
);
