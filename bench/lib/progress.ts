// A progress bar on stderr: redrawn in place on a terminal, a line per tenth elsewhere (CI logs).

const WIDTH = 30;

export class Progress {
  private readonly started = Date.now();
  private done = 0;
  private lastTenth = -1;
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly unit = '',
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  add(amount: number): void {
    this.done = Math.min(this.total, this.done + amount);
    this.render(false);
  }

  finish(): void {
    this.done = this.total;
    this.render(true);
  }

  private render(final: boolean): void {
    const share = this.total ? this.done / this.total : 1;
    const seconds = (Date.now() - this.started) / 1000;
    const eta = share > 0 && share < 1 ? ` eta ${Math.ceil((seconds / share) * (1 - share))} s` : '';
    const counts = `${this.done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')}${this.unit}`;
    if (this.stream.isTTY) {
      // Redrawing costs nothing measurable, but a hundred times a second is pointless.
      if (!final && Date.now() - this.lastDraw < 100) return;
      this.lastDraw = Date.now();
      const filled = Math.round(share * WIDTH);
      const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
      const line = `  ${this.label} ${bar} ${(share * 100).toFixed(0).padStart(3)}% ${counts} ${seconds.toFixed(1)} s${eta}`;
      this.stream.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth === this.lastTenth && !final) return;
    if (final && this.lastTenth === 10) return;
    this.lastTenth = tenth;
    this.stream.write(`  ${this.label} ${(share * 100).toFixed(0)}% ${counts} ${seconds.toFixed(1)} s${eta}\n`);
  }
}
