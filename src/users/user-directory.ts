// What other modules may ask about users (names for presenting, who can be assigned, who gets
// alerts), so that `users` is read only here and in UsersService.
import { Injectable } from '@nestjs/common';
import { UserRole } from '../common/user-role';
import { TransactionContext } from '../database/transaction-context';

export interface UserRef {
  id: number;
  name: string;
  role: UserRole;
}

/** Who a user is and whether mail may reach them. */
export interface UserContact {
  id: number;
  name: string;
  email: string;
  role: UserRole;
  isActive: boolean;
}

export type AlertRecipient = UserContact;

@Injectable()
export class UserDirectory {
  constructor(private readonly tx: TransactionContext) {}

  /** id, name and role of each of `ids`, in one query. Users are never deleted, so every id is found. */
  async refs(ids: number[]): Promise<Map<number, UserRef>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows: UserRef[] = await this.tx.manager.query(`SELECT id, name, role FROM users WHERE id = ANY($1::int[])`, [
      unique,
    ]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Whether tickets may be assigned to user `id`: an active agent or admin. */
  async isAssignable(id: number): Promise<boolean> {
    const rows: Array<{ role: UserRole; is_active: boolean }> = await this.tx.manager.query(
      `SELECT role, is_active FROM users WHERE id = $1`,
      [id],
    );
    const user = rows[0];
    return Boolean(user?.is_active) && user.role !== UserRole.USER;
  }

  /**
   * The agents and admins among `ids` (active or not), by id ascending, in one query: categories
   * check their agent lists with it and pick the active ones at assignment.
   */
  async agentsAmong(ids: number[]): Promise<Array<{ id: number; isActive: boolean }>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const rows: Array<{ id: number; is_active: boolean }> = await this.tx.manager.query(
      `SELECT id, is_active FROM users WHERE id = ANY($1::int[]) AND role <> $2 ORDER BY id`,
      [unique, UserRole.USER],
    );
    return rows.map((row) => ({ id: row.id, isActive: row.is_active }));
  }

  /** Name, address, role and whether active, of each of `ids`, in one query (the email channel's recipients). */
  async contacts(ids: number[]): Promise<Map<number, UserContact>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const contacts = await this.contactsWhere(`id = ANY($1::int[])`, [unique]);
    return new Map(contacts.map((contact) => [contact.id, contact]));
  }

  /** Every active admin, and the user `assigneeId` (active or not, so the caller can tell), by id. */
  async adminsAnd(assigneeId: number | null): Promise<AlertRecipient[]> {
    return this.contactsWhere(`(role = $1 AND is_active) OR id = $2`, [UserRole.ADMIN, assigneeId]);
  }

  /** Every active agent (role `agent`), by id: who hears of a warning about an unassigned ticket. */
  async activeAgents(): Promise<UserContact[]> {
    return this.contactsWhere(`role = $1 AND is_active`, [UserRole.AGENT]);
  }

  /** The contacts of the users `where` (a condition on `users` with `params`) selects, by id. */
  private async contactsWhere(where: string, params: unknown[]): Promise<UserContact[]> {
    const rows: Array<{ id: number; name: string; email: string; role: UserRole; is_active: boolean }> =
      await this.tx.manager.query(
        `SELECT id, name, email, role, is_active FROM users WHERE ${where} ORDER BY id`,
        params,
      );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      isActive: row.is_active,
    }));
  }
}
