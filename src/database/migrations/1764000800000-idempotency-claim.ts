import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claiming an Idempotency-Key as one call with its own lock timeout.
 *
 * The claim is an INSERT that waits on the unique index while another transaction holds the same
 * key; it must give up after 10 s (then 409 IDEMPOTENCY_IN_PROGRESS), while the handler that runs
 * next in the same transaction must not inherit that limit. It was `SET LOCAL lock_timeout`, the
 * INSERT and `SET LOCAL lock_timeout = DEFAULT`: three round trips on every keyed request, and on a
 * timeout the reset ran in the aborted transaction and turned the 409 into a 500. A function's
 * `SET` clause applies for the duration of the call only.
 */
export class IdempotencyClaim1764000800000 implements MigrationInterface {
  name = 'IdempotencyClaim1764000800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION claim_idempotency_key(p_user_id int, p_method varchar, p_route varchar, p_key varchar,
                                            p_fingerprint char)
      RETURNS bigint LANGUAGE plpgsql VOLATILE SET lock_timeout = '10s' AS $$
      DECLARE
        claimed bigint;
      BEGIN
        -- PL/pgSQL keeps this statement's plan for the session; a SQL function would plan it per call.
        INSERT INTO idempotency_keys (user_id, method, route, key, fingerprint)
        VALUES (p_user_id, p_method, p_route, p_key, p_fingerprint)
        ON CONFLICT (user_id, method, route, key) DO NOTHING
        RETURNING id INTO claimed;
        RETURN claimed;
      END
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION claim_idempotency_key(int, varchar, varchar, varchar, char)`);
  }
}
