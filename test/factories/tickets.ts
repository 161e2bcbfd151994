// Tickets for tests, created over HTTP like a client would.
import { TestUser } from './users';
import { TestApp } from '../support/test-app';

let counter = 0;

export async function makeTicket(
  t: TestApp,
  owner: TestUser,
  overrides: Partial<{
    title: string;
    description: string;
    priority: string;
    category_id: number;
    tags: string[];
  }> = {},
) {
  const res = await t.http.post(
    '/api/v1/tickets',
    { title: `Ticket ${++counter}`, description: 'Something is broken', ...overrides },
    { token: owner.token },
  );
  if (res.status !== 201) throw new Error(`ticket create failed: ${res.status} ${res.text}`);
  return res.body as { id: number; version: number; [key: string]: any };
}

/** Puts a ticket straight into a status, bypassing the API (e.g. `escalated`, which only the worker sets). */
export async function forceStatus(t: TestApp, id: number, status: string): Promise<void> {
  await t.dataSource.query(`UPDATE tickets SET status = $2 WHERE id = $1`, [id, status]);
}
