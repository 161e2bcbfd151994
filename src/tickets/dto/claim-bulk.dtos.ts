import { IsOmittable } from '../../common/decorators/optional.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, Max, Min } from 'class-validator';
import { TicketStatus } from '../../common/ticket-enums';

export const MAX_CLAIM = 15;
export const MAX_BULK = 100;

export class ClaimTicketsDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_CLAIM, default: MAX_CLAIM })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(MAX_CLAIM)
  limit?: number;
}

export class BulkUpdateDto {
  @ApiProperty({ type: [Number], minItems: 1, maxItems: MAX_BULK })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  ids!: number[];

  @ApiProperty({ enum: TicketStatus })
  @IsEnum(TicketStatus)
  status!: TicketStatus;
}
