// Whether this process is shutting down: set once by the SIGTERM/SIGINT handler (src/shutdown.ts),
// read by the readiness probe and by the hook that asks keep-alive clients to reconnect elsewhere.

let shuttingDown = false;

/** True once SIGTERM/SIGINT arrived. */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

/** Called once by the signal handler; never reset (a draining process does not come back). */
export function markShuttingDown(): void {
  shuttingDown = true;
}
