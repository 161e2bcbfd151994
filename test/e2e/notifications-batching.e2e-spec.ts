// Publishing is batched per tick: a claim's fifteen events leave in one write to Redis, all of them
// arrive, in order, and nothing is lost or reordered across batches.
import { Redis } from 'ioredis';
import { notificationsChannel, NotificationEvent } from '../../src/realtime/realtime-message';
import { RealtimePublisher } from '../../src/realtime/realtime-publisher';
import { REDIS } from '../../src/redis/redis.constants';
import { REDIS_URL } from '../support/test-env';
import { startTestApp, TestApp } from '../support/test-app';

describe('notification publishing', () => {
  let t: TestApp;
  let subscriber: Redis;
  const received: number[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    subscriber = new Redis(REDIS_URL);
    subscriber.on('message', (_channel, message: string) => received.push(JSON.parse(message).ticket_id));
    await subscriber.subscribe(notificationsChannel(t.redisKeyPrefix));
  });
  afterAll(async () => {
    subscriber.disconnect();
    await t.close();
  });

  const event = (ticketId: number): NotificationEvent => ({
    type: 'ticket.assigned',
    ticketId,
    data: {},
    audience: { requesterId: 1, internal: false },
  });

  async function waitForReceived(count: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (received.length < count && Date.now() < deadline) await new Promise((r) => setImmediate(r));
  }

  it('sends the events published in one tick in a single write, all of them, in order', async () => {
    const notifications = t.app.get(RealtimePublisher);
    const redis = t.app.get<Redis>(REDIS);
    const stream = (redis as unknown as { stream: { write: (...args: unknown[]) => boolean } }).stream;
    const write = stream.write;
    let writes = 0;
    stream.write = function (this: unknown, ...args: unknown[]) {
      writes++;
      return write.apply(this, args);
    };
    try {
      received.length = 0;
      await Promise.all(Array.from({ length: 15 }, (_, i) => notifications.publish(event(1000 + i))));
      expect(writes).toBe(1);
      // A second tick is a second batch, after the first.
      await Promise.all([notifications.publish(event(2000)), notifications.publish(event(2001))]);
      expect(writes).toBe(2);
    } finally {
      stream.write = write;
    }
    await waitForReceived(17);
    expect(received).toEqual([...Array.from({ length: 15 }, (_, i) => 1000 + i), 2000, 2001]);
  });
});
