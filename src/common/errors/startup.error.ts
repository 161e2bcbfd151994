/** A start-up failure whose message is the one line an operator needs; printed without a stack. */
export class StartupError extends Error {
  override name = 'StartupError';
}
