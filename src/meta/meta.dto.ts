import { ApiProperty } from '@nestjs/swagger';

/** GET /api/_meta: the shape API.md fixes, nothing more. */
export class MetaDto {
  @ApiProperty({ example: 'helpdesk' }) name!: string;
  @ApiProperty({ example: '0.1.0' }) version!: string;
  @ApiProperty({ example: '3f2c1e0' }) commit!: string;
  @ApiProperty({ example: 'v20.20.2' }) node!: string;
  @ApiProperty({ format: 'date-time' }) started_at!: string;
  @ApiProperty({ type: 'integer', example: 42 }) uptime_s!: number;
}
