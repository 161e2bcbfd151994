/** A database or Redis this process started for development, and how to stop it. */
export interface EmbeddedService {
  /** The URL the app connects with (DATABASE_URL or REDIS_URL). */
  url: string;
  /** What was started and where, for the start-up log line. */
  description: string;
  stop(): Promise<unknown>;
}
