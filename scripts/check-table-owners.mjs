#!/usr/bin/env node
// One owner per table: fails when a file of src/ issues SQL against a table another folder owns,
// or uses another folder's entity to change it. Run by `npm run lint`.
// Owners change their tables; other folders ask the owner. A few read models (the ticket query
// layer, reports, the tag counts) read other tables in the same statement on purpose: one round
// trip instead of one per owner. They are listed here, table by table, and may only read.
import fs from 'node:fs';
import path from 'node:path';

const OWNERS = {
  users: 'src/users/',
  refresh_tokens: 'src/sessions/',
  account_tokens: 'src/auth/',
  verification_code_failures: 'src/auth/',
  categories: 'src/categories/',
  tags: 'src/tags/',
  tickets: 'src/tickets/',
  ticket_tags: 'src/tickets/',
  ticket_events: 'src/tickets/',
  comments: 'src/comments/',
  sla_policies: 'src/sla/',
  outbox: 'src/outbox/',
  idempotency_keys: 'src/idempotency/',
  response_templates: 'src/templates/',
  saved_filters: 'src/filters/',
  attachments: 'src/attachments/',
  webhooks: 'src/webhooks/',
  webhook_messages: 'src/webhooks/',
  webhook_deliveries: 'src/webhooks/',
  email_messages: 'src/email/',
  business_hours: 'src/sla/',
  automations: 'src/automations/',
  automation_runs: 'src/automations/',
  audit_log: 'src/audit/',
  ticket_search: 'src/tickets/',
};

/** Path prefix → tables it may read (never change) although it does not own them. */
const READ_MODELS = {
  'src/tickets/read/': ['users', 'categories', 'tags'],
  'src/tickets/ticket.repository.ts': ['tags'],
  'src/tags/tags.service.ts': ['tickets', 'ticket_tags'],
  'src/reports/': ['tickets', 'categories', 'comments', 'ticket_events', 'users'],
  // GET /tickets/:id shows the ticket's files with their uploaders' names in one statement.
  'src/attachments/attachment.repository.ts': ['users'],
  // GET /audit-log shows each entry's actor with their email.
  'src/audit/': ['users'],
  // GET /metrics: the outboxes' backlog (count and oldest age), read at scrape time.
  'src/ops/cluster-metrics.ts': ['outbox', 'webhook_messages'],
};

const ENTITIES = {
  User: 'users',
  RefreshToken: 'refresh_tokens',
  AccountToken: 'account_tokens',
  Category: 'categories',
  Tag: 'tags',
  Ticket: 'tickets',
  TicketEvent: 'ticket_events',
  Comment: 'comments',
  SlaPolicy: 'sla_policies',
  OutboxMessage: 'outbox',
  IdempotencyKey: 'idempotency_keys',
  ResponseTemplate: 'response_templates',
  SavedFilter: 'saved_filters',
  Attachment: 'attachments',
  Webhook: 'webhooks',
  WebhookMessage: 'webhook_messages',
  WebhookDelivery: 'webhook_deliveries',
  EmailMessage: 'email_messages',
  BusinessHours: 'business_hours',
  Automation: 'automations',
  AutomationRun: 'automation_runs',
  AuditEntry: 'audit_log',
};

const root = path.resolve(process.argv[2] ?? '.');
const tables = Object.keys(OWNERS).join('|');
const WRITE = new RegExp(`\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|TRUNCATE)\\s+"?(${tables})"?\\b`, 'g');
const READ = new RegExp(`\\b(?:FROM|JOIN)\\s+"?(${tables})"?\\b`, 'g');
const entities = Object.keys(ENTITIES).join('|');
const ENTITY_USE = new RegExp(
  `(?:getRepository|\\.into|\\.update|\\.insert|\\.delete|\\.save|\\.find\\w*|\\.count\\w*|forFeature)\\(\\s*\\[?\\s*(${entities})\\b`,
  'g',
);

const files = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) files.push(full);
  }
})(path.join(root, 'src'));

const problems = [];
const lineOf = (text, index) => text.slice(0, index).split('\n').length;
for (const full of files) {
  const file = path.relative(root, full).split(path.sep).join('/');
  if (file.startsWith('src/database/migrations/')) continue; // migrations own the schema
  const text = fs.readFileSync(full, 'utf8');
  const owns = (table) => file.startsWith(OWNERS[table]);
  const mayRead = (table) =>
    owns(table) || Object.entries(READ_MODELS).some(([prefix, t]) => file.startsWith(prefix) && t.includes(table));
  for (const m of text.matchAll(WRITE)) {
    if (!owns(m[1])) problems.push(`${file}:${lineOf(text, m.index)} changes ${m[1]}, owned by ${OWNERS[m[1]]}`);
  }
  for (const m of text.matchAll(READ)) {
    if (!mayRead(m[1])) problems.push(`${file}:${lineOf(text, m.index)} reads ${m[1]}, owned by ${OWNERS[m[1]]}`);
  }
  for (const m of text.matchAll(ENTITY_USE)) {
    const table = ENTITIES[m[1]];
    if (!owns(table)) problems.push(`${file}:${lineOf(text, m.index)} uses ${m[1]} (${table}), owned by ${OWNERS[table]}`);
  }
}

if (problems.length) {
  console.error(`SQL outside the owner of its table (scripts/check-table-owners.mjs):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`table owners: ${files.length} files checked, every statement is its owner's`);
