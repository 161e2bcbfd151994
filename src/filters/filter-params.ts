// A saved filter's params are a `GET /tickets` query string kept as JSON. They are checked with the
// very DTO and options of the global validation pipe, so a filter that could not be a query
// cannot be stored, and applied by merging them under the explicit query (explicit wins).
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, TRANSFORM_OPTIONS, VALIDATOR_OPTIONS } from '../common/pipes/validation.pipe';
import { ListTicketsQueryDto } from '../tickets/dto/ticket.dtos';

/** Query parameters that are not part of a filter: the page, and the filter reference itself. */
export const UNSAVABLE_PARAMS = ['limit', 'offset', 'filter_id'] as const;

/** The longest single value (a comma list, a search): the DTO's own limits are all far below it. */
export const FILTER_PARAM_VALUE_MAX = 500;

export type FilterParams = Record<string, string>;

/** JSON scalars in their query-string form: `3` → `'3'`, `true` → `'true'`. Callers validated the types. */
export function toQueryStringForm(params: Record<string, string | number | boolean>): FilterParams {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)]));
}

export type ParsedFilterParams =
  { ok: true; query: ListTicketsQueryDto } | { ok: false; errors: Record<string, string[]> };

/**
 * `params` as the global pipe would parse `GET /tickets?<params>`: the same DTO, transform and
 * validator options. `errors` is keyed by parameter, like a 400's details.
 */
export async function parseFilterParams(params: FilterParams): Promise<ParsedFilterParams> {
  const errors: Record<string, string[]> = {};
  const rest: FilterParams = {};
  for (const [key, value] of Object.entries(params)) {
    if ((UNSAVABLE_PARAMS as readonly string[]).includes(key)) errors[key] = ['cannot be saved in a filter'];
    else rest[key] = value;
  }
  const query = plainToInstance(ListTicketsQueryDto, rest, TRANSFORM_OPTIONS);
  // At most MAX_PARAMS parameters, so never more than the flattening keeps.
  Object.assign(errors, flattenValidationErrors(await validate(query, VALIDATOR_OPTIONS)).fields);
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, query };
}

/**
 * The saved query with the explicit one on top: every parameter the request sets wins, the rest
 * come from the filter. `q` and its alias `search` are one parameter: either one in the request
 * replaces the saved search.
 */
export function mergeUnder(saved: ListTicketsQueryDto, explicit: ListTicketsQueryDto): ListTicketsQueryDto {
  const merged = Object.assign(new ListTicketsQueryDto(), saved);
  if (explicit.q !== undefined || explicit.search !== undefined) {
    merged.q = undefined;
    merged.search = undefined;
  }
  for (const [key, value] of Object.entries(explicit)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}
