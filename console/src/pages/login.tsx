// Sign in; unless the console was built with CONSOLE_DEMO_ACCOUNTS=false, the demo accounts are
// one click away (the list is fixed at build time: console/vite.config.mts).
import { useState } from 'preact/hooks';
import { ApiError, login } from '../api';
import { RoleBadge } from '../components/badges';
import { describeError, Notice } from '../components/notice';

const demo = __DEMO_ACCOUNTS__;

export function LoginPage({ reason }: { reason?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const signIn = async (address: string, secret: string) => {
    setBusy(true);
    setError(null);
    try {
      await login(address, secret);
    } catch (failure) {
      setBusy(false);
      setError(
        failure instanceof ApiError && failure.status === 401 ? 'Wrong email or password.' : describeError(failure),
      );
    }
  };

  return (
    <main class="login">
      <h1>Help desk</h1>
      {reason && <Notice kind="info">{reason}</Notice>}
      <form
        class="card form"
        onSubmit={(event) => {
          event.preventDefault();
          void signIn(email, password);
        }}
      >
        <h2>Sign in</h2>
        {error && <Notice kind="error">{error}</Notice>}
        <label>
          Email
          <input
            type="email"
            name="email"
            autocomplete="username"
            required
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            name="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {demo && demo.accounts.length > 0 && (
        <section class="card demo" aria-label="Demo accounts">
          <h2>Demo accounts</h2>
          <p class="muted">
            Created at start when <code>SEED_DEMO</code> is on and the database has no users. Every demo account's
            password is <code>{demo.password}</code>.
          </p>
          <ul>
            {demo.accounts.map((account) => (
              <li key={account.email}>
                <button
                  type="button"
                  class="demo-account"
                  disabled={busy}
                  onClick={() => {
                    setEmail(account.email);
                    setPassword(demo.password);
                    void signIn(account.email, demo.password);
                  }}
                >
                  <span>{account.name}</span> <RoleBadge role={account.role} />{' '}
                  <span class="muted">{account.email}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
