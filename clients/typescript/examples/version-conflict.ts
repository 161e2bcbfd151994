// A stale write, read the way a client should: PATCH a ticket with the version it read, and on a 409 take
// `details.current_version` from the typed error, no casts. `npm run typecheck` compiles this file, so it
// stops compiling when openapi.json stops saying what a 409 carries. Runs against a live API (Node 24):
//
//   HELPDESK_URL=http://localhost:3000 HELPDESK_EMAIL=agent@example.com HELPDESK_PASSWORD=… \
//     node clients/typescript/examples/version-conflict.ts
import { createHelpdeskClient, errorFor, type HelpdeskClient } from '../src/index.ts';

/**
 * Sets the ticket's title, sending `version` (what the caller last read). On a conflict, returns the version
 * the ticket has now, for the caller to reload and decide again; on success, the new version.
 */
export async function retitle(
  client: HelpdeskClient,
  id: number,
  version: number,
  title: string,
): Promise<{ updated: boolean; version: number }> {
  const result = await client.PATCH('/api/v1/tickets/{id}', { params: { path: { id } }, body: { version, title } });
  if (result.data) return { updated: true, version: result.data.version };
  const conflict = errorFor(result, 409);
  if (conflict) {
    const current: number = conflict.error.details.current_version;
    return { updated: false, version: current };
  }
  throw new Error(`PATCH /api/v1/tickets/${id} answered ${result.response.status}`);
}

async function main(): Promise<void> {
  const baseUrl = process.env.HELPDESK_URL ?? 'http://localhost:3000';
  const { HELPDESK_EMAIL: email, HELPDESK_PASSWORD: password } = process.env;
  if (!email || !password) throw new Error('set HELPDESK_EMAIL and HELPDESK_PASSWORD');

  const login = await createHelpdeskClient(baseUrl).POST('/api/v1/auth/login', { body: { email, password } });
  if (!login.data) throw new Error(`login answered ${login.response.status}`);
  const client = createHelpdeskClient(baseUrl, { token: login.data.access_token });

  const created = await client.POST('/api/v1/tickets', {
    body: { title: 'Printer on fire', description: 'Third floor, again.', priority: 'high' },
  });
  if (!created.data) throw new Error(`POST /api/v1/tickets answered ${created.response.status}`);
  const { id, version } = created.data;

  const first = await retitle(client, id, version, 'Printer on fire (third floor)');
  const second = await retitle(client, id, version, 'Printer still on fire'); // the version read before the first
  process.stdout.write(`ticket ${id}: first write ${JSON.stringify(first)}, stale write ${JSON.stringify(second)}\n`);
}

// Run as a script, not when imported (the e2e test imports `retitle`).
if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
