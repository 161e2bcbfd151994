// Command-line flags of the bench scripts: `--name value` and bare `--flag`.

export class Args {
  constructor(private readonly argv: string[] = process.argv.slice(2)) {}

  has(name: string): boolean {
    return this.argv.includes(`--${name}`);
  }

  string(name: string, fallback: string): string {
    const i = this.argv.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const value = this.argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
    return value;
  }

  /** A positive number (fractions allowed: `--minutes 0.2`). */
  number(name: string, fallback: number): number {
    const raw = this.string(name, String(fallback)).replace(/_/g, '');
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number (got ${raw})`);
    return value;
  }

  numbers(name: string, fallback: number[]): number[] {
    const raw = this.string(name, fallback.join(','));
    const values = raw.split(',').map(Number);
    if (values.some((value) => !Number.isFinite(value) || value <= 0)) {
      throw new Error(`--${name} must be a comma-separated list of positive numbers (got ${raw})`);
    }
    return values;
  }

  /** Flags that are not among the known ones: a typo should stop the run, not be ignored. */
  unknown(known: string[]): string[] {
    return this.argv.filter((arg) => arg.startsWith('--') && !known.includes(arg.slice(2)));
  }
}
