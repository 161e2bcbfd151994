import { AppConfig } from '../config';
import { MetaController } from './meta.controller';

const config = (overrides: Partial<AppConfig>) => ({ commit: 'abc1234', ...overrides }) as AppConfig;

describe('MetaController', () => {
  it('answers exactly the fields API.md fixes, whatever the demo-account settings', () => {
    // The web console's demo list is decided when the console is built, not here (README, Console).
    for (const seedDemo of [true, false]) {
      const meta = new MetaController(config({ seedDemo, isProduction: false })).meta();
      expect(Object.keys(meta).sort()).toEqual(['commit', 'name', 'node', 'started_at', 'uptime_s', 'version']);
      expect(meta.commit).toBe('abc1234');
    }
  });
});
