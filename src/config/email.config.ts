import { createHash } from 'node:crypto';
import { registerAs } from '@nestjs/config';
import { NODE_ENVS } from './app.config';
import { ConfigError, Env, int, oneOf, optionalStr, str } from './env';
import { mailConfigFromEnv } from './mail.config';

/** Not a secret: lets development restarts (whose JWT secret is random) check the reply addresses they sent. */
const DEVELOPMENT_KEY = 'helpdesk-development-reply-address-key';

const ADDRESS = /^([^\s@<>()[\]\\,;:"+]+)@([a-z0-9.-]+)$/i;

export function emailConfigFromEnv(env: Env) {
  const nodeEnv = oneOf(env, 'NODE_ENV', 'development', NODE_ENVS);
  const supportAddress = str(env, 'SUPPORT_ADDRESS', 'support@localhost').trim().toLowerCase();
  const match = ADDRESS.exec(supportAddress);
  if (!match) {
    throw new ConfigError(
      'SUPPORT_ADDRESS',
      'must be a plain address without "+" (support@example.com)',
      supportAddress,
    );
  }
  const port = optionalStr(env, 'INBOUND_SMTP_PORT');
  const secret = optionalStr(env, 'INBOUND_SECRET');
  if (secret !== undefined && secret.length < 16) {
    throw new ConfigError('INBOUND_SECRET', 'must be at least 16 characters', '<hidden>');
  }
  return {
    /** Where customers write; `support+<anything>@domain` reaches the desk too. Lower-cased. */
    supportAddress,
    supportLocalPart: match[1],
    supportDomain: match[2],
    /** MAIL_FROM's address: the desk's own too (mail from it is a loop; mail to it is never sent). */
    fromAddress: mailConfigFromEnv(env).fromAddress,
    /**
     * The built-in SMTP listener's port: 2525 unless production, where it is off unless set; 0 picks
     * a free port (tests). Undefined: no listener.
     */
    inboundSmtpPort:
      port === undefined
        ? nodeEnv === 'production'
          ? undefined
          : 2525
        : int(env, 'INBOUND_SMTP_PORT', 2525, 0, 65_535),
    inboundSmtpHost: str(env, 'INBOUND_SMTP_HOST', '127.0.0.1'),
    /** HMAC key of `POST /inbound/email`; unset: the route answers 404. */
    inboundSecret: secret,
    /** The largest message either way in accepts (SMTP `SIZE`, 552 over it; HTTP 413). */
    inboundMaxBytes: int(env, 'INBOUND_MAX_BYTES', 26_214_400, 1_024, 1024 ** 3),
    /** Messages one sender may send per hour; the rest are ignored (a loop, a flood). */
    perSenderPerHour: int(env, 'INBOUND_PER_SENDER_PER_HOUR', 20, 1, 1_000_000),
    /** An SMTP session silent for this long is closed (slow-loris senders). */
    smtpSocketTimeoutMs: int(env, 'INBOUND_SMTP_SOCKET_TIMEOUT_MS', 60_000, 1_000, 600_000),
    /** SMTP sessions at once per process; more are answered 421 (try later). */
    smtpMaxClients: int(env, 'INBOUND_SMTP_MAX_CLIENTS', 50, 1, 10_000),
    /**
     * HMAC key of the reply addresses (`support+t<id>-<token>@domain`): from INBOUND_SECRET, else from
     * JWT_SECRET (required in production), else a development constant. Changing it breaks the
     * reply addresses of emails already sent (threading by In-Reply-To still works).
     */
    replyAddressKey: createHash('sha256')
      .update(`reply-address:${secret ?? optionalStr(env, 'JWT_SECRET') ?? DEVELOPMENT_KEY}`)
      .digest(),
  };
}

/** The `email` namespace read from `env`; `emailConfig.KEY` injects whichever one was loaded. */
export const emailConfigFrom = (env: Env) => registerAs('email', () => emailConfigFromEnv(env));
export const emailConfig = emailConfigFrom(process.env);
export type EmailConfig = ReturnType<typeof emailConfigFromEnv>;
