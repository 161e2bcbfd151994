// The `ws` adapter, with client faults kept out of the error log.
import { Logger } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import { WarningThrottle } from '../common/logging/warning-throttle';

/** While clients keep sending bad frames, one warning per this interval (with the count), not one per frame. */
const WARN_INTERVAL_MS = 60_000;

/**
 * Nest's adapter logs every socket error at error level with its stack. Those errors are the
 * client's: a frame over `maxPayload`, a reserved opcode, an unmasked frame, invalid UTF-8 (`ws`
 * closes the socket itself, 1009 or 1002). Anyone could flood the log with them, before even
 * showing a token; they are counted and summed up in one throttled warning line, without a stack.
 * Errors of the server itself stay errors.
 */
export class NotificationsWsAdapter extends WsAdapter {
  private readonly clients = new Logger('NotificationsGateway');
  private readonly badFrameWarnings = new WarningThrottle(WARN_INTERVAL_MS);

  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    server.on('connection', (socket: WebSocket) => socket.on('error', (error) => this.badFrame(error)));
    server.on('error', (error) => this.logger.error(error));
    return server;
  }

  private badFrame(error: Error): void {
    const sockets = this.badFrameWarnings.occurred();
    if (sockets === undefined) return;
    this.clients.warn(
      { sockets, last: error.message },
      'WebSocket clients sent invalid frames; their sockets were closed',
    );
  }
}
