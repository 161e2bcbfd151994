import { ConfigError } from './env';
import { emailConfigFromEnv } from './email.config';

describe('email configuration', () => {
  it('listens on 2525 outside production, and not at all in production unless asked', () => {
    expect(emailConfigFromEnv({}).inboundSmtpPort).toBe(2525);
    expect(emailConfigFromEnv({ NODE_ENV: 'test' }).inboundSmtpPort).toBe(2525);
    expect(emailConfigFromEnv({ NODE_ENV: 'production' }).inboundSmtpPort).toBeUndefined();
    expect(emailConfigFromEnv({ NODE_ENV: 'production', INBOUND_SMTP_PORT: '25' }).inboundSmtpPort).toBe(25);
    expect(emailConfigFromEnv({ INBOUND_SMTP_PORT: '0' }).inboundSmtpPort).toBe(0);
  });

  it('splits SUPPORT_ADDRESS, lower-cased, and leaves HTTP ingest off without a secret', () => {
    const config = emailConfigFromEnv({ SUPPORT_ADDRESS: 'Help@Desk.Example' });
    expect([config.supportAddress, config.supportLocalPart, config.supportDomain]).toEqual([
      'help@desk.example',
      'help',
      'desk.example',
    ]);
    expect(config.inboundSecret).toBeUndefined();
    expect(config.inboundMaxBytes).toBe(26_214_400);
    expect(config.perSenderPerHour).toBe(20);
  });

  it.each([
    ['SUPPORT_ADDRESS', 'not an address'],
    ['SUPPORT_ADDRESS', 'support+tag@desk.example'],
    ['INBOUND_SMTP_PORT', '70000'],
    ['INBOUND_SECRET', 'short'],
    ['INBOUND_MAX_BYTES', 'lots'],
    ['INBOUND_PER_SENDER_PER_HOUR', '0'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => emailConfigFromEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => emailConfigFromEnv({ [name]: value })).toThrow(new RegExp(name));
  });

  it('derives the reply-address key from the secret, so every process computes the same addresses', () => {
    const a = emailConfigFromEnv({ JWT_SECRET: 'x'.repeat(32) }).replyAddressKey;
    const b = emailConfigFromEnv({ JWT_SECRET: 'x'.repeat(32) }).replyAddressKey;
    const c = emailConfigFromEnv({ JWT_SECRET: 'x'.repeat(32), INBOUND_SECRET: 'y'.repeat(20) }).replyAddressKey;
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });
});
