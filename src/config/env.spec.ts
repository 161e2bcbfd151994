import { ConfigError, validateEnv } from '.';

describe('validateEnv', () => {
  it('applies the documented defaults to an empty environment', () => {
    const env = validateEnv({});
    expect(env.app).toMatchObject({ port: 3000, nodeEnv: 'development', seedDemo: true, corsOrigins: [] });
    expect(env.database.url).toBe('postgres://postgres:postgres@localhost:5432/helpdesk');
    expect(env.redis.url).toBe('redis://localhost:6379');
    expect(env.mail).toEqual({ smtpUrl: undefined, from: 'helpdesk@localhost', fromAddress: 'helpdesk@localhost' });
    expect(env.auth).toMatchObject({ accessTtlSeconds: 15 * 60, refreshTtlSeconds: 30 * 86400 });
    expect(env.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(env.throttle).toEqual({
      perMinute: 60,
      loginPerMinute: 10,
      loginFailuresPerPairPerMinute: 10,
      loginFailuresPerAccount: 50,
      loginFailuresWindowSeconds: 15 * 60,
      loginKnownIps: 10,
      loginKnownIpSeconds: 90 * 86400,
      accountEmailIntervalSeconds: 60,
      accountEmailsPerHour: 5,
      codeFailuresPerHour: 10,
    });
    expect(env.realtime).toEqual({ maxSocketsPerUser: 20 });
    expect(env.worker).toMatchObject({
      inProcess: true,
      slaSweepIntervalSeconds: 30,
      mailConcurrency: 5,
      mailRetryBaseMs: 2000,
    });
  });

  it('keeps the development secret stable within one process', () => {
    expect(validateEnv({}).auth.jwtSecret).toBe(validateEnv({}).auth.jwtSecret);
  });

  it('turns demo seeding off in production by default', () => {
    const env = validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) });
    expect(env.app.seedDemo).toBe(false);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://localhost/helpdesk'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['SMTP_URL', 'localhost:25'],
    ['MAIL_FROM', 'nobody'],
    ['JWT_SECRET', 'short'],
    ['JWT_ACCESS_TTL', 'forever'],
    ['JWT_REFRESH_TTL', '0'],
    ['RATE_LIMIT_PER_MINUTE', '-1'],
    ['LOGIN_RATE_LIMIT_PER_MINUTE', '1.5'],
    ['LOGIN_FAILURES_PER_IP_PER_MINUTE', '0'],
    ['LOGIN_FAILURES_WINDOW', 'a while'],
    ['LOGIN_KNOWN_IPS', '1000'],
    ['ACCOUNT_EMAIL_INTERVAL_SECONDS', '1m'],
    ['VERIFICATION_CODE_FAILURES_PER_HOUR', '0'],
    ['SLA_SWEEP_INTERVAL_SECONDS', '0'],
    ['MAIL_CONCURRENCY', '0'],
    ['MAIL_RETRY_BASE_MS', '2s'],
    ['WORKER_IN_PROCESS', 'maybe'],
    ['WS_MAX_SOCKETS_PER_USER', '0'],
    ['SEED_DEMO', 'sometimes'],
    ['NODE_ENV', 'staging'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'desk.example'],
    ['CORS_ORIGINS', 'https://desk.example/app'],
    ['CORS_ORIGINS', 'ftp://desk.example'],
    ['CORS_ORIGINS', 'https://desk.example,not an origin'],
  ])('rejects %s=%j with one line naming the variable', (name, value) => {
    let error: unknown;
    try {
      validateEnv({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
  });

  it('never prints a secret or a password back', () => {
    expect(() => validateEnv({ JWT_SECRET: 'tooshort-secret' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('tooshort-secret') }),
    );
    expect(() => validateEnv({ DATABASE_URL: 'mysql://u:hunter2@db/x' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('parses durations in seconds, minutes, hours and days', () => {
    expect(validateEnv({ JWT_ACCESS_TTL: '90' }).auth.accessTtlSeconds).toBe(90);
    expect(validateEnv({ JWT_ACCESS_TTL: '2h' }).auth.accessTtlSeconds).toBe(7200);
    expect(validateEnv({ JWT_REFRESH_TTL: '7d' }).auth.refreshTtlSeconds).toBe(7 * 86400);
  });

  it('reads CORS_ORIGINS as a list of origins, normalised as browsers send them', () => {
    expect(validateEnv({ CORS_ORIGINS: '' }).app.corsOrigins).toEqual([]);
    expect(
      validateEnv({ CORS_ORIGINS: ' https://Desk.Example/ , http://localhost:5173,https://desk.example:443, ' }).app
        .corsOrigins,
    ).toEqual(['https://desk.example', 'http://localhost:5173']);
  });
});
