import { ApiProperty } from '@nestjs/swagger';
import { User } from './user.entity';
import { UserRole } from '../common/user-role';

/** The wire shape of a user: the one place a User becomes JSON. Never carries the password hash. */
export class UserJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UserRole }) role!: UserRole;
  @ApiProperty() is_active!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) email_verified_at!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export function toUserJson(user: User): UserJson {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    is_active: user.isActive,
    email_verified_at: user.emailVerifiedAt?.toISOString() ?? null,
    created_at: user.createdAt.toISOString(),
  };
}
