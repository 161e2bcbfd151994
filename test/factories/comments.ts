// Comments in states the API does not reach: written long ago.
import { TestApp } from '../support/test-app';

/** Written `ago` (e.g. '16 minutes') before now, e.g. past the author's delete window. */
export async function backdateComment(t: TestApp, id: number, ago: string): Promise<void> {
  await t.dataSource.query(`UPDATE comments SET created_at = now() - $2::interval WHERE id = $1`, [id, ago]);
}

/** Written by email (`source` email), as a reply the email channel received. */
export async function markCommentFromEmail(t: TestApp, id: number): Promise<void> {
  await t.dataSource.query(`UPDATE comments SET source = 'email' WHERE id = $1`, [id]);
}
