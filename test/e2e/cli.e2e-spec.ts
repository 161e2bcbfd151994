// The command-line tool (node dist/cli.js), run as an operator would against a fresh database,
// and a production-mode API (started once, for all) that the admins it creates can use. Each test
// makes its own accounts. Needs `npm run build`.
import { migrations } from '../../src/database/migrations';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/users/demo-accounts';
import { waitFor } from '../support/assertions';
import { HttpClient } from '../support/http-client';
import { CliResult, freePort, runCli, Spawned, spawnEntry } from '../support/processes';
import { newRedisKeyPrefix, testEnv } from '../support/test-app';
import { databaseUrl, randomSuffix, templateDatabaseName } from '../support/test-env';

const ADMIN_EMAIL = 'first.admin@corp.example';
const ADMIN_PASSWORD = 'correct horse battery staple';

/** Lines a command printed, without the empty ones. */
const lines = (text: string) => text.split('\n').filter(Boolean);

describe('node dist/cli.js', () => {
  let env: Record<string, string>;
  let cliEnv: Record<string, string>;
  let api: Spawned;
  let http: HttpClient;

  const cli = (args: string[], stdin?: string): Promise<CliResult> => runCli(args, cliEnv, stdin);
  const login = (email: string, password: string) => http.post('/api/v1/auth/login', { email, password });
  /** An admin of a test's own, made by the CLI with a piped password; its user id. */
  const cliAdmin = async (email: string, password: string): Promise<number> => {
    const created = await cli(['create-admin', '--email', email], `${password}\n`);
    expect(created.code).toBe(0);
    return Number(/user id (\d+)/.exec(created.stdout)?.[1]);
  };
  /** An agent made through the API by a fresh admin's session; its user id. */
  const apiAgent = async (email: string, password: string): Promise<number> => {
    await cliAdmin(`admin.for.${email}`, 'admin-password-1');
    const session = await login(`admin.for.${email}`, 'admin-password-1');
    const agent = await http.post(
      '/api/v1/users',
      { email, name: 'An Agent', password, role: 'agent' },
      { token: session.body.access_token },
    );
    expect(agent.status).toBe(201);
    return agent.body.id as number;
  };

  let firstMigrate: CliResult;

  beforeAll(async () => {
    // A database that does not exist yet: `migrate` creates it, as on a new deployment.
    const url = databaseUrl(`${templateDatabaseName()}_cli_${randomSuffix()}`);
    env = testEnv({
      databaseUrl: url,
      redisKeyPrefix: newRedisKeyPrefix(),
      env: { NODE_ENV: 'production', SEED_DEMO: 'false', LOG_LEVEL: 'info', PORT: String(await freePort()) },
    });
    // The same configuration as the API's, minus the secret the CLI has no use for.
    cliEnv = { ...env };
    delete cliEnv.JWT_SECRET;
    // Every test talks to one production-mode API on the migrated database; the first migrate's
    // output is checked by the first test.
    firstMigrate = await runCli(['migrate'], cliEnv);
    if (firstMigrate.code !== 0) throw new Error(`migrate failed: ${firstMigrate.stderr}`);
    api = spawnEntry('main', env);
    await api.waitForOutput(/API listening/, 60_000);
    http = new HttpClient(`http://127.0.0.1:${env.PORT}`);
  }, 120_000);

  afterAll(async () => {
    if (api && api.child.exitCode === null) {
      api.child.kill('SIGTERM');
      // The production API stops cleanly on SIGTERM.
      expect(await api.exited).toBe(0);
    }
  });

  it('migrate applies every migration to a new database, then finds none pending', async () => {
    expect(firstMigrate).toMatchObject({ code: 0, stderr: '' });
    expect(lines(firstMigrate.stdout)).toEqual(migrations.map((migration) => `Applied ${migration.name}`));

    const second = await cli(['migrate']);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(lines(second.stdout)).toEqual(['No pending migrations']);
  });

  it('create-admin takes a piped password; that admin signs in to a production-mode API and uses an admin route', async () => {
    const created = await cli(
      ['create-admin', '--email', ADMIN_EMAIL.toUpperCase(), '--name', 'First Admin'],
      `${ADMIN_PASSWORD}\n`,
    );
    expect(created.code).toBe(0);
    expect(lines(created.stdout)).toEqual([
      expect.stringMatching(/^Created admin first\.admin@corp\.example \(user id \d+\)$/),
    ]);
    expect(created.stdout + created.stderr).not.toContain(ADMIN_PASSWORD);

    const session = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(session.status).toBe(200);
    const me = await http.get('/api/v1/auth/me', { token: session.body.access_token });
    expect(me.body).toMatchObject({ email: ADMIN_EMAIL, name: 'First Admin', role: 'admin' });
    const agent = await http.post(
      '/api/v1/users',
      { email: 'agent.one@corp.example', name: 'Agent One', password: 'agent-password-1', role: 'agent' },
      { token: session.body.access_token },
    );
    expect(agent.status).toBe(201);
  });

  it('--generate-password prints one strong password, once, and it works', async () => {
    const created = await cli(['create-admin', '--email', 'second.admin@corp.example', '--generate-password']);
    expect(created.code).toBe(0);
    const printed = lines(created.stdout);
    expect(printed).toHaveLength(2);
    const password = /^Generated password \(shown only this once\): (\S{32})$/.exec(printed[1])?.[1];
    expect(password).toBeDefined();
    expect(created.stdout.split(password!)).toHaveLength(2);
    expect((await login('second.admin@corp.example', password!)).status).toBe(200);
  });

  it('refuses an existing email with one clear line and exit 1; --promote makes that account an admin', async () => {
    await apiAgent('agent.two@corp.example', 'agent-password-1');
    const refused = await cli(['create-admin', '--email', 'agent.two@corp.example'], 'another-password\n');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(lines(refused.stderr)).toEqual([
      'A user with email agent.two@corp.example already exists (role agent); add --promote to make it an active admin, or use reset-password',
    ]);

    const promoted = await cli(['create-admin', '--email', 'agent.two@corp.example', '--promote']);
    expect(promoted.code).toBe(0);
    const session = await login('agent.two@corp.example', 'agent-password-1');
    expect(session.status).toBe(200);
    // The API caches users briefly; the CLI's account message makes it forget this one.
    await waitFor(
      async () => (await http.get('/api/v1/auth/me', { token: session.body.access_token })).body?.role === 'admin',
    );
  });

  it('reset-password sets the new password, refuses the old one and ends every session', async () => {
    const email = 'forgetful.admin@corp.example';
    await cliAdmin(email, ADMIN_PASSWORD);
    const before = await login(email, ADMIN_PASSWORD);
    expect(before.status).toBe(200);

    const reset = await cli(['reset-password', '--email', email], 'a brand new passphrase\n');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(
      /^Password of forgetful\.admin@corp\.example \(user id \d+\) changed; its sessions were ended\n$/,
    );
    expect(reset.stdout + reset.stderr).not.toContain('a brand new passphrase');

    expect((await login(email, ADMIN_PASSWORD)).status).toBe(401);
    expect((await http.post('/api/v1/auth/refresh', { refresh_token: before.body.refresh_token })).status).toBe(401);
    await waitFor(async () => (await http.get('/api/v1/auth/me', { token: before.body.access_token })).status === 401);
    expect((await login(email, 'a brand new passphrase')).status).toBe(200);
  });

  it('records what it changed in the audit log, with no actor (the command line)', async () => {
    const adminEmail = 'audited.admin@corp.example';
    const adminId = await cliAdmin(adminEmail, ADMIN_PASSWORD);
    const agentId = await apiAgent('audited.agent@corp.example', 'agent-password-1');
    expect((await cli(['create-admin', '--email', 'audited.agent@corp.example', '--promote'])).code).toBe(0);
    expect((await cli(['reset-password', '--email', adminEmail], 'a brand new passphrase\n')).code).toBe(0);

    const session = await login(adminEmail, 'a brand new passphrase');
    const byCli = async (targetId: number) => {
      const log = await http.get(`/api/v1/audit-log?target_type=user&target_id=${targetId}&limit=100`, {
        token: session.body.access_token,
      });
      expect(log.status).toBe(200);
      return (log.body.items as Array<{ action: string; actor_id: number | null; details: object }>)
        .filter((entry) => entry.actor_id === null)
        .map(({ action, details }) => ({ action, details }));
    };
    expect(await byCli(adminId)).toEqual(
      expect.arrayContaining([
        { action: 'user.created', details: { email: adminEmail, role: 'admin' } },
        { action: 'user.password_changed', details: {} },
      ]),
    );
    expect(await byCli(agentId)).toEqual([{ action: 'user.role_changed', details: { from: 'agent', to: 'admin' } }]);
  });

  it('seed-demo refuses in production unless --allow-production; then creates them once, audited', async () => {
    const refused = await cli(['seed-demo']);
    expect(refused.code).toBe(1);
    expect(lines(refused.stderr)).toEqual([
      expect.stringMatching(/^Refusing to create the demo accounts in production/),
    ]);
    expect(refused.stdout).toBe('');
    expect((await login(DEMO_ACCOUNTS[0].email, DEMO_PASSWORD)).status).toBe(401);

    const first = await cli(['seed-demo', '--allow-production']);
    expect(first.code).toBe(0);
    expect(lines(first.stdout)).toEqual([`Created demo accounts ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}`]);
    const again = await cli(['seed-demo', '--allow-production']);
    expect(again).toMatchObject({ code: 0, stdout: 'The demo accounts exist already; nothing to do\n' });
    const session = await login(DEMO_ACCOUNTS[0].email, DEMO_PASSWORD);
    expect(session.status).toBe(200);
    const log = await http.get('/api/v1/audit-log?target_type=user&action=user.created&limit=100', {
      token: session.body.access_token,
    });
    expect(log.status).toBe(200);
    const created = (log.body.items as Array<{ actor_id: number | null; details: { email: string } }>)
      .filter((entry) => DEMO_ACCOUNTS.some((account) => account.email === entry.details.email))
      .map((entry) => ({ actor_id: entry.actor_id, email: entry.details.email }));
    expect(created).toEqual(
      expect.arrayContaining(DEMO_ACCOUNTS.map((account) => ({ actor_id: null, email: account.email }))),
    );
    expect(created).toHaveLength(DEMO_ACCOUNTS.length);
  });

  it('answers a wrong command line with a usage error (exit 2) and touches nothing', async () => {
    const cases: Array<[string[], string, RegExp]> = [
      [['create-admin'], '', /required option '--email <email>' not specified/],
      [['create-admin', '--email', 'a@corp.example', '--bogus'], '', /unknown option '--bogus'/],
      [['frobnicate'], '', /unknown command 'frobnicate'/],
      [['create-admin', '--email', 'not-an-address', '--generate-password'], '', /^--email: not an email address/],
      [['create-admin', '--email', 'nopw@corp.example'], '', /^No password on stdin/],
    ];
    for (const [args, stdin, message] of cases) {
      const result = await cli(args, stdin);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
    expect((await login('nopw@corp.example', 'anything-at-all')).status).toBe(401);
    // A password the API's rules refuse is a failure of the command (exit 1), not of its syntax.
    const short = await cli(['create-admin', '--email', 'short@corp.example'], 'short\n');
    expect(short.code).toBe(1);
    expect(lines(short.stderr)).toEqual(['The password must be 8 to 256 characters long']);
  });

  it('prints --help for the tool and for each command (exit 0)', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const name of ['create-admin', 'reset-password', 'seed-demo', 'migrate']) {
      expect(top.stdout).toContain(name);
      const help = await cli([name, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: node dist/cli.js ${name}`);
    }
  });
});
