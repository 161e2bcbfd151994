// The port through which GET /tickets applies a saved filter (`?filter_id=`). Saved filters sit a
// layer above tickets (they validate their parameters with the ticket list's DTO), so tickets
// declares what it needs and `filters/` provides it: tickets never imports filters.
import { AuthUser } from '../../common/auth-user';
import { ListTicketsQueryDto } from '../dto/ticket.dtos';

export const SAVED_FILTER_SOURCE = Symbol('SAVED_FILTER_SOURCE');

export interface SavedFilterSource {
  /**
   * The query with the saved filter `query.filter_id` merged under it (explicit parameters win),
   * or `query` itself without one. 404 for a filter the caller may not see; 422 for one that no
   * longer parses.
   */
  applyTo(caller: AuthUser, query: ListTicketsQueryDto): Promise<ListTicketsQueryDto>;
}
