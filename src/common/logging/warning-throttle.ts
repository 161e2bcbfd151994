// One warning line per interval for something that can happen thousands of times a second (a
// dependency away, clients sending garbage): the line says how many occurrences it sums up.
export class WarningThrottle {
  private lastAt = Number.NEGATIVE_INFINITY;
  private count = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts `n` occurrences; when a line is due, how many it sums up (since the last line), else undefined. */
  occurred(n = 1): number | undefined {
    this.count += n;
    const now = this.now();
    if (now - this.lastAt < this.intervalMs) return undefined;
    const count = this.count;
    this.lastAt = now;
    this.count = 0;
    return count;
  }
}
