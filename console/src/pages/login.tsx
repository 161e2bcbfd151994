// Sign in; in development the demo accounts (from GET /api/_meta) are one click away.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, login, publicGet } from '../api';
import { RoleBadge } from '../components/badges';
import { describeError, Notice } from '../components/notice';
import type { Meta } from '../types';

export function LoginPage({ reason }: { reason?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<Meta['demo']>(null);

  useEffect(() => {
    publicGet<Meta>('/api/_meta')
      .then((meta) => setDemo(meta.demo ?? null))
      .catch(() => setDemo(null));
  }, []);

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
            Development only. Every demo account's password is <code>{demo.password}</code>.
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
