// `owner: {id, name}` of user-owned resources (templates, saved filters), loaded for a page at once.
import { ApiProperty } from '@nestjs/swagger';
import { EntityManager } from 'typeorm';

export class OwnerJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() name!: string;
}

/** The id and name of each of `ids`, in one query. Users are never deleted, so every id is found. */
export async function loadOwners(manager: EntityManager, ids: number[]): Promise<Map<number, OwnerJson>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows: OwnerJson[] = await manager.query(`SELECT id, name FROM users WHERE id = ANY($1::int[])`, [unique]);
  return new Map(rows.map((row) => [row.id, { id: row.id, name: row.name }]));
}
