// The bench's output: a table on the terminal and bench/results/latest.json.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../lib/api';
import { CpuShare } from './cpu';
import { Measured } from './drive';
import { Budget, Check } from './scenarios';

export interface ScenarioResult {
  key: string;
  title: string;
  server: 'api' | 'baseline';
  measured: Measured;
  warmup: Measured;
  rss_max_mib: number;
  /** CPU during the measured run; `others_pct` is work on the machine that was not the bench's. */
  cpu: CpuShare;
  /** Seconds the database needed afterwards to finish what the scenario had started. */
  drain_s: number;
  load_average: number;
  ratio?: number;
  budget?: Budget;
  /** Budget verdict: true, false, or null when the run is not at the budget's scale. */
  pass?: boolean | null;
  missed?: string[];
  check?: Check;
}

export interface Machine {
  cpu: string;
  cores: number;
  ram_gib: number;
  os: string;
  node: string;
  postgres: string;
  load_average_at_start: number[];
}

export async function machine(postgresVersion: string): Promise<Machine> {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    ram_gib: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: postgresVersion,
    load_average_at_start: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function gitCommit(): string {
  try {
    const root = repoRoot();
    const commit = execSync('git rev-parse --short HEAD', { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return 'unknown';
  }
}

/** Which budget targets a result misses (empty: it meets them all). */
export function missedTargets(result: ScenarioResult): string[] {
  const { budget, measured } = result;
  if (!budget) return [];
  const missed: string[] = [];
  if (budget.rps !== undefined && measured.rps < budget.rps) missed.push(`req/s < ${budget.rps}`);
  if (budget.p99 !== undefined && !(measured.p99 <= budget.p99)) missed.push(`p99 > ${budget.p99} ms`);
  // No ratio when the baseline was not run (--only without it): nothing to judge.
  if (budget.ratio !== undefined && result.ratio !== undefined && !(result.ratio >= budget.ratio)) {
    missed.push(`ratio < ${budget.ratio}`);
  }
  return missed;
}

export function describeBudget(budget: Budget | undefined): string {
  if (!budget) return '';
  return [
    budget.rps !== undefined ? `≥ ${budget.rps.toLocaleString('en-US')}/s` : '',
    budget.p99 !== undefined ? `p99 ≤ ${budget.p99}` : '',
    budget.ratio !== undefined ? `≥ ${budget.ratio}×` : '',
    budget.text ?? '',
  ]
    .filter(Boolean)
    .join(', ');
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '-';

/** The results as a table (plain text, aligned; the README copies it into Markdown). */
export function table(results: ScenarioResult[], atBudgetScale: boolean): string {
  const header = [
    'scenario',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'vs baseline',
    'other CPU',
    'target (1M tickets)',
    'result',
  ];
  const rows = results.map((r) => [
    r.title,
    fmt(r.measured.rps),
    fmt(r.measured.p50, 1),
    fmt(r.measured.p99, 1),
    fmt(r.measured.errors),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
    `${fmt(r.cpu.others_pct)}%`,
    describeBudget(r.budget),
    !r.budget ? '' : !atBudgetScale ? '(n/a)' : r.pass ? 'ok' : `MISS: ${(r.missed ?? []).join(', ')}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const right = new Set([1, 2, 3, 4, 5, 6]);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (right.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table in Markdown, for the README's Performance section. */
export function markdownTable(results: ScenarioResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.title.trim()} | ${fmt(r.measured.rps)} | ${fmt(r.measured.p50, 1)} | ${fmt(r.measured.p99, 1)} | ${fmt(r.measured.errors)} | ${r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`} | ${fmt(r.cpu.others_pct)}% | ${describeBudget(r.budget)} | ${!r.budget ? '' : r.pass === null ? '(n/a)' : r.pass ? 'ok' : `**miss** (${(r.missed ?? []).join(', ')})`} |`,
  );
  return [
    '| scenario | req/s | p50 ms | p99 ms | errors | vs baseline | other CPU | target | result |',
    '|---|--:|--:|--:|--:|--:|--:|---|---|',
    ...rows,
  ].join('\n');
}

/** Writes `report` to bench/results/`name` and returns the file's path. */
export function writeResults(report: unknown, name = 'latest.json'): string {
  const dir = join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}
