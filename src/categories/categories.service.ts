import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log';
import { changesBetween } from '../audit/audit-details';
import { violates } from '../database/database-errors';
import { TransactionContext } from '../database/transaction-context';
import { Repository } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { UserDirectory } from '../users/user-directory';
import { Category, CategoryAssignment } from './category.entity';
import { CreateCategoryDto, DEFAULT_CATEGORY_COLOR, UpdateCategoryDto } from './dto/category.dtos';

const NAME_TAKEN = () => AppException.conflict('Category name is already taken', { name: ['is taken'] });

@Injectable()
export class CategoriesService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly users: UserDirectory,
    private readonly audit: AuditLog,
  ) {}

  /** Joins the request's transaction when one is open (idempotent creates). */
  private get categories(): Repository<Category> {
    return this.tx.manager.getRepository(Category);
  }

  /** All categories, by name (case-insensitive). The set is small and admin-curated. */
  list(): Promise<Category[]> {
    return this.categories.createQueryBuilder('c').orderBy('lower(c.name)', 'ASC').addOrderBy('c.id', 'ASC').getMany();
  }

  /** For other modules (tickets): null when there is no such category. */
  findById(id: number): Promise<Category | null> {
    return this.categories.findOneBy({ id });
  }

  async get(id: number): Promise<Category> {
    const category = await this.findById(id);
    if (!category) throw AppException.notFound('Category');
    return category;
  }

  async create(input: CreateCategoryDto): Promise<Category> {
    // The friendly check; the unique index on lower(name) settles races (mapped below).
    if (await this.nameTaken(input.name)) throw NAME_TAKEN();
    const agentIds = await this.checkedAgentIds(input.agent_ids);
    const assignment = input.assignment ?? CategoryAssignment.NONE;
    assertAgentsFor(assignment, agentIds ?? []);
    try {
      return await this.tx.run(async () => {
        const inserted = await this.categories.insert({
          name: input.name,
          description: input.description ?? '',
          color: input.color ?? DEFAULT_CATEGORY_COLOR,
          assignment,
          agentIds: agentIds ?? [],
        });
        const category = await this.categories.findOneByOrFail({ id: inserted.identifiers[0].id as number });
        await this.audit.record({
          action: 'category.created',
          target: { type: 'category', id: category.id },
          details: auditedCategory(category),
        });
        return category;
      });
    } catch (error) {
      if (violates(error, 'categories_name_lower_key')) throw NAME_TAKEN();
      throw error;
    }
  }

  async update(id: number, changes: UpdateCategoryDto): Promise<Category> {
    const patch: Partial<Pick<Category, 'name' | 'description' | 'color' | 'assignment' | 'agentIds'>> = {};
    if (changes.name !== undefined) patch.name = changes.name;
    if (changes.description !== undefined) patch.description = changes.description;
    if (changes.color !== undefined) patch.color = changes.color;
    if (changes.assignment !== undefined) patch.assignment = changes.assignment;
    if (!Object.keys(patch).length && changes.agent_ids === undefined) return this.get(id);

    if (patch.name !== undefined && (await this.nameTaken(patch.name, id))) throw NAME_TAKEN();
    const agentIds = await this.checkedAgentIds(changes.agent_ids);
    if (agentIds) patch.agentIds = agentIds;
    return this.tx.run(async () => {
      // Read locked: the assignment rule spans two fields, so a concurrent PATCH of the one cannot
      // leave round robin over an empty list; and the audit entry's "from" is what this replaced.
      const current = await this.findLocked(id);
      if (patch.assignment !== undefined || patch.agentIds !== undefined) {
        assertAgentsFor(patch.assignment ?? current.assignment, patch.agentIds ?? current.agentIds);
      }
      try {
        // An UPDATE, never save(): save() would re-insert a row deleted meanwhile.
        await this.categories.update({ id }, patch);
      } catch (error) {
        if (violates(error, 'categories_name_lower_key')) throw NAME_TAKEN();
        throw error;
      }
      const updated = await this.get(id);
      await this.audit.record({
        action: 'category.updated',
        target: { type: 'category', id },
        details: { changes: changesBetween(auditedCategory(current), auditedCategory(updated)) },
      });
      return updated;
    });
  }

  /** Tickets of the category stay, with category_id NULL (the foreign key is ON DELETE SET NULL). */
  async delete(id: number): Promise<void> {
    await this.tx.run(async () => {
      const current = await this.findLocked(id);
      await this.categories.delete({ id });
      await this.audit.record({
        action: 'category.deleted',
        target: { type: 'category', id },
        details: auditedCategory(current),
      });
    });
  }

  private async findLocked(id: number): Promise<Category> {
    const category = await this.categories
      .createQueryBuilder('c')
      .where('c.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    if (!category) throw AppException.notFound('Category');
    return category;
  }

  /**
   * `ids` sorted ascending when every one is an agent or admin (active or not: an inactive one is
   * skipped at assignment); undefined when not given. Otherwise 422 naming `agent_ids`.
   */
  private async checkedAgentIds(ids: number[] | undefined): Promise<number[] | undefined> {
    if (ids === undefined) return undefined;
    const agents = await this.users.agentsAmong(ids);
    if (agents.length !== ids.length) {
      const known = new Set(agents.map((agent) => agent.id));
      const bad = ids.filter((id) => !known.has(id)).slice(0, 10);
      throw AppException.unprocessable('Every listed user must be an agent or admin', {
        agent_ids: [`not an agent or admin: ${bad.join(', ')}`],
      });
    }
    return agents.map((agent) => agent.id);
  }

  private async nameTaken(name: string, exceptId?: number): Promise<boolean> {
    const qb = this.categories.createQueryBuilder('c').where('lower(c.name) = lower(:name)', { name });
    if (exceptId !== undefined) qb.andWhere('c.id <> :exceptId', { exceptId });
    return qb.getExists();
  }
}

/** What the audit log shows of a category: its name and how it routes tickets. */
function auditedCategory(category: Category) {
  return {
    name: category.name,
    description: category.description,
    color: category.color,
    assignment: category.assignment,
    agent_ids: [...category.agentIds].sort((a, b) => a - b),
  };
}

/** Round robin and least open need someone to assign to. */
function assertAgentsFor(assignment: CategoryAssignment, agentIds: number[]): void {
  if (assignment !== CategoryAssignment.NONE && !agentIds.length) {
    throw AppException.unprocessable(`Assignment ${assignment} needs at least one agent`, {
      agent_ids: ['must not be empty when assignment is round_robin or least_open'],
    });
  }
}
