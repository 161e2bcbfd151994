/**
 * Rows of a raw query. TypeORM's Postgres driver answers `UPDATE/DELETE ... RETURNING` with
 * `[rows, affectedCount]` but SELECT and INSERT with plain rows; this hides the difference.
 */
export function rawRows<T>(result: T[] | [T[], number]): T[] {
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}
