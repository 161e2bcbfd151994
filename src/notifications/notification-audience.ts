// Who may receive a realtime notification: the REST visibility rules, applied per socket.
import { AuthUser } from '../common/auth-user';
import { UserRole } from '../common/user-role';
import { PublishedNotification } from '../realtime/realtime-message';
import { seesInternal } from '../tickets/read/ticket-visibility';

/**
 * The REST visibility rules applied to one event (ticket-visibility.ts): agents and admins see
 * every ticket and internal notes; a requester sees their own tickets' public events only.
 */
export function mayReceive(viewer: AuthUser, audience: PublishedNotification['audience']): boolean {
  if (audience.internal && !seesInternal(viewer)) return false;
  return viewer.role !== UserRole.USER || audience.requester_id === viewer.id;
}
