// How busy the machine was during a run, and how much of that was not the bench: on a shared
// machine the second number says how far the measurements can be trusted.
import { readFileSync } from 'node:fs';
import { databaseUrl, sql } from '../lib/pg';

function machineTicks(): { busy: number; total: number } {
  // cpu  user nice system idle iowait irq softirq steal ...
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

function processTicks(pid: number): number {
  try {
    // Fields after the command (which may hold spaces) start at the third: utime and stime are 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export interface CpuShare {
  /** Share of all cores busy, in %. */
  machine_busy_pct: number;
  /** Of that, the bench's processes: this one, the servers, their Postgres backends. */
  bench_pct: number;
  /** Everything else (other work on the machine, Postgres' background processes). */
  others_pct: number;
}

export class CpuAccount {
  private start = machineTicks();
  private pidTicks = new Map<number, number>();

  constructor(
    private readonly database: string,
    private readonly pids: number[],
  ) {}

  private async ourPids(): Promise<number[]> {
    const backends = await sql<{ pid: number }>(
      databaseUrl('postgres'),
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [this.database],
    );
    return [process.pid, ...this.pids, ...backends.map((b) => b.pid)];
  }

  async begin(): Promise<this> {
    this.pidTicks = new Map((await this.ourPids()).map((pid) => [pid, processTicks(pid)]));
    this.start = machineTicks();
    return this;
  }

  async end(): Promise<CpuShare> {
    const now = machineTicks();
    let ours = 0;
    for (const pid of await this.ourPids()) ours += processTicks(pid) - (this.pidTicks.get(pid) ?? 0);
    const total = Math.max(1, now.total - this.start.total);
    const busy = now.busy - this.start.busy;
    const pct = (ticks: number) => Math.round((1000 * ticks) / total) / 10;
    return { machine_busy_pct: pct(busy), bench_pct: pct(ours), others_pct: pct(Math.max(0, busy - ours)) };
  }
}
