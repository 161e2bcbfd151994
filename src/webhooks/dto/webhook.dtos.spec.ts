import { eventsProblem } from './webhook.dtos';

describe('eventsProblem', () => {
  it.each([[['ticket.created']], [['ticket.created', 'sla.breached', 'ticket.created']], [['*']]])(
    'accepts %j',
    (events) => {
      expect(eventsProblem(events)).toBeNull();
    },
  );

  it('names each unknown type once, and not the known ones', () => {
    const problem = eventsProblem(['ticket.created', 'ticket.exploded', 'ticket.exploded', 'x'])!;
    expect(problem).toMatch(/^unknown event types: "ticket.exploded", "x"; known: ticket.created, /);
  });

  it.each([[['*', 'ticket.created']], [['*', '*']], [['*', 1]]])('refuses "*" beside anything: %j', (events) => {
    expect(eventsProblem(events)).toBe('"*" must be the only entry');
  });

  it('leaves non-arrays and non-strings to the other rules', () => {
    expect(eventsProblem('ticket.created')).toBeNull();
    expect(eventsProblem([1, null])).toBeNull();
  });

  it('cuts a long unknown name in the message', () => {
    expect(eventsProblem(['y'.repeat(5000)])!.length).toBeLessThan(400);
  });
});
