import { Injectable } from '@nestjs/common';
import { AuditRecord, AuditLog } from '../audit/audit-log';
import { violates } from '../database/database-errors';
import { TransactionContext } from '../database/transaction-context';
import { Repository } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Page, toPage } from '../common/pagination/pagination';
import { CappedCounter } from '../database/capped-counts';
import { SessionsService } from '../sessions/sessions.service';
import { RealtimePublisher } from '../realtime/realtime-publisher';
import { ListUsersQueryDto, UpdateUserDto } from './dto/user.dtos';
import { PasswordHasher } from './password-hasher';
import { toUserJson, UserJson } from './user.presenter';
import { User } from './user.entity';
import { UserLookupCache } from './user-lookup.cache';
import { assertMayDeactivateUser, assertMayUpdateUser, canSeeUser } from './user-permissions';
import { UserRole } from '../common/user-role';

export interface NewUser {
  email: string;
  password: string;
  name: string;
  role: UserRole;
}

/** The password hash of an account that has none yet: no password ever verifies against it. */
export const NO_PASSWORD = '';

@Injectable()
export class UsersService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly counts: CappedCounter,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly cache: UserLookupCache,
    private readonly notifications: RealtimePublisher,
    private readonly audit: AuditLog,
  ) {}

  /** Joins the request's transaction when one is open (idempotent creates). */
  private get users(): Repository<User> {
    return this.tx.manager.getRepository(User);
  }

  async create(input: NewUser): Promise<User> {
    const passwordHash = await this.hasher.hash(input.password);
    try {
      const inserted = await this.users.insert({
        email: input.email.toLowerCase(),
        name: input.name,
        role: input.role,
        passwordHash,
      });
      return await this.users.findOneByOrFail({ id: inserted.identifiers[0].id as number });
    } catch (error) {
      if (violates(error, 'users_email_lower_key'))
        throw AppException.conflict('Email is already registered', { email: ['is taken'] });
      throw error;
    }
  }

  /** POST /users: an admin creates an account (of any role); recorded in the audit log with it. */
  createByAdmin(input: NewUser): Promise<User> {
    return this.tx.run(async () => {
      const user = await this.create(input);
      await this.audit.record({
        action: 'user.created',
        target: { type: 'user', id: user.id },
        details: { email: user.email, role: user.role },
      });
      return user;
    });
  }

  /**
   * The user with `email` (case-insensitive), created as a requester without a password when
   * there is none (the email channel's unknown senders; they set one through password reset).
   * Race-safe: two messages from the same new sender make one account.
   */
  async findOrCreateByEmail(email: string, name: string): Promise<User> {
    const address = email.toLowerCase();
    await this.tx.manager.query(
      `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT ((lower(email))) DO NOTHING`,
      [address, name.slice(0, 100) || address.split('@')[0].slice(0, 100), UserRole.USER, NO_PASSWORD],
    );
    return (await this.findByEmail(address))!;
  }

  /** For login: includes the password hash, which is otherwise never selected. */
  findByEmailWithPassword(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  async getVisible(caller: AuthUser, id: number): Promise<UserJson> {
    const user = canSeeUser(caller, id) ? await this.users.findOneBy({ id }) : null;
    if (!user) throw AppException.notFound('User');
    return toUserJson(user);
  }

  async list(query: ListUsersQueryDto): Promise<Page<UserJson>> {
    const qb = this.users.createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(u.name ILIKE :pattern OR u.email ILIKE :pattern)', { pattern });
    }
    const [items, count] = await Promise.all([
      qb.clone().orderBy('u.id', 'ASC').offset(query.offset).limit(query.limit).getMany(),
      this.counts.count(qb),
    ]);
    return toPage(items.map(toUserJson), count, query);
  }

  async update(caller: AuthUser, id: number, changes: UpdateUserDto): Promise<UserJson> {
    assertMayUpdateUser(caller, id, changes);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne();
    if (!user) throw AppException.notFound('User');
    const set: Partial<User> = {};
    if (changes.password !== undefined) {
      if (!(await this.hasher.verify(user.passwordHash, changes.current_password ?? ''))) {
        throw AppException.unprocessable('current_password is wrong', { current_password: ['is wrong'] });
      }
      set.passwordHash = await this.hasher.hash(changes.password);
    }
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.role !== undefined) set.role = changes.role;
    if (changes.is_active !== undefined) set.isActive = changes.is_active;
    // The change, the sessions it ends and its audit entries commit together.
    await this.tx.run(async () => {
      // Only the columns this request changes: writing back the whole (possibly stale) row would undo
      // a concurrent deactivation or demotion made while we were hashing.
      if (Object.keys(set).length) await this.users.update({ id }, set);
      // A new password or a lost role/active flag ends every login session of the account.
      if (changes.password !== undefined || changes.is_active === false) await this.sessions.revokeAllForUser(id);
      await this.audit.record(...auditedChanges(user, set));
    });
    // What the cached user holds (name, role, active flag); the password hash is not cached.
    if (set.name !== undefined || set.role !== undefined || set.isActive !== undefined) this.forgetCached(id);
    return toUserJson(await this.users.findOneByOrFail({ id }));
  }

  /** DELETE /users/:id: rows are never deleted (tickets keep their requester); the account is disabled. */
  async deactivate(caller: AuthUser, id: number): Promise<void> {
    assertMayDeactivateUser(caller, id);
    await this.tx.run(async () => {
      const result = await this.users.update({ id }, { isActive: false });
      if (!result.affected) throw AppException.notFound('User');
      await this.sessions.revokeAllForUser(id);
      await this.audit.record({ action: 'user.deactivated', target: { type: 'user', id } });
    });
    this.forgetCached(id);
  }

  /**
   * `node dist/cli.js create-admin --promote`: an existing account becomes an active admin, with
   * the audit entries a PATCH making that change records (actor null: the command line).
   */
  async promoteToAdmin(id: number): Promise<void> {
    await this.tx.run(async () => {
      const before = await this.users.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw AppException.notFound('User');
      const set = { role: UserRole.ADMIN, isActive: true };
      await this.users.update({ id }, set);
      await this.audit.record(...auditedChanges(before, set));
    });
    this.forgetCached(id);
  }

  /**
   * Sets a password and ends every session; `audited` (a reset's entry) commits with them. Hashed
   * before the transaction opens, so no connection waits on argon2.
   */
  async setPassword(id: number, password: string, audited?: AuditRecord): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.tx.run(async () => {
      await this.users.update({ id }, { passwordHash });
      await this.sessions.revokeAllForUser(id);
      if (audited) await this.audit.record(audited);
    });
  }

  /**
   * This instance forgets the cached user now; every instance (this one again, to drop a lookup
   * that raced the change) once the change committed and the accounts message reaches it. The
   * message is best effort and never delays the caller.
   */
  private forgetCached(id: number): void {
    this.cache.evict(id);
    this.tx.afterCommit(() => this.notifications.accountChanged(id));
  }

  async markEmailVerified(id: number): Promise<User> {
    await this.users.update({ id }, { emailVerifiedAt: () => 'now()' });
    return this.users.findOneByOrFail({ id });
  }

  async countAll(): Promise<number> {
    return this.users.count();
  }
}

/** The audit entries of a PATCH: a role change, a (re)activation, a new password; a name is not audited. */
function auditedChanges(before: User, set: Partial<User>): AuditRecord[] {
  const target = { type: 'user' as const, id: before.id };
  const records: AuditRecord[] = [];
  if (set.role !== undefined && set.role !== before.role) {
    records.push({ action: 'user.role_changed', target, details: { from: before.role, to: set.role } });
  }
  if (set.isActive !== undefined && set.isActive !== before.isActive) {
    records.push({ action: set.isActive ? 'user.reactivated' : 'user.deactivated', target });
  }
  if (set.passwordHash !== undefined) records.push({ action: 'user.password_changed', target });
  return records;
}
