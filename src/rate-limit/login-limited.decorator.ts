import { SetMetadata } from '@nestjs/common';

export const LOGIN_LIMITED = 'loginLimited';

/** Adds the per-IP and per-email login budgets (LOGIN_RATE_LIMIT_PER_MINUTE) to a route. */
export const LoginLimited = () => SetMetadata(LOGIN_LIMITED, true);
