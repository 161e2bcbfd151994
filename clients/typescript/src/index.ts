// The help desk's typed client: openapi-fetch over the types openapi-typescript generates from openapi.json
// (schema.d.ts, `npm run client:types`), plus the few helpers the API's error shape calls for.
import createClient, {
  type Client,
  type ClientOptions,
  type FetchResponse,
  type MaybeOptionalInit,
} from 'openapi-fetch';
import type { ErrorStatus, HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };

/** The named schemas of openapi.json: `Schemas['TicketJson']`. */
export type Schemas = components['schemas'];

/**
 * Where a call's result keeps its operation, for `errorFor`: types only, never set at run time.
 * openapi-fetch's results forget which operation they answer, and with it which body goes with which status.
 */
declare const operation: unique symbol;
export interface OperationResult<Op> {
  readonly [operation]?: Op;
}

/**
 * A call as openapi-fetch types it (the same `url` and `init`), its result remembering the operation.
 * `any` as in openapi-fetch's own constraint: its FetchResponse asks for `Record<string | number, any>`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Call<Paths extends Record<string, any>, M extends HttpMethod> = <
  P extends PathsWithMethod<Paths, M>,
  Init extends MaybeOptionalInit<Paths[P], M>,
>(
  url: P,
  ...init: InitParam<Init>
) => Promise<FetchResponse<Paths[P][M], Init, MediaType> & OperationResult<Paths[P][M]>>;

/** openapi-fetch's own (unexported) rule: `init` is required when the operation has required parameters or body. */
type InitParam<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/** `paths` as a type literal: an interface has no implicit index signature, which openapi-fetch's types ask for. */
type PathMap = { [P in keyof paths]: paths[P] };

/** openapi-fetch's client for this API: `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `use` (middleware)… */
export interface HelpdeskClient extends Omit<Client<paths>, 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'> {
  GET: Call<PathMap, 'get'>;
  POST: Call<PathMap, 'post'>;
  PUT: Call<PathMap, 'put'>;
  PATCH: Call<PathMap, 'patch'>;
  DELETE: Call<PathMap, 'delete'>;
}

/** A token, or a function that gives the current one (asked on every request; nothing: no header). */
export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

/** openapi-fetch's options (`fetch`, `headers`, `credentials`…) and the Bearer token to send. */
export interface HelpdeskClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  token?: TokenSource;
}

/**
 * A client for the API at `baseUrl`: the server's origin (`http://localhost:3000`), or `''` in a page it
 * serves; the paths (`/api/v1/tickets/{id}`) are openapi.json's. With `token`, every request carries
 * `Authorization: Bearer …` unless the call sets its own.
 */
export function createHelpdeskClient(baseUrl: string, options: HelpdeskClientOptions = {}): HelpdeskClient {
  const { token, ...clientOptions } = options;
  const client = createClient<paths>({ ...clientOptions, baseUrl });
  if (token !== undefined) {
    client.use({
      async onRequest({ request }) {
        if (request.headers.has('authorization')) return undefined;
        const value = typeof token === 'function' ? await token() : token;
        if (value) request.headers.set('authorization', `Bearer ${value}`);
        return request;
      },
    });
  }
  // The same object: HelpdeskClient only adds what each call answers to the types.
  return client as HelpdeskClient;
}

type Responses<Op> = Op extends { responses: infer R } ? R : never;

/** The error statuses (4xx, 5xx) an operation declares in openapi.json. */
export type ErrorStatusOf<Op> = Extract<keyof Responses<Op>, ErrorStatus>;

/** The JSON body an operation declares for `Status`. */
export type ResponseBody<Op, Status extends keyof Responses<Op>> = Responses<Op>[Status] extends {
  content: { 'application/json': infer Body };
}
  ? Body
  : never;

/** The body declared for `Status` by the operation at `Path` and `Method`: `BodyOf<'/api/v1/tickets/{id}', 'patch', 409>`. */
export type BodyOf<
  Path extends keyof paths,
  Method extends HttpMethod & keyof paths[Path],
  Status extends keyof Responses<paths[Path][Method]>,
> = ResponseBody<paths[Path][Method], Status>;

/**
 * The error body of `result` typed as its operation declares it for `status`, when the response has that
 * status (and the API's error shape: not a proxy's page); otherwise undefined. openapi-fetch types `error` as the union of every error the operation
 * declares; this picks one by the status the server sent:
 *
 *     const result = await client.PATCH('/api/v1/tickets/{id}', { params: { path: { id } }, body });
 *     const conflict = errorFor(result, 409);
 *     if (conflict) reload(conflict.error.details.current_version);
 *
 * `status` must be one the operation declares (a typo or an undocumented status does not compile).
 */
export function errorFor<Op, Status extends ErrorStatusOf<Op>>(
  result: { error?: unknown; response: Response } & OperationResult<Op>,
  status: Status,
): ResponseBody<Op, Status> | undefined {
  if (result.response.status !== status || !isApiErrorBody(result.error)) return undefined;
  return result.error as ResponseBody<Op, Status>;
}

/**
 * The body of every error the API answers, from any layer: `code` (VALIDATION_FAILED, VERSION_CONFLICT…),
 * a human `message`, `details` (which field, the current version…) and the `request_id` of the logs.
 */
export interface ApiErrorBody {
  error: { code: string; message: string; details: Record<string, unknown>; request_id: string };
}

/** True when `value` has the API's error shape (a proxy's HTML page, a network failure, do not). */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/** The error's code (`'VERSION_CONFLICT'`…), or undefined when `error` is not the API's error shape. */
export function errorCode(error: unknown): string | undefined {
  return isApiErrorBody(error) ? error.error.code : undefined;
}
