import { ApiProperty } from '@nestjs/swagger';
import { TicketPriority } from '../common/ticket-enums';
import { SlaCalendar, SlaPolicy } from './sla-policy.entity';

/** The wire shape of an SLA policy: the one place a SlaPolicy becomes JSON. */
export class SlaPolicyJson {
  @ApiProperty({ enum: TicketPriority }) priority!: TicketPriority;
  @ApiProperty({ type: 'integer', example: 60 }) first_response_minutes!: number;
  @ApiProperty({ type: 'integer', example: 240 }) resolution_minutes!: number;
  @ApiProperty({ enum: SlaCalendar, example: SlaCalendar.ALWAYS, description: 'what the minutes count' })
  calendar!: SlaCalendar;
  @ApiProperty({
    type: 'integer',
    example: 0,
    description: 'minutes before a due time at which the desk is warned; 0 = never',
  })
  warn_before_minutes!: number;
}

/** `GET /sla-policies`: one per priority, so not paginated (API.md → Lists). */
export class SlaPolicyListJson {
  @ApiProperty({ type: [SlaPolicyJson], description: 'low, medium, high, urgent' }) items!: SlaPolicyJson[];
}

export function toSlaPolicyJson(policy: SlaPolicy): SlaPolicyJson {
  return {
    priority: policy.priority,
    first_response_minutes: policy.firstResponseMinutes,
    resolution_minutes: policy.resolutionMinutes,
    calendar: policy.calendar,
    warn_before_minutes: policy.warnBeforeMinutes,
  };
}
