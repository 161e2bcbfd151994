import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { commaList } from '../../common/comma-list';
import { PaginationQueryDto } from '../../common/pagination/pagination';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, AuditAction, AuditTargetType } from '../audit-actions';

const MAX_INT = 2_147_483_647;

export class ListAuditLogQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    description: 'one or more actions: a comma list (`auth.login,auth.login_failed`) or the parameter repeated',
    type: 'array',
    items: { type: 'string', enum: [...AUDIT_ACTIONS] },
    example: ['auth.login_failed'],
  })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(AUDIT_ACTIONS.length)
  @IsIn(AUDIT_ACTIONS, { each: true })
  action?: AuditAction[];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_INT, description: 'who acted' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  actor_id?: number;

  @ApiPropertyOptional({ enum: AUDIT_TARGET_TYPES, enumName: 'AuditTargetType' })
  @IsOptional()
  @IsIn(AUDIT_TARGET_TYPES)
  target_type?: AuditTargetType;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_INT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  target_id?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'entries at or after this instant (ISO 8601)' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'entries before this instant (ISO 8601, exclusive)' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}
