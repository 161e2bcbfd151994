import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** A year: a longer target is a typo, and minutes must stay far inside Postgres' int. */
export const SLA_MAX_MINUTES = 525_600;

export class UpdateSlaPolicyDto {
  @ApiProperty({ minimum: 1, maximum: SLA_MAX_MINUTES, example: 60, description: 'minutes from creation' })
  @IsInt()
  @Min(1)
  @Max(SLA_MAX_MINUTES)
  first_response_minutes!: number;

  @ApiProperty({ minimum: 1, maximum: SLA_MAX_MINUTES, example: 240, description: 'minutes from creation' })
  @IsInt()
  @Min(1)
  @Max(SLA_MAX_MINUTES)
  resolution_minutes!: number;
}
