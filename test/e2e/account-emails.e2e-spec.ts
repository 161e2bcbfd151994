// Password reset and email verification, end to end through the mail queue and a real SMTP server.
import { expectError, waitFor } from '../support/assertions';
import { UsersService } from '../../src/users/users.service';
import { AccountTokensService } from '../../src/auth/account-tokens.service';
import { login, makeUser } from '../factories/users';
import { SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp } from '../support/test-app';

describe('account emails', () => {
  let smtp: SmtpCapture;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await startTestApp({ workers: true, env: { SMTP_URL: smtp.url, MAIL_FROM: 'desk@example.test' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const mailTo = async (email: string, subject: RegExp) =>
    (await smtp.waitForMessages(1, (m) => m.to.includes(email) && subject.test(m.subject)))[0];

  describe('password reset', () => {
    it('emails a single-use token that sets a new password and ends every session', async () => {
      const me = await makeUser(t);
      const res = await t.http.post('/api/v1/auth/password-reset', { email: me.email.toUpperCase() });
      expect(res.status).toBe(202);
      const mail = await mailTo(me.email, /Reset your/);
      expect(mail.from).toContain('desk@example.test');
      const token = /^ {4}(\S+)$/m.exec(mail.text)![1];

      const confirm = await t.http.post('/api/v1/auth/password-reset/confirm', {
        token,
        password: 'a-brand-new-password',
      });
      expect(confirm.status).toBe(204);
      expectError(
        await t.http.post('/api/v1/auth/refresh', { refresh_token: me.refreshToken }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(
        await t.http.post('/api/v1/auth/login', { email: me.email, password: me.password }),
        401,
        'UNAUTHENTICATED',
      );
      expect((await login(t, me.email, 'a-brand-new-password')).access_token).toEqual(expect.any(String));

      // Single use.
      const again = await t.http.post('/api/v1/auth/password-reset/confirm', {
        token,
        password: 'yet-another-password',
      });
      expectError(again, 422, 'UNPROCESSABLE');
    });

    it('answers 202 for an unknown email and sends nothing', async () => {
      const before = smtp.messages.length;
      const res = await t.http.post('/api/v1/auth/password-reset', { email: 'nobody-at-all@example.test' });
      expect(res.status).toBe(202);
      // Wait for a later, known address to arrive: by then an email to the unknown one would have been queued too.
      const known = await makeUser(t);
      await t.http.post('/api/v1/auth/password-reset', { email: known.email });
      await mailTo(known.email, /Reset your/);
      expect(smtp.messages.slice(before).filter((m) => m.to.includes('nobody-at-all'))).toHaveLength(0);
    });

    it('makes an earlier token useless once a new one is requested', async () => {
      const me = await makeUser(t);
      await t.http.post('/api/v1/auth/password-reset', { email: me.email });
      const first = /^ {4}(\S+)$/m.exec((await mailTo(me.email, /Reset your/)).text)![1];
      await t.http.post('/api/v1/auth/password-reset', { email: me.email });
      await smtp.waitForMessages(2, (m) => m.to.includes(me.email));
      expectError(
        await t.http.post('/api/v1/auth/password-reset/confirm', { token: first, password: 'whatever-password' }),
        422,
        'UNPROCESSABLE',
      );
    });

    it('rejects a forged token with 422 and changes nothing', async () => {
      const res = await t.http.post('/api/v1/auth/password-reset/confirm', {
        token: 'forged',
        password: 'whatever-password',
      });
      expectError(res, 422, 'UNPROCESSABLE');
    });
  });

  it('answers before looking the account up, so a known address cannot be told apart by timing', async () => {
    // The lookup never finishes: if either answer waited for it (or for the token and outbox
    // writes behind it), the request would hang here.
    const lookups: string[] = [];
    const spy = jest.spyOn(t.app.get(UsersService), 'findByEmail').mockImplementation((email: string) => {
      lookups.push(email);
      return new Promise(() => undefined);
    });
    try {
      const me = await makeUser(t);
      for (const path of ['/api/v1/auth/password-reset', '/api/v1/auth/verify-email']) {
        for (const email of [me.email, 'nobody-here@example.test']) {
          const res = await t.http.post(path, { email });
          expect({ path, email, status: res.status, body: res.text }).toEqual({ path, email, status: 202, body: '' });
        }
      }
      // The work did start, after the answers.
      await waitFor(() => lookups.length === 4);
    } finally {
      spy.mockRestore();
    }
  });

  describe('email verification', () => {
    const codeOf = (text: string) => /code is (\d{6})/.exec(text)![1];

    it('verifies with the emailed code', async () => {
      const me = await makeUser(t);
      expect((await t.http.post('/api/v1/auth/verify-email', { email: me.email })).status).toBe(202);
      const code = codeOf((await mailTo(me.email, /Verify/)).text);
      const res = await t.http.post('/api/v1/auth/verify-email/confirm', { email: me.email, code });
      expect(res.status).toBe(200);
      expect(res.body.email_verified_at).toEqual(expect.stringMatching(/Z$/));
      expect((await t.http.get('/api/v1/auth/me', { token: me.token })).body.email_verified_at).toBe(
        res.body.email_verified_at,
      );
    });

    it('invalidates the code after 5 wrong guesses, even the right one afterwards', async () => {
      const me = await makeUser(t);
      await t.http.post('/api/v1/auth/verify-email', { email: me.email });
      const code = codeOf((await mailTo(me.email, /Verify/)).text);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        expectError(
          await t.http.post('/api/v1/auth/verify-email/confirm', { email: me.email, code: wrong }),
          422,
          'UNPROCESSABLE',
        );
      }
      expectError(
        await t.http.post('/api/v1/auth/verify-email/confirm', { email: me.email, code }),
        422,
        'UNPROCESSABLE',
      );
      const [{ email_verified_at }] = await t.dataSource.query('SELECT email_verified_at FROM users WHERE id = $1', [
        me.user.id,
      ]);
      expect(email_verified_at).toBeNull();
    });

    it('counts concurrent wrong guesses one by one', async () => {
      const me = await makeUser(t);
      await t.http.post('/api/v1/auth/verify-email', { email: me.email });
      const code = codeOf((await mailTo(me.email, /Verify/)).text);
      const wrong = code === '000000' ? '111111' : '000000';
      await Promise.all(
        Array.from({ length: 8 }, () =>
          t.http.post('/api/v1/auth/verify-email/confirm', { email: me.email, code: wrong }),
        ),
      );
      const [{ failed_attempts, used }] = await t.dataSource.query(
        `SELECT failed_attempts, used_at IS NOT NULL AS used FROM account_tokens
          WHERE user_id = $1 AND purpose = 'email_verification'`,
        [me.user.id],
      );
      expect({ failed_attempts, used }).toEqual({ failed_attempts: 5, used: true });
    });

    it('rejects a malformed code with 400 and an unknown email with the same 422 as a wrong code', async () => {
      expectError(
        await t.http.post('/api/v1/auth/verify-email/confirm', { email: 'a@b.test', code: '12ab' }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await t.http.post('/api/v1/auth/verify-email/confirm', { email: 'ghost@b.test', code: '123456' }),
        422,
        'UNPROCESSABLE',
      );
    });
  });

  describe('limits per address', () => {
    // The contract's limits; `spaced` also keeps one email a minute, `unspaced` leaves that out so
    // that re-issuing needs no waiting.
    const limits = { ACCOUNT_EMAILS_PER_HOUR: '5', VERIFICATION_CODE_FAILURES_PER_HOUR: '10' };
    let spaced: TestApp;
    let unspaced: TestApp;

    beforeAll(async () => {
      const env = { SMTP_URL: smtp.url, MAIL_FROM: 'desk@example.test', ...limits };
      spaced = await startTestApp({ workers: true, env: { ...env, ACCOUNT_EMAIL_INTERVAL_SECONDS: '60' } });
      unspaced = await startTestApp({ workers: true, env: { ...env, ACCOUNT_EMAIL_INTERVAL_SECONDS: '0' } });
    });
    afterAll(async () => {
      await Promise.all([spaced.close(), unspaced.close()]);
    });

    const codeOf = (text: string) => /code is (\d{6})/.exec(text)![1];
    const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));

    /**
     * Sends the requests (each answered 202 at once), waits until the work behind every one has
     * finished, then until the emails that work wrote have arrived, and proves no other email
     * follows: an address requested afterwards gets its email, and by then the count is final.
     */
    async function request(app: TestApp, email: string, paths: string[]): Promise<number> {
      const tokens = app.app.get(AccountTokensService);
      const spies = [jest.spyOn(tokens, 'createResetToken'), jest.spyOn(tokens, 'createVerificationCode')];
      // Counted before the first request: the mails of the first ones may arrive while later ones are sent.
      const before = mailsTo(email).length;
      try {
        for (const path of paths) expect((await app.http.post(`/api/v1/auth/${path}`, { email })).status).toBe(202);
        await waitFor(() => spies.reduce((n, spy) => n + spy.mock.results.length, 0) === paths.length);
        const issued = await Promise.all(spies.flatMap((spy) => spy.mock.results.map((r) => r.value as unknown)));
        const written = issued.filter((token) => token !== null).length;
        if (written > 0) await smtp.waitForMessages(before + written, (m) => m.to.includes(email));
        const marker = await makeUser(app);
        await app.http.post('/api/v1/auth/password-reset', { email: marker.email });
        await mailTo(marker.email, /Reset your/);
        return mailsTo(email).length - before;
      } finally {
        spies.forEach((spy) => spy.mockRestore());
      }
    }

    it('sends reset and verification emails to one address at most once a minute', async () => {
      const me = await makeUser(spaced);
      const sent = await request(spaced, me.email, ['password-reset', 'verify-email', 'password-reset']);
      expect(sent).toBe(1);
    });

    it('sends reset and verification emails to one address at most 5 times an hour', async () => {
      const me = await makeUser(unspaced);
      const paths = ['password-reset', 'verify-email', 'password-reset', 'verify-email'];
      expect(await request(unspaced, me.email, [...paths, ...paths])).toBe(5);
    });

    it('refuses every code for an address after 10 wrong ones in an hour, however many are re-issued', async () => {
      const me = await makeUser(unspaced);
      const confirm = (code: string) =>
        unspaced.http.post('/api/v1/auth/verify-email/confirm', { email: me.email, code });
      const issue = async (n: number) => {
        await unspaced.http.post('/api/v1/auth/verify-email', { email: me.email });
        return codeOf(
          (await smtp.waitForMessages(n, (m) => m.to.includes(me.email) && /Verify/.test(m.subject)))[n - 1].text,
        );
      };
      for (const n of [1, 2]) {
        const code = await issue(n);
        const wrong = code === '000000' ? '111111' : '000000';
        for (let i = 0; i < 5; i++) expectError(await confirm(wrong), 422, 'UNPROCESSABLE');
      }

      // A third code is still emailed, and refused like a wrong one although it is right.
      const third = await issue(3);
      expectError(await confirm(third), 422, 'UNPROCESSABLE');
      const [{ email_verified_at }] = await unspaced.dataSource.query(
        'SELECT email_verified_at FROM users WHERE id = $1',
        [me.user.id],
      );
      expect(email_verified_at).toBeNull();

      // An hour later (the wrong guesses moved back in time, rather than waiting) the code works.
      await unspaced.dataSource.query(
        `UPDATE verification_code_failures SET failed_at = failed_at - interval '1 hour' WHERE user_id = $1`,
        [me.user.id],
      );
      expect((await confirm(third)).status).toBe(200);
    });
  });
});
