// Every entity, listed explicitly (no globs) so the app, the CLI and jest load the same classes.
import { AccountToken } from '../auth/account-token.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { User } from '../users/user.entity';

export const entities: Function[] = [User, RefreshToken, AccountToken];
