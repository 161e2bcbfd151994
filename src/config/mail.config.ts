import { registerAs } from '@nestjs/config';
import { ConfigError, Env, str, url } from './env';

export function mailConfigFromEnv(env: Env) {
  const from = str(env, 'MAIL_FROM', 'helpdesk@localhost');
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(from) && !/^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(from)) {
    throw new ConfigError('MAIL_FROM', 'must be an email address, optionally as "Name <address>"', from);
  }
  return {
    /** Unset: emails are written to the log instead of being sent. */
    smtpUrl: url(env, 'SMTP_URL', undefined, ['smtp', 'smtps']),
    from,
    /** MAIL_FROM's bare address, lower-cased: what the desk's emails come from. */
    fromAddress: (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim().toLowerCase(),
  };
}

/** The `mail` namespace read from `env`; `mailConfig.KEY` injects whichever one was loaded. */
export const mailConfigFrom = (env: Env) => registerAs('mail', () => mailConfigFromEnv(env));
export const mailConfig = mailConfigFrom(process.env);
export type MailConfig = ReturnType<typeof mailConfigFromEnv>;
