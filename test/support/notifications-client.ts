// A realtime client for the tests: connects to /ws/notifications and records what arrives.
import { WebSocket } from 'ws';
import { waitFor } from './assertions';

export interface Notification {
  type: string;
  ticket_id: number;
  data: Record<string, any>;
  at: string;
}

export class NotificationsClient {
  readonly messages: Notification[] = [];
  closed: { code: number; reason: string } | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.messages.push(JSON.parse(data.toString())));
    socket.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  /**
   * Opens a socket (`token` in the query, or `headers`), resolving once it is open: from then on
   * the server delivers everything published (it buffers while it checks the token).
   */
  static connect(baseUrl: string, auth: { token?: string; headers?: Record<string, string> } = {}) {
    const url = new URL('/ws/notifications', baseUrl.replace(/^http/, 'ws'));
    if (auth.token !== undefined) url.searchParams.set('token', auth.token);
    const client = new NotificationsClient(new WebSocket(url, { headers: auth.headers }));
    return new Promise<NotificationsClient>((resolve, reject) => {
      client.socket.once('open', () => resolve(client));
      client.socket.once('error', reject);
    });
  }

  /** The first message (in arrival order) matching `match`, waiting for it if needed. */
  async next(match: (message: Notification) => boolean, timeoutMs = 10_000): Promise<Notification> {
    return (await waitFor(() => this.messages.find(match), { timeoutMs, intervalMs: 10 }))!;
  }

  /** Messages about one ticket, in arrival order. */
  about(ticketId: number): Notification[] {
    return this.messages.filter((message) => message.ticket_id === ticketId);
  }

  async waitForClose(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    return (await waitFor(() => this.closed, { timeoutMs, intervalMs: 10 }))!;
  }

  close(): void {
    this.socket.close();
  }
}
