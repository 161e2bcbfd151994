import { ApiProperty } from '@nestjs/swagger';
import { Automation, AutomationActions, AutomationConditions } from './automation.entity';
import { AutomationActionsDto, AutomationConditionsDto } from './dto/automation.dtos';

/** The wire shape of an automation: the one place an Automation becomes JSON. */
export class AutomationJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ example: 'Close resolved tickets after 72 h' }) name!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({
    type: () => AutomationConditionsDto,
    description: 'as stored: tags lower-cased, de-duplicated and sorted; empty tag lists left out',
    example: { status: ['resolved'], hours_in_status: 72 },
  })
  conditions!: AutomationConditions;
  @ApiProperty({
    type: () => AutomationActionsDto,
    description: 'as stored: tags lower-cased, de-duplicated and sorted; a comment with its is_internal',
    example: { status: 'closed' },
  })
  actions!: AutomationActions;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

/** `GET /automations`: a short, admin-curated list, so not paginated (API.md → Lists). */
export class AutomationListJson {
  @ApiProperty({ type: [AutomationJson], description: 'ordered by id' }) items!: AutomationJson[];
}

export function toAutomationJson(automation: Automation): AutomationJson {
  return {
    id: automation.id,
    name: automation.name,
    active: automation.active,
    conditions: automation.conditions,
    actions: automation.actions,
    created_at: automation.createdAt.toISOString(),
    updated_at: automation.updatedAt.toISOString(),
  };
}
