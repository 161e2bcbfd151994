// Postgres helpers shared by the bench scripts: one-shot queries and throwaway databases.
import { Client, QueryResultRow } from 'pg';

/** The local Postgres the README asks for; BENCH_PG_URL points elsewhere (no database in the path). */
const SERVER_URL = (process.env.BENCH_PG_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432').replace(/\/+$/, '');

export function databaseUrl(database: string): string {
  return `${SERVER_URL}/${database}`;
}

export const ADMIN_URL = databaseUrl('postgres');

/** Runs one statement on a connection of its own. */
export async function sql<T extends QueryResultRow = Record<string, unknown>>(
  url: string,
  text: string,
  params?: unknown[],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function dropDatabase(name: string): Promise<void> {
  await sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

export async function databaseExists(name: string): Promise<boolean> {
  return (await sql(ADMIN_URL, `SELECT 1 FROM pg_database WHERE datname = $1`, [name])).length > 0;
}
