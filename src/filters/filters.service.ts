import { Injectable } from '@nestjs/common';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Page, PaginationQueryDto, toPage } from '../common/pagination/pagination';
import { CappedCounter } from '../database/capped-counts';
import { TransactionContext } from '../database/transaction-context';
import { ListTicketsQueryDto } from '../tickets/dto/ticket.dtos';
import { SavedFilterSource } from '../tickets/read/saved-filter-source';
import { loadOwners } from '../users/owner-ref';
import { isStaff, UserRole } from '../common/user-role';
import { CreateFilterDto, UpdateFilterDto } from './dto/filter.dtos';
import { FilterJson, toFilterJson } from './filter.presenter';
import { FilterParams, mergeUnder, parseFilterParams, toQueryStringForm } from './filter-params';
import { SavedFilter } from './saved-filter.entity';

const F = 'sf';

/**
 * Saved ticket filters. Agents and admins see their own and the public ones (another's private
 * filter is 404 to everyone); the owner changes and deletes a filter, and so may an admin when it
 * is public (shared views are curated). Requesters have none.
 */
@Injectable()
export class FiltersService implements SavedFilterSource {
  constructor(
    private readonly tx: TransactionContext,
    private readonly counts: CappedCounter,
  ) {}

  /** Joins the request's transaction when one is open (idempotent creates). */
  private get filters(): Repository<SavedFilter> {
    return this.tx.manager.getRepository(SavedFilter);
  }

  async list(caller: AuthUser, query: PaginationQueryDto): Promise<Page<FilterJson>> {
    const qb = this.visible(caller);
    const [items, count] = await Promise.all([
      qb
        .clone()
        .orderBy(`lower(${F}.name)`, 'ASC')
        .addOrderBy(`${F}.id`, 'ASC')
        .offset(query.offset)
        .limit(query.limit)
        .getMany(),
      this.counts.count(qb),
    ]);
    return toPage(await this.present(items), count, query);
  }

  async get(caller: AuthUser, id: number): Promise<FilterJson> {
    const [json] = await this.present([await this.findVisible(caller, id)]);
    return json;
  }

  async create(caller: AuthUser, input: CreateFilterDto): Promise<FilterJson> {
    const inserted = await this.filters.insert({
      name: input.name,
      filterParams: await validParams(input.filter_params),
      isPublic: input.is_public ?? false,
      ownerId: caller.id,
    });
    const [json] = await this.present([
      await this.filters.findOneByOrFail({ id: inserted.identifiers[0].id as number }),
    ]);
    return json;
  }

  async update(caller: AuthUser, id: number, changes: UpdateFilterDto): Promise<FilterJson> {
    this.assertMayChange(caller, await this.findVisible(caller, id));
    const patch: Partial<Pick<SavedFilter, 'name' | 'filterParams' | 'isPublic'>> = {};
    if (changes.name !== undefined) patch.name = changes.name;
    if (changes.filter_params !== undefined) patch.filterParams = await validParams(changes.filter_params);
    if (changes.is_public !== undefined) patch.isPublic = changes.is_public;
    if (Object.keys(patch).length) {
      // An UPDATE, never save(): save() would re-insert a row deleted meanwhile.
      const result = await this.filters.update({ id }, patch);
      if (!result.affected) throw AppException.notFound('Filter');
    }
    return this.get(caller, id);
  }

  async delete(caller: AuthUser, id: number): Promise<void> {
    this.assertMayChange(caller, await this.findVisible(caller, id));
    const result = await this.filters.delete({ id });
    if (!result.affected) throw AppException.notFound('Filter');
  }

  /**
   * `GET /tickets?filter_id=`: the query with the saved filter's params under it (explicit params
   * win). A filter the caller may not see is 404; the query as is when there is no `filter_id`.
   */
  async applyTo(caller: AuthUser, query: ListTicketsQueryDto): Promise<ListTicketsQueryDto> {
    if (query.filter_id === undefined) return query;
    const filter = await this.findVisible(caller, query.filter_id);
    const parsed = await parseFilterParams(filter.filterParams);
    if (!parsed.ok) {
      // Only if the ticket query changed since the filter was saved: say so rather than guess.
      throw AppException.unprocessable(`Saved filter ${filter.id} is no longer a valid ticket query; update it`, {
        filter_params: parsed.errors,
      });
    }
    return mergeUnder(parsed.query, query);
  }

  /** Own and public filters, for agents and admins; nothing for requesters. */
  private visible(caller: AuthUser): SelectQueryBuilder<SavedFilter> {
    const qb = this.filters.createQueryBuilder(F);
    if (!isStaff(caller.role)) return qb.where('false');
    return qb.where(`(${F}.ownerId = :me OR ${F}.isPublic)`, { me: caller.id });
  }

  private async findVisible(caller: AuthUser, id: number): Promise<SavedFilter> {
    const filter = await this.visible(caller).andWhere(`${F}.id = :id`, { id }).getOne();
    if (!filter) throw AppException.notFound('Filter');
    return filter;
  }

  /** The owner never changes, so checking before the write is safe. */
  private assertMayChange(caller: AuthUser, filter: SavedFilter): void {
    if (filter.ownerId === caller.id || (caller.role === UserRole.ADMIN && filter.isPublic)) return;
    throw AppException.forbidden('Only the owner (or an admin, for a public filter) may change this filter');
  }

  private async present(filters: SavedFilter[]): Promise<FilterJson[]> {
    const owners = await loadOwners(
      this.tx.manager,
      filters.map((f) => f.ownerId),
    );
    return filters.map((f) => toFilterJson(f, owners.get(f.ownerId)!));
  }
}

/** The params in query-string form, or 400 naming each bad one as `filter_params.<name>`. */
async function validParams(input: Record<string, string | number | boolean>): Promise<FilterParams> {
  const params = toQueryStringForm(input);
  const parsed = await parseFilterParams(params);
  if (parsed.ok) return params;
  const details = Object.fromEntries(
    Object.entries(parsed.errors).map(([key, messages]) => [`filter_params.${key}`, messages]),
  );
  throw AppException.validation(`Invalid filter_params: ${Object.keys(parsed.errors).join(', ')}`, details);
}
