import { AppConfig } from '../config';
import { DEMO_PASSWORD } from '../users/demo-accounts.seeder';
import { MetaController } from './meta.controller';

const config = (overrides: Partial<AppConfig>) => ({ commit: 'abc1234', ...overrides }) as AppConfig;

describe('MetaController demo accounts', () => {
  it('lists the demo accounts (for the web console) when they are seeded outside production', () => {
    const meta = new MetaController(config({ seedDemo: true, isProduction: false })).meta();
    expect(meta.demo).toEqual({
      password: DEMO_PASSWORD,
      accounts: [
        { email: 'admin@example.com', name: 'Ada Admin', role: 'admin' },
        { email: 'agent@example.com', name: 'Alan Agent', role: 'agent' },
        { email: 'user@example.com', name: 'Uma User', role: 'user' },
      ],
    });
  });

  it('never lists them in production, even with SEED_DEMO on, nor when seeding is off', () => {
    expect(new MetaController(config({ seedDemo: true, isProduction: true })).meta().demo).toBeNull();
    expect(new MetaController(config({ seedDemo: false, isProduction: false })).meta().demo).toBeNull();
  });
});
