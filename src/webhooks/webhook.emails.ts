// The email admins get when a hook is deactivated automatically. A pure function.
import type { SendMailJob } from '../queues/queues';

export interface DeactivatedHook {
  id: number;
  url: string;
  reason: string;
}

export function webhookDeactivatedEmail(to: string, hook: DeactivatedHook): SendMailJob {
  const text = [
    `Webhook #${hook.id} (${hook.url}) was deactivated: ${hook.reason}.`,
    '',
    'No more events are sent to it. Its pending deliveries are kept: fix the receiver, then',
    `reactivate it (PATCH /api/v1/webhooks/${hook.id} with {"active": true}) and they go out.`,
  ].join('\n');
  return { to, subject: `[Webhook deactivated] #${hook.id} ${hook.url}`, text };
}
