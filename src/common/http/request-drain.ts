// Reading the rest of a refused body before answering. Fastify refuses a body over its limit as
// soon as it knows (from Content-Length, or once the limit is passed while streaming) and stops
// reading; the socket is closed right after the 413, while the client is still sending. The
// client's next write then meets a reset, which discards the 413 waiting in its receive buffer:
// Node's http client (which reads the answer only after it has written the body) sees EPIPE.
// Reading and discarding the rest first lets every client finish writing and then read the 413.
import type { IncomingMessage } from 'node:http';

/**
 * How much of a refused body is read before answering anyway. A body that passes either bound
 * (a larger upload, or a slow-loris sender) gets its 413 at that point and the socket closes:
 * such a client may see a reset, but cannot hold the socket or our bandwidth for longer.
 */
export const DRAIN_BOUNDS = {
  /** Past what was read already: bodies of up to ~5 MB, a few times the 1 MB limit, end cleanly. */
  bytes: 4 * 1024 * 1024,
  /** 4 MB at ~11 Mbit/s; a sender slower than that gets the 413 after this long. */
  ms: 3_000,
};

export interface DrainBounds {
  bytes: number;
  ms: number;
}

/**
 * Reads and discards the rest of `request`'s body. Resolves true once it ended (or was already
 * read, or the client went away), false when a bound was reached first.
 */
export function drainRequestBody(request: IncomingMessage, bounds: DrainBounds = DRAIN_BOUNDS): Promise<boolean> {
  if (request.readableEnded || request.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    let read = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onEnd);
      request.off('error', onEnd);
      // Whatever still arrives is thrown away until the socket closes after the answer.
      if (!ended) request.resume();
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > bounds.bytes) finish(false);
    };
    const onEnd = () => finish(true);
    const timer = setTimeout(() => finish(false), bounds.ms);
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('close', onEnd);
    request.on('error', onEnd);
    request.resume();
  });
}
