import { ListTicketsQueryDto } from '../tickets/dto/ticket.dtos';
import { TicketPriority, TicketStatus } from '../common/ticket-enums';
import { mergeUnder, parseFilterParams, toQueryStringForm } from './filter-params';

const query = (fields: Partial<ListTicketsQueryDto>) => Object.assign(new ListTicketsQueryDto(), fields);

describe('toQueryStringForm', () => {
  it('writes numbers and booleans as a query string would carry them', () => {
    expect(toQueryStringForm({ status: 'open,pending', category_id: 7, is_breached: false })).toEqual({
      status: 'open,pending',
      category_id: '7',
      is_breached: 'false',
    });
  });
});

describe('parseFilterParams', () => {
  it('parses like the GET /tickets query: comma lists, numbers, booleans, dates', async () => {
    const parsed = await parseFilterParams({
      status: 'open, pending',
      priority: 'high',
      category_id: '7',
      is_breached: 'true',
      created_after: '2025-01-01T00:00:00Z',
      tag: ' VPN ',
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.query).toBeInstanceOf(ListTicketsQueryDto);
    expect(parsed.query).toMatchObject({
      status: [TicketStatus.OPEN, TicketStatus.PENDING],
      priority: [TicketPriority.HIGH],
      category_id: 7,
      is_breached: true,
      created_after: new Date('2025-01-01T00:00:00Z'),
      tag: 'vpn',
    });
  });

  it('names each invalid or unknown parameter, as the global pipe would', async () => {
    expect(await parseFilterParams({ status: 'open,nope', bogus: '1', category_id: 'x' })).toEqual({
      ok: false,
      errors: {
        status: [expect.any(String)],
        category_id: expect.arrayContaining([expect.any(String)]),
        bogus: ['is not an allowed field'],
      },
    });
  });

  it.each(['limit', 'offset', 'filter_id'])(
    'refuses %s: pagination and filter references are not saved',
    async (key) => {
      expect(await parseFilterParams({ [key]: '5' })).toEqual({
        ok: false,
        errors: { [key]: ['cannot be saved in a filter'] },
      });
    },
  );

  it('accepts an empty filter', async () => {
    expect((await parseFilterParams({})).ok).toBe(true);
  });
});

describe('mergeUnder', () => {
  it('keeps saved params the request does not set, and lets the request win', () => {
    const saved = query({ status: [TicketStatus.OPEN], priority: [TicketPriority.HIGH], sort: 'priority' });
    const explicit = query({ priority: [TicketPriority.LOW], filter_id: 3, limit: 5, offset: 10 });
    expect(mergeUnder(saved, explicit)).toEqual(
      query({
        status: [TicketStatus.OPEN],
        priority: [TicketPriority.LOW],
        sort: 'priority',
        filter_id: 3,
        limit: 5,
        offset: 10,
      }),
    );
  });

  it('treats q and search as one parameter', () => {
    expect(mergeUnder(query({ q: 'saved' }), query({ search: 'asked' }))).toMatchObject({
      q: undefined,
      search: 'asked',
    });
    expect(mergeUnder(query({ search: 'saved' }), query({ q: 'asked' }))).toMatchObject({
      q: 'asked',
      search: undefined,
    });
    expect(mergeUnder(query({ q: 'saved' }), query({}))).toMatchObject({ q: 'saved' });
  });

  it('changes neither input', () => {
    const saved = query({ status: [TicketStatus.OPEN] });
    const explicit = query({ status: [TicketStatus.CLOSED] });
    mergeUnder(saved, explicit);
    expect(saved.status).toEqual([TicketStatus.OPEN]);
    expect(explicit.status).toEqual([TicketStatus.CLOSED]);
  });
});
