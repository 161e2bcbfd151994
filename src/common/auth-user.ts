import { UserRole } from './user-role';

/** Who is calling: attached to the request by the JWT strategy after the user was found active. */
export interface AuthUser {
  id: number;
  role: UserRole;
  email: string;
  name: string;
}
