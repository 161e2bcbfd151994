// The texts of the account emails. Pure functions: what is sent is easy to read and to test.
import type { SendMailJob } from '../queues/queues';
import { User } from '../users/user.entity';

function minutes(ms: number): number {
  return Math.round(ms / 60_000);
}

export function passwordResetEmail(user: User, token: string, ttlMs: number): SendMailJob {
  const text = [
    `Hello ${user.name},`,
    '',
    `Someone (hopefully you) asked to reset the password of ${user.email}.`,
    `Your reset token, valid for ${minutes(ttlMs)} minutes and usable once:`,
    '',
    `    ${token}`,
    '',
    'Send it with your new password to POST /api/v1/auth/password-reset/confirm.',
    'If this was not you, ignore this email: your password stays as it is.',
  ].join('\n');
  return { to: user.email, subject: 'Reset your help desk password', text };
}

export function verificationEmail(user: User, code: string, ttlMs: number): SendMailJob {
  const text = [
    `Hello ${user.name},`,
    '',
    `Your verification code is ${code}. It is valid for ${minutes(ttlMs)} minutes.`,
    'Send it to POST /api/v1/auth/verify-email/confirm with your email address.',
    '',
    'If you did not ask for this, ignore this email.',
  ].join('\n');
  return { to: user.email, subject: 'Verify your email address', text };
}
