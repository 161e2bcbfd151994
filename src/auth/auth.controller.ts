import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { EmailField } from '../users/dto/user.dtos';
import { toUserJson, UserJson } from '../users/user.presenter';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import {
  LoginDto,
  PasswordResetConfirmDto,
  RefreshTokenDto,
  RegisterDto,
  TokenPairJson,
  VerifyEmailConfirmDto,
} from './dto/auth.dtos';
import { ApiBodyExample, ApiErrors } from '../common/openapi/openapi.decorators';
import { ErrorCode } from '../common/errors/error-code';

const ACCOUNT_EMAIL_LIMITS =
  'Always, at once. Reset and verification emails go to one address at most once a minute and 5 times an ' +
  'hour; past that, requests are still accepted and nothing is sent';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('register')
  @Public()
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.CONFLICT)
  @ApiBodyExample({ email: 'jane@example.com', password: 'correct-horse-battery', name: 'Jane Doe' })
  @ApiOperation({ operationId: 'register', summary: 'Create a requester account' })
  @ApiCreatedResponse({ type: UserJson })
  async register(@Body() body: RegisterDto): Promise<UserJson> {
    return toUserJson(await this.auth.register(body));
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiErrors(ErrorCode.UNAUTHENTICATED)
  @ApiBodyExample({ email: 'agent@example.com', password: 'ILoveHelpdesk1' })
  @ApiOperation({ operationId: 'login', summary: 'Exchange email and password for tokens' })
  @ApiOkResponse({ type: TokenPairJson })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password, or an inactive account (one answer for all)' })
  @ApiTooManyRequestsResponse({
    description:
      'RATE_LIMIT with Retry-After: 10 attempts a minute per IP; 10 failed attempts a minute per email and IP ' +
      '(`details.scope` `login-email-ip`); past 50 failed attempts in 15 minutes for one email, only IPs that ' +
      'have logged into that account before may try (`login-account`)',
  })
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<TokenPairJson> {
    return this.auth.login(body.email, body.password, ip);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiErrors(ErrorCode.UNAUTHENTICATED)
  @ApiBodyExample({ refresh_token: '3q2-7wEAZbHk1Jx0n6uVh4yQfTq8u2lR9cXgM1oPz5E' })
  @ApiOperation({
    operationId: 'refresh',
    summary: 'Rotate a refresh token; presenting a rotated one revokes its whole login session',
    description:
      'The new access token belongs to the same login session. Presenting a rotated refresh token ends the ' +
      'session: its access tokens are refused (401) and its WebSockets close (4401) on every instance.',
  })
  @ApiOkResponse({ type: TokenPairJson })
  refresh(@Body() body: RefreshTokenDto): Promise<TokenPairJson> {
    return this.auth.refresh(body.refresh_token);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiBodyExample({ refresh_token: '3q2-7wEAZbHk1Jx0n6uVh4yQfTq8u2lR9cXgM1oPz5E' })
  @ApiOperation({
    operationId: 'logout',
    summary: 'End the login session of a refresh token',
    description:
      'Its refresh tokens and the access tokens issued in it are refused (401) at once on every instance, and ' +
      'its WebSockets close with 4401. No access token needed; an unknown refresh token is ignored (204).',
  })
  @ApiNoContentResponse()
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logout(body.refresh_token);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'getMe', summary: 'The caller' })
  @ApiOkResponse({ type: UserJson })
  me(@CurrentUser() caller: AuthUser): Promise<UserJson> {
    return this.users.getVisible(caller, caller.id);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiBodyExample({ email: 'jane@example.com' })
  @ApiOperation({
    operationId: 'requestPasswordReset',
    summary: 'Email a single-use reset token (valid 1 h) if the account exists',
  })
  @ApiAcceptedResponse({ description: ACCOUNT_EMAIL_LIMITS })
  requestPasswordReset(@Body() body: EmailField): void {
    this.auth.requestPasswordReset(body.email);
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiErrors(ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({ token: 'f1c3b0e2a9d84c6b8e7a5d4c3b2a1f0e', password: 'correct-horse-battery-2' })
  @ApiOperation({
    operationId: 'confirmPasswordReset',
    summary: 'Set a new password with a reset token; ends every session',
    description: 'Every login session of the user ends: refresh and access tokens (401) and WebSockets (4401).',
  })
  @ApiNoContentResponse()
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.auth.confirmPasswordReset(body.token, body.password);
  }

  @Post('verify-email')
  @Public()
  @HttpCode(202)
  @ApiBodyExample({ email: 'jane@example.com' })
  @ApiOperation({
    operationId: 'requestEmailVerification',
    summary: 'Email a 6-digit code (valid 15 min) if the account exists',
  })
  @ApiAcceptedResponse({ description: ACCOUNT_EMAIL_LIMITS })
  requestEmailVerification(@Body() body: EmailField): void {
    this.auth.requestEmailVerification(body.email);
  }

  @Post('verify-email/confirm')
  @Public()
  @HttpCode(200)
  @ApiErrors(ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({ email: 'jane@example.com', code: '042917' })
  @ApiOperation({ operationId: 'confirmEmailVerification', summary: 'Confirm the code; 5 wrong codes invalidate it' })
  @ApiOkResponse({ type: UserJson })
  @ApiUnprocessableEntityResponse({
    description:
      'UNPROCESSABLE: the code is wrong, expired or used, or the address had 10 wrong codes within the last hour ' +
      '(then every code for it is refused until that hour has passed, re-issued ones too); one answer for all',
  })
  async confirmEmailVerification(@Body() body: VerifyEmailConfirmDto): Promise<UserJson> {
    return toUserJson(await this.auth.confirmEmailVerification(body.email, body.code));
  }
}
