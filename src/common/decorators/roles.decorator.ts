import { SetMetadata } from '@nestjs/common';
import { UserRole } from '../user-role';

export const ROLES = 'roles';

/** Restricts a controller or route to these roles (checked by RolesGuard after authentication). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);
