// Users for tests: created through the real service (argon2 and all), logged in over HTTP.
import { randomBytes } from 'node:crypto';
import { User } from '../../src/users/user.entity';
import { UserRole } from '../../src/common/user-role';
import { UsersService } from '../../src/users/users.service';
import { TestApp } from '../support/test-app';

export interface TestUser {
  user: User;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

let counter = 0;

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${Date.now().toString(36)}-${++counter}-${randomBytes(2).toString('hex')}@example.test`;
}

export async function makeUser(
  t: TestApp,
  overrides: Partial<{ role: UserRole; email: string; password: string; name: string }> = {},
): Promise<TestUser> {
  const role = overrides.role ?? UserRole.USER;
  const email = overrides.email ?? uniqueEmail(role);
  const password = overrides.password ?? `pw-${randomBytes(6).toString('hex')}`;
  const user = await t.app.get(UsersService).create({ email, password, role, name: overrides.name ?? `Test ${role}` });
  const tokens = await login(t, email, password);
  return { user, email, password, token: tokens.access_token, refreshToken: tokens.refresh_token };
}

export async function login(t: TestApp, email: string, password: string) {
  const res = await t.http.post('/api/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${res.text}`);
  return res.body as { access_token: string; refresh_token: string; token_type: string; expires_in: number };
}

export const makeAdmin = (t: TestApp) => makeUser(t, { role: UserRole.ADMIN });
export const makeAgent = (t: TestApp) => makeUser(t, { role: UserRole.AGENT });

/** A user who left: deactivated in SQL, without the API's cache invalidation or events. */
export async function deactivateUser(t: TestApp, id: number): Promise<void> {
  await t.dataSource.query('UPDATE users SET is_active = false WHERE id = $1', [id]);
}
