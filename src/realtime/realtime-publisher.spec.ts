import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RedisConfig } from '../config/redis.config';
import { RealtimePublisher } from './realtime-publisher';

const event = {
  type: 'ticket.created' as const,
  ticketId: 7,
  data: { status: 'open' },
  audience: { requesterId: 1, internal: false },
};

type Results = Array<[Error | null, unknown]>;

/** A Redis whose pipelines record their PUBLISHes and answer `exec` with `result` of them. */
function fakeRedis(result: (batch: Array<[string, string]>) => Promise<Results | null>) {
  const batches: Array<Array<[string, string]>> = [];
  const redis = {
    pipeline() {
      const batch: Array<[string, string]> = [];
      batches.push(batch);
      const pipeline = {
        publish: (channel: string, message: string) => (batch.push([channel, message]), pipeline),
        exec: () => result(batch),
      };
      return pipeline;
    },
  } as unknown as Redis;
  return { redis, batches };
}

describe('RealtimePublisher', () => {
  const config = { url: 'redis://unused', keyPrefix: 'desk' } as RedisConfig;

  it('publishes the message on <prefix>:notifications', async () => {
    const { redis, batches } = fakeRedis(async (batch) => batch.map((): [null, number] => [null, 1]));
    await new RealtimePublisher(redis, config).publish(event);
    expect(batches).toHaveLength(1);
    const [[channel, raw]] = batches[0];
    expect(channel).toBe('desk:notifications');
    expect(JSON.parse(raw)).toEqual({
      type: 'ticket.created',
      ticket_id: 7,
      data: { status: 'open' },
      at: expect.any(String),
      audience: { requester_id: 1, internal: false },
    });
  });

  it('sends what one tick publishes as one pipeline, in order, and the next tick as another', async () => {
    const { redis, batches } = fakeRedis(async (batch) => batch.map((): [null, number] => [null, 1]));
    const service = new RealtimePublisher(redis, config);
    await Promise.all([service.publish(event), service.accountChanged(3), service.publish({ ...event, ticketId: 8 })]);
    await service.publish({ ...event, ticketId: 9 });
    expect(batches.map((batch) => batch.map(([channel]) => channel))).toEqual([
      ['desk:notifications', 'desk:accounts', 'desk:notifications'],
      ['desk:notifications'],
    ]);
    expect(batches[0][1][1]).toBe('3');
  });

  it('never throws while Redis is down, and warns once per interval, not once per event', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const down = fakeRedis(() => Promise.reject(new Error('Connection is closed.')));
      const service = new RealtimePublisher(down.redis, config);
      for (let i = 0; i < 5; i++) await expect(service.publish(event)).resolves.toBeUndefined();
      expect(down.batches).toHaveLength(5);
      // A pipeline can also fail command by command.
      const failing = fakeRedis(async (batch) => batch.map((): [Error, null] => [new Error('LOADING'), null]));
      await expect(new RealtimePublisher(failing.redis, config).publish(event)).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledTimes(2); // once per service (each has its own interval)
    } finally {
      warn.mockRestore();
    }
  });
});
