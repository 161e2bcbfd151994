/**
 * One value computed at most once at a time, served from memory while fresh, and served stale
 * (while one refresh runs in the background) for a while after that. For expensive aggregates
 * many clients ask for at once: 32 dashboards asking for `GET /reports/stats` cost one query,
 * and none of them waits for it except the very first, or after a long quiet spell.
 *
 * `freshMs` 0 turns the cache off: every call computes (each call waits for its own result).
 */
export class RefreshingValue<T> {
  private value: Stamped<T> | undefined;
  private inFlight: Promise<Stamped<T>> | undefined;

  constructor(
    private readonly compute: () => Promise<T>,
    private readonly freshMs: number,
    /** How long past `freshMs` a value is still served while it is being refreshed. */
    private readonly staleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    return this.getStamped().then((stamped) => stamped.data);
  }

  /** The value with the instant its computation began (what it is "as of"); ages count from there. */
  getStamped(): Promise<Stamped<T>> {
    if (this.freshMs <= 0) return this.computeStamped();
    const age = this.value ? this.now() - this.value.at : Infinity;
    if (this.value && age < this.freshMs) return Promise.resolve(this.value);
    const refresh = this.refresh();
    if (this.value && age < this.freshMs + this.staleMs) {
      // A failed background refresh is retried by the next caller; this one has its answer.
      refresh.catch(() => undefined);
      return Promise.resolve(this.value);
    }
    return refresh;
  }

  private refresh(): Promise<Stamped<T>> {
    this.inFlight ??= this.computeStamped()
      .then((stamped) => (this.value = stamped))
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async computeStamped(): Promise<Stamped<T>> {
    const at = this.now();
    return { data: await this.compute(), at };
  }
}

/** A value and when (epoch ms) its computation began. */
export interface Stamped<T> {
  data: T;
  at: number;
}
