export enum UserRole {
  USER = 'user',
  AGENT = 'agent',
  ADMIN = 'admin',
}

export const USER_ROLES = Object.values(UserRole);

/** Agents and admins work the desk; users (requesters) only see their own tickets. */
export function isStaff(role: UserRole): boolean {
  return role === UserRole.AGENT || role === UserRole.ADMIN;
}
