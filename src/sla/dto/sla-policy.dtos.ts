import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, Max, Min } from 'class-validator';
import { IsOmittable } from '../../common/decorators/optional.decorator';
import { SlaCalendar } from '../sla-policy.entity';

/** A year: a longer target is a typo, and minutes must stay far inside Postgres' int. */
export const SLA_MAX_MINUTES = 525_600;

export class UpdateSlaPolicyDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: SLA_MAX_MINUTES,
    example: 60,
    description: 'minutes from creation',
  })
  @IsInt()
  @Min(1)
  @Max(SLA_MAX_MINUTES)
  first_response_minutes!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: SLA_MAX_MINUTES,
    example: 240,
    description: 'minutes from creation',
  })
  @IsInt()
  @Min(1)
  @Max(SLA_MAX_MINUTES)
  resolution_minutes!: number;

  @ApiPropertyOptional({
    enum: SlaCalendar,
    example: SlaCalendar.BUSINESS_HOURS,
    description: 'what the minutes count: every minute (`24x7`) or only the business hours; omitted: unchanged',
  })
  @IsOmittable()
  @IsEnum(SlaCalendar)
  calendar?: SlaCalendar;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: SLA_MAX_MINUTES,
    example: 15,
    description: 'wall-clock minutes before a due time at which the desk is warned; 0 = never; omitted: unchanged',
  })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(SLA_MAX_MINUTES)
  warn_before_minutes?: number;
}
