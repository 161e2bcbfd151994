// The admin's automations (API.md → automations): shape is the DTOs' (400), meaning is checked
// here (422, naming the field) before anything is stored: the pure rules of automation-rules.ts,
// then what only the database knows (the assignee, the categories).
import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log';
import { changesBetween } from '../audit/audit-details';
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { UserRole } from '../common/user-role';
import { TransactionContext } from '../database/transaction-context';
import { CategoriesService } from '../categories/categories.service';
import { checkStatusChange } from '../tickets/write/ticket-status-machine';
import { normaliseTagNames } from '../tickets/write/ticket-tags';
import { UserDirectory } from '../users/user-directory';
import { Automation, AutomationActions, AutomationConditions } from './automation.entity';
import { ruleProblem, TransitionCheck } from './automation-rules';
import { AutomationRepository } from './automation.repository';
import {
  AutomationActionsDto,
  AutomationConditionsDto,
  CreateAutomationDto,
  UpdateAutomationDto,
} from './dto/automation.dtos';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../common/ticket-enums';

/** The status machine as the desk applies it (an automation acts with an admin's rights). */
export const deskTransition: TransitionCheck = (from, to) =>
  checkStatusChange(from, to, { role: UserRole.ADMIN, isRequester: false }).kind !== 'invalid';

@Injectable()
export class AutomationsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly automations: AutomationRepository,
    private readonly users: UserDirectory,
    private readonly categories: CategoriesService,
    private readonly audit: AuditLog,
  ) {}

  list(): Promise<Automation[]> {
    return this.automations.list();
  }

  async get(id: number): Promise<Automation> {
    const automation = await this.automations.findById(id);
    if (!automation) throw AppException.notFound('Automation');
    return automation;
  }

  async create(caller: AuthUser, input: CreateAutomationDto): Promise<Automation> {
    return this.tx.run(async () => {
      const conditions = normaliseConditions(input.conditions);
      const actions = normaliseActions(input.actions);
      await this.assertMeaningful(conditions, actions);
      const id = await this.automations.insert({
        name: input.name,
        active: input.active ?? true,
        conditions,
        actions,
        authorId: caller.id,
      });
      const created = await this.get(id);
      await this.audit.record({
        action: 'automation.created',
        target: { type: 'automation', id },
        details: auditedRule(created),
      });
      return created;
    });
  }

  /** Any subset; the merged rule is checked as a whole. The caller becomes the rule's author. */
  async update(caller: AuthUser, id: number, input: UpdateAutomationDto): Promise<Automation> {
    return this.tx.run(async () => {
      const current = await this.automations.findById(id, true);
      if (!current) throw AppException.notFound('Automation');
      const conditions = input.conditions ? normaliseConditions(input.conditions) : current.conditions;
      const actions = input.actions ? normaliseActions(input.actions) : current.actions;
      await this.assertMeaningful(conditions, actions);
      await this.automations.update(id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        conditions,
        actions,
        authorId: caller.id,
      });
      const updated = await this.get(id);
      await this.audit.record({
        action: 'automation.updated',
        target: { type: 'automation', id },
        details: { changes: changesBetween(auditedRule(current), auditedRule(updated)) },
      });
      return updated;
    });
  }

  async delete(id: number): Promise<void> {
    await this.tx.run(async () => {
      const current = await this.automations.findById(id, true);
      if (!current || !(await this.automations.delete(id))) throw AppException.notFound('Automation');
      await this.audit.record({
        action: 'automation.deleted',
        target: { type: 'automation', id },
        details: { name: current.name },
      });
    });
  }

  /** 422 naming the field, for a rule that is well-formed but cannot work. */
  private async assertMeaningful(conditions: AutomationConditions, actions: AutomationActions): Promise<void> {
    const problem = ruleProblem(conditions, actions, deskTransition);
    if (problem) {
      throw AppException.unprocessable(`${problem.field} ${problem.problem}`, { [problem.field]: [problem.problem] });
    }
    if (typeof actions.assignee_id === 'number' && !(await this.users.isAssignable(actions.assignee_id))) {
      throw AppException.unprocessable('The assignee must be an active agent or admin', {
        'actions.assignee_id': ['is not an active agent or admin'],
      });
    }
    for (const categoryId of conditions.category_id ?? []) {
      if (!(await this.categories.findById(categoryId))) {
        throw AppException.unprocessable('No such category', {
          'conditions.category_id': [`${categoryId} does not exist`],
        });
      }
    }
  }
}

/** The stored form: lists in a stable order (tags as tickets store them), empty tag lists left out. */
export function normaliseConditions(input: AutomationConditionsDto): AutomationConditions {
  const conditions: AutomationConditions = {
    status: TICKET_STATUSES.filter((status) => input.status.includes(status)),
  };
  if (input.priority) conditions.priority = TICKET_PRIORITIES.filter((p) => input.priority!.includes(p));
  if (input.category_id) conditions.category_id = [...input.category_id].sort((a, b) => a - b);
  const tagsAll = normaliseTagNames(input.tags_all ?? []);
  if (tagsAll.length) conditions.tags_all = tagsAll;
  const tagsNone = normaliseTagNames(input.tags_none ?? []);
  if (tagsNone.length) conditions.tags_none = tagsNone;
  if (input.hours_since_update !== undefined) conditions.hours_since_update = input.hours_since_update;
  if (input.hours_in_status !== undefined) conditions.hours_in_status = input.hours_in_status;
  return conditions;
}

export function normaliseActions(input: AutomationActionsDto): AutomationActions {
  const actions: AutomationActions = {};
  if (input.status !== undefined) actions.status = input.status;
  if (input.priority !== undefined) actions.priority = input.priority;
  if (input.assignee_id !== undefined) actions.assignee_id = input.assignee_id;
  const add = normaliseTagNames(input.add_tags ?? []);
  if (add.length) actions.add_tags = add;
  const remove = normaliseTagNames(input.remove_tags ?? []);
  if (remove.length) actions.remove_tags = remove;
  if (input.comment) actions.comment = { body: input.comment.body, is_internal: input.comment.is_internal ?? false };
  return actions;
}

/** What the audit log shows of a rule (a comment action's body is cut short by the log's bounds). */
function auditedRule(rule: Automation) {
  return { name: rule.name, active: rule.active, conditions: rule.conditions, actions: rule.actions };
}
