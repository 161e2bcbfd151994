import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { TransactionContext } from '../database/transaction-context';

/** At most this many tags are listed: the most used ones. */
export const TAG_LIST_CAP = 200;

/** A tag and how many live (not soft-deleted) tickets carry it. */
export class TagCountJson {
  @ApiProperty({ example: 'login' }) name!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) count!: number;
}

export class TagListJson {
  @ApiProperty({ type: [TagCountJson], maxItems: TAG_LIST_CAP }) items!: TagCountJson[];
}

/** The owner of `tags`: the list of tags in use, and the rows tickets link to. */
@Injectable()
export class TagsService {
  constructor(private readonly tx: TransactionContext) {}

  /** Most used first, ties by name; tags no live ticket uses are left out (inner joins). */
  async listInUse(): Promise<TagCountJson[]> {
    const rows: Array<{ name: string; count: number }> = await this.tx.manager.query(
      `SELECT g.name, count(*)::int AS count
         FROM ticket_tags tt
         JOIN tickets t ON t.id = tt.ticket_id AND t.deleted_at IS NULL
         JOIN tags g ON g.id = tt.tag_id
        GROUP BY g.id, g.name
        ORDER BY count DESC, g.name ASC
        LIMIT $1`,
      [TAG_LIST_CAP],
    );
    return rows.map((row) => ({ name: row.name, count: row.count }));
  }

  /** Creates the tags of `names` that do not exist yet (race-safe: ON CONFLICT), in the caller's transaction. */
  async ensureExist(names: string[]): Promise<void> {
    await this.tx.manager.query(`INSERT INTO tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [
      names,
    ]);
  }
}
