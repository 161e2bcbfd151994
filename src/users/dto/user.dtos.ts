import { IsOmittable } from '../../common/decorators/optional.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination/pagination';
import { UserRole } from '../../common/user-role';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** Passwords: at least 8 characters; capped so nobody can make us hash a megabyte. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export class EmailField {
  @ApiProperty({ example: 'jane@example.com', maxLength: 254 })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;
}

/** What every new account is made of, by self-registration or by an admin. */
export class AccountFields extends EmailField {
  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password!: string;

  @ApiProperty({ minLength: 1, maxLength: 100 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;
}

export class CreateUserDto extends AccountFields {
  @ApiProperty({ enum: UserRole })
  @IsEnum(UserRole)
  role!: UserRole;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ enum: UserRole, description: 'admin only, not on yourself' })
  @IsOmittable()
  @IsEnum(UserRole)
  role?: UserRole;

  @ApiPropertyOptional({ description: 'admin only, not on yourself' })
  @IsOmittable()
  @IsBoolean()
  is_active?: boolean;

  @ApiPropertyOptional({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    description: 'self only, with current_password',
  })
  @IsOmittable()
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password?: string;

  @ApiPropertyOptional({ description: 'required with password' })
  @IsOmittable()
  @IsString()
  @MaxLength(PASSWORD_MAX)
  current_password?: string;
}

export class ListUsersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: UserRole })
  @IsOmittable()
  @IsEnum(UserRole)
  role?: UserRole;

  @ApiPropertyOptional({ description: 'matches name or email (case-insensitive substring)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
