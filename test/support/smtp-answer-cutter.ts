// A TCP proxy in front of an SMTP listener that loses the answer to DATA, as a network failure
// after the server's commit would: it forwards all the client sends, and the server's answers
// until the client has sent the end of a message (CRLF.CRLF); the server's next answer is kept
// here (`swallowed`) instead of delivered, and both connections are cut. The sender never learns
// whether its message was taken, so it sends it again.
import net from 'node:net';

const END_OF_DATA = Buffer.from('\r\n.\r\n');

export class SmtpAnswerCutter {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  /** The answers to DATA the clients never saw, in order (e.g. `250 2.0.0 created`). */
  readonly swallowed: string[] = [];
  port = 0;

  constructor(private readonly targetPort: number) {}

  async start(): Promise<number> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      this.sockets.add(client).add(upstream);
      let tail = Buffer.alloc(0);
      let dataEnded = false;
      const cut = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('data', (chunk: Buffer) => {
        const seen = Buffer.concat([tail, chunk]);
        if (seen.includes(END_OF_DATA)) dataEnded = true;
        tail = seen.subarray(Math.max(0, seen.length - END_OF_DATA.length + 1));
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (!dataEnded) return void client.write(chunk);
        this.swallowed.push(chunk.toString('latin1').trim());
        cut();
      });
      for (const socket of [client, upstream]) {
        socket.on('error', cut).on('close', () => {
          this.sockets.delete(socket);
          cut();
        });
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
    return this.port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
