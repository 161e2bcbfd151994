// COPY ... FROM STDIN with node-postgres alone, through its documented custom-query ("Submittable")
// hook: the fastest way into Postgres, without adding a stream library for one use.
import type { Client, Connection } from 'pg';

const CHUNK_BYTES = 1 << 20;

/** What a COPY needs of pg's connection (pg 8, lib/connection.js; @types/pg does not list the copy methods). */
interface CopyConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

class CopyIn {
  private failure: Error | undefined;

  constructor(
    private readonly text: string,
    private readonly data: Buffer,
    private readonly settle: (error?: Error) => void,
  ) {}

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection): void {
    const copy = connection as unknown as CopyConnection;
    for (let offset = 0; offset < this.data.length; offset += CHUNK_BYTES) {
      copy.sendCopyFromChunk(this.data.subarray(offset, offset + CHUNK_BYTES));
    }
    copy.endCopyFrom();
  }

  handleError(error: Error): void {
    // After an error the client forgets this query: no ReadyForQuery reaches it.
    this.failure = error;
    this.settle(error);
  }

  handleReadyForQuery(): void {
    if (!this.failure) this.settle();
  }

  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** COPY `rows` (text format, one line each) into `table`'s `columns`. */
export function copyIn(client: Client, table: string, columns: string[], rows: string[]): Promise<void> {
  if (!rows.length) return Promise.resolve();
  const data = Buffer.from(rows.join('\n') + '\n');
  return new Promise((resolve, reject) => {
    const query = new CopyIn(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, data, (error) =>
      error ? reject(error) : resolve(),
    );
    client.query(query);
  });
}

const SPECIAL = /[\\\t\n\r]/;

/** One field of COPY's text format: \N for null, and the four characters it escapes. */
export function field(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

const DAY_MS = 86_400_000;
const days = new Map<number, string>();
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A timestamp field (UTC) from epoch milliseconds: toISOString, which the seed would call 25 million times, costs more. */
export function time(ms: number | null): string {
  if (ms === null) return '\\N';
  const whole = Math.round(ms);
  const day = Math.floor(whole / DAY_MS);
  let date = days.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    days.set(day, date);
  }
  let rest = whole - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${date} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(rest - seconds * 1000, 3)}+00`;
}

export function row(values: string[]): string {
  return values.join('\t');
}
