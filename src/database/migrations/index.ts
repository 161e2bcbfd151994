// Every migration, oldest first. `npm run migration:generate` writes a new file here: add it to this list.
import { UsersAndAuth1764000000000 } from './1764000000000-users-and-auth';
import { TicketsAndComments1764000100000 } from './1764000100000-tickets-and-comments';
import { IdempotencyKeys1764000300000 } from './1764000300000-idempotency-keys';

export const migrations: Function[] = [
  UsersAndAuth1764000000000,
  TicketsAndComments1764000100000,
  IdempotencyKeys1764000300000,
];
