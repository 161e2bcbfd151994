import { TicketRepository } from '../tickets/ticket.repository';
export const PROBE = TicketRepository;
