import { Injectable } from '@nestjs/common';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Page, toPage } from '../common/pagination/pagination';
import { CappedCounter } from '../database/capped-counts';
import { TransactionContext } from '../database/transaction-context';
import { loadOwners } from '../users/owner-ref';
import { UserRole } from '../common/user-role';
import { CreateTemplateDto, ListTemplatesQueryDto, UpdateTemplateDto } from './dto/template.dtos';
import { ResponseTemplate } from './response-template.entity';
import { MAX_RENDERED_LENGTH, renderTemplate, templateVariables } from './template-render';
import { RenderedTemplateJson, TemplateJson, toTemplateJson } from './template.presenter';

const T = 'rt';

/**
 * Response templates. Agents see their own and the public ones and change only their own; admins
 * see and change all. A template the caller may not see is 404, one they may see but not change 403.
 */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly counts: CappedCounter,
  ) {}

  /** Joins the request's transaction when one is open (idempotent creates). */
  private get templates(): Repository<ResponseTemplate> {
    return this.tx.manager.getRepository(ResponseTemplate);
  }

  async list(caller: AuthUser, query: ListTemplatesQueryDto): Promise<Page<TemplateJson>> {
    const qb = this.visible(caller);
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(`${T}.title ILIKE :pattern`, { pattern });
    }
    if (query.category) qb.andWhere(`lower(${T}.category) = lower(:category)`, { category: query.category });
    const [items, count] = await Promise.all([
      qb
        .clone()
        .orderBy(`lower(${T}.title)`, 'ASC')
        .addOrderBy(`${T}.id`, 'ASC')
        .offset(query.offset)
        .limit(query.limit)
        .getMany(),
      this.counts.count(qb),
    ]);
    return toPage(await this.present(items), count, query);
  }

  async get(caller: AuthUser, id: number): Promise<TemplateJson> {
    const [json] = await this.present([await this.findVisible(caller, id)]);
    return json;
  }

  async create(caller: AuthUser, input: CreateTemplateDto): Promise<TemplateJson> {
    const inserted = await this.templates.insert({
      title: input.title,
      content: input.content,
      category: input.category ?? null,
      isPublic: input.is_public ?? false,
      ownerId: caller.id,
    });
    const template = await this.templates.findOneByOrFail({ id: inserted.identifiers[0].id as number });
    const [json] = await this.present([template]);
    return json;
  }

  async update(caller: AuthUser, id: number, changes: UpdateTemplateDto): Promise<TemplateJson> {
    this.assertMayChange(caller, await this.findVisible(caller, id));
    const patch: Partial<Pick<ResponseTemplate, 'title' | 'content' | 'category' | 'isPublic'>> = {};
    if (changes.title !== undefined) patch.title = changes.title;
    if (changes.content !== undefined) patch.content = changes.content;
    if (changes.category !== undefined) patch.category = changes.category;
    if (changes.is_public !== undefined) patch.isPublic = changes.is_public;
    if (Object.keys(patch).length) {
      // An UPDATE, never save(): save() would re-insert a row deleted meanwhile.
      const result = await this.templates.update({ id }, patch);
      if (!result.affected) throw AppException.notFound('Template');
    }
    return this.get(caller, id);
  }

  async delete(caller: AuthUser, id: number): Promise<void> {
    this.assertMayChange(caller, await this.findVisible(caller, id));
    const result = await this.templates.delete({ id });
    if (!result.affected) throw AppException.notFound('Template');
  }

  /** 422 naming the missing variables (`details.missing`) when the context lacks any. */
  async render(caller: AuthUser, id: number, context: Record<string, string | number>): Promise<RenderedTemplateJson> {
    const template = await this.findVisible(caller, id);
    const variables = templateVariables(template.content);
    const result = renderTemplate(template.content, context);
    if (result.kind === 'missing') {
      throw AppException.unprocessable(`Missing template variables: ${result.missing.join(', ')}`, {
        missing: result.missing,
      });
    }
    if (result.kind === 'too_long') {
      throw AppException.unprocessable(`The rendered template would exceed ${MAX_RENDERED_LENGTH} characters`, {
        processed_content: [`would be ${result.length} characters, at most ${MAX_RENDERED_LENGTH}`],
      });
    }
    return { processed_content: result.content, original_content: template.content, variables };
  }

  /** Admins see every template; agents their own and the public ones. */
  private visible(caller: AuthUser): SelectQueryBuilder<ResponseTemplate> {
    const qb = this.templates.createQueryBuilder(T);
    if (caller.role !== UserRole.ADMIN) qb.where(`(${T}.ownerId = :me OR ${T}.isPublic)`, { me: caller.id });
    return qb;
  }

  private async findVisible(caller: AuthUser, id: number): Promise<ResponseTemplate> {
    const template = await this.visible(caller).andWhere(`${T}.id = :id`, { id }).getOne();
    if (!template) throw AppException.notFound('Template');
    return template;
  }

  /** The owner never changes, so checking before the write is safe. */
  private assertMayChange(caller: AuthUser, template: ResponseTemplate): void {
    if (caller.role !== UserRole.ADMIN && template.ownerId !== caller.id) {
      throw AppException.forbidden('Only the owner or an admin may change this template');
    }
  }

  private async present(templates: ResponseTemplate[]): Promise<TemplateJson[]> {
    const owners = await loadOwners(
      this.tx.manager,
      templates.map((t) => t.ownerId),
    );
    return templates.map((t) => toTemplateJson(t, owners.get(t.ownerId)!));
  }
}
