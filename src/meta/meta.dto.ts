import { ApiProperty } from '@nestjs/swagger';
import { UserRole } from '../users/user-role';

export class DemoAccountDto {
  @ApiProperty({ example: 'agent@example.com' }) email!: string;
  @ApiProperty({ example: 'Alan Agent' }) name!: string;
  @ApiProperty({ enum: UserRole }) role!: UserRole;
}

export class DemoAccountsDto {
  @ApiProperty({ example: 'ILoveHelpdesk1', description: 'the password of every demo account' }) password!: string;
  @ApiProperty({ type: [DemoAccountDto] }) accounts!: DemoAccountDto[];
}

export class MetaDto {
  @ApiProperty({ example: 'helpdesk' }) name!: string;
  @ApiProperty({ example: '0.1.0' }) version!: string;
  @ApiProperty({ example: '3f2c1e0' }) commit!: string;
  @ApiProperty({ example: 'v20.20.2' }) node!: string;
  @ApiProperty({ format: 'date-time' }) started_at!: string;
  @ApiProperty({ example: 42 }) uptime_s!: number;
  @ApiProperty({
    type: DemoAccountsDto,
    nullable: true,
    description:
      'The demo accounts seeded at start (SEED_DEMO), for the web console to list on its sign-in page; ' +
      'null in production and when seeding is off. They exist only if the database had no users at start.',
  })
  demo!: DemoAccountsDto | null;
}
