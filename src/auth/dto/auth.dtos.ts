import { IsOmittable } from '../../common/decorators/optional.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { AccountFields, EmailField, PASSWORD_MAX, PASSWORD_MIN } from '../../users/dto/user.dtos';

export class RegisterDto extends AccountFields {
  @ApiPropertyOptional({ description: 'Only "user" is accepted; anything else is 403' })
  @IsOmittable()
  @IsString()
  @MaxLength(20)
  role?: string;
}

export class LoginDto extends EmailField {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

export class RefreshTokenDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  refresh_token!: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the email' })
  @IsString()
  @Length(1, 200)
  token!: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

export class VerifyEmailConfirmDto extends EmailField {
  @ApiProperty({ example: '042917', description: 'The 6-digit code from the email' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'must be 6 digits' })
  code!: string;
}

export class TokenPairJson {
  @ApiProperty() access_token!: string;
  @ApiProperty() refresh_token!: string;
  @ApiProperty({ example: 'Bearer' }) token_type!: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'access token lifetime in seconds', example: 900 }) expires_in!: number;
}
