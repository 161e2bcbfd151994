import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RedisConfig } from '../config/redis.config';
import { NotificationsService } from './notifications.service';

const event = {
  type: 'ticket.created' as const,
  ticketId: 7,
  data: { status: 'open' },
  audience: { requesterId: 1, internal: false },
};

describe('NotificationsService', () => {
  const config = { url: 'redis://unused', keyPrefix: 'desk' } as RedisConfig;

  it('publishes the message on <prefix>:notifications', async () => {
    const publish = jest.fn().mockResolvedValue(1);
    await new NotificationsService({ publish } as unknown as Redis, config).publish(event);
    expect(publish).toHaveBeenCalledTimes(1);
    const [channel, raw] = publish.mock.calls[0];
    expect(channel).toBe('desk:notifications');
    expect(JSON.parse(raw)).toEqual({
      type: 'ticket.created',
      ticket_id: 7,
      data: { status: 'open' },
      at: expect.any(String),
      audience: { requester_id: 1, internal: false },
    });
  });

  it('never throws while Redis is down, and warns once per interval, not once per event', async () => {
    const publish = jest.fn().mockRejectedValue(new Error('Connection is closed.'));
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const service = new NotificationsService({ publish } as unknown as Redis, config);
      for (let i = 0; i < 5; i++) await expect(service.publish(event)).resolves.toBeUndefined();
      expect(publish).toHaveBeenCalledTimes(5);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});
