/**
 * A service we depend on (Postgres, Redis) is not there right now: the client gets 503 with
 * Retry-After, not a 500. Thrown by the layer that talks to that service, which alone knows how to
 * tell an outage from a bug (database/database-errors.ts for Postgres).
 */
export class DependencyUnavailableError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'DependencyUnavailableError';
  }
}
