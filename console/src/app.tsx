// The shell: sign-in gate, header with navigation by role, and the hash routes.
import { useEffect, useState } from 'preact/hooks';
import { currentUser, logout, onUserChange } from './api';
import { RoleBadge } from './components/badges';
import { Notice } from './components/notice';
import { AdminPage, isAdminSection } from './pages/admin/admin';
import { DashboardPage } from './pages/dashboard';
import { LoginPage } from './pages/login';
import { MyTicketsPage } from './pages/my-tickets';
import { NewTicketPage } from './pages/new-ticket';
import { QueuePage } from './pages/queue';
import { TicketPage } from './pages/ticket';
import { onConnectionChange, type Connection } from './realtime';
import { href, navigate, useRoute } from './router';
import type { User } from './types';

const home = (user: User) => (user.role === 'admin' ? '/dashboard' : '/tickets');

export function App() {
  const [user, setUser] = useState<User | null>(currentUser);
  const [reason, setReason] = useState<string | undefined>();
  useEffect(
    () =>
      onUserChange((next, why) => {
        setUser(next);
        setReason(why);
      }),
    [],
  );
  if (!user) return <LoginPage reason={reason} />;
  return (
    <>
      <Header user={user} />
      <Routes user={user} />
    </>
  );
}

function Header({ user }: { user: User }) {
  const [connection, setConnection] = useState<Connection>('offline');
  useEffect(() => onConnectionChange(setConnection), []);
  const { parts } = useRoute();
  const link = (path: string, label: string, section = false) => (
    <a
      href={href(path)}
      class={`/${parts.join('/')}` === path || (section && `/${parts[0]}` === path) ? 'active' : undefined}
    >
      {label}
    </a>
  );
  return (
    <header class="topbar">
      <a class="brand" href={href(home(user))}>
        Help desk
      </a>
      <nav>
        {user.role === 'user' ? (
          <>
            {link('/tickets', 'My tickets')}
            {link('/tickets/new', 'New ticket')}
          </>
        ) : (
          <>
            {user.role === 'admin' && link('/dashboard', 'Dashboard')}
            {link('/tickets', 'Queue')}
            {link('/tickets/new', 'New ticket')}
            {user.role === 'admin' && link('/admin', 'Settings', true)}
          </>
        )}
      </nav>
      <span class={`live live-${connection}`} title="Live updates" data-connection={connection}>
        {connection === 'live' ? 'Live' : connection === 'connecting' ? 'Connecting…' : 'Offline'}
      </span>
      <span class="who">
        {user.name} <RoleBadge role={user.role} />
      </span>
      <button type="button" class="link" onClick={() => void logout()}>
        Sign out
      </button>
    </header>
  );
}

function Routes({ user }: { user: User }) {
  const { parts } = useRoute();
  const [first, second] = parts;
  useEffect(() => {
    if (!first) navigate(home(user));
  }, [first, user]);

  if (!first) return null;
  if (first === 'tickets' && !second) return user.role === 'user' ? <MyTicketsPage /> : <QueuePage />;
  if (first === 'tickets' && second === 'new') return <NewTicketPage />;
  if (first === 'tickets' && /^[1-9]\d{0,9}$/.test(second)) {
    return <TicketPage key={second} id={Number(second)} user={user} />;
  }
  if (first === 'dashboard' && user.role === 'admin') return <DashboardPage />;
  if (first === 'admin' && user.role === 'admin' && isAdminSection(second)) {
    return <AdminPage key={second} section={second} />;
  }
  return (
    <main>
      <Notice kind="error">There is no such page.</Notice>
      <a href={href(home(user))}>← Home</a>
    </main>
  );
}
