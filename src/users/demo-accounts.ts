// The demo accounts: seeded at start by DemoAccountsSeeder (SEED_DEMO) and listed on the web
// console's sign-in page, which imports this file at build time (console/vite.config.mts). Keep it
// free of Nest and database imports so the console's build can load it.
import { UserRole } from '../common/user-role';

export const DEMO_PASSWORD = 'ILoveHelpdesk1';
export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; name: string; role: UserRole }> = [
  { email: 'admin@example.com', name: 'Ada Admin', role: UserRole.ADMIN },
  { email: 'agent@example.com', name: 'Alan Agent', role: UserRole.AGENT },
  { email: 'user@example.com', name: 'Uma User', role: UserRole.USER },
];
