// One error path: routes, parsers and middleware throw ApiError with a registered code; its
// response is the one JSON shape {error, message} with Cache-Control: no-cache, built here only.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { API_ERROR_CODES, type ApiErrorCode, type ApiErrorStatus } from './error-codes.ts';

interface ApiErrorBody {
  error: ApiErrorCode;
  message: string;
}

export interface ApiErrorOptions<C extends ApiErrorCode> {
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
  /** Only the statuses the registry allows for this code; default its own. */
  status?: ApiErrorStatus<C>;
  cause?: unknown;
}

export class ApiError<C extends ApiErrorCode = ApiErrorCode> extends HTTPException {
  override name = 'ApiError';
  readonly code: C;
  readonly headers: Record<string, string>;

  constructor(code: C, message: string, options: ApiErrorOptions<C> = {}) {
    super((options.status ?? API_ERROR_CODES[code].status) as ContentfulStatusCode, { message, cause: options.cause });
    this.code = code;
    this.headers = options.headers ?? {};
  }

  /** The response app.onError (and Hono's default handler, for a sub-app mounted alone) sends. */
  override getResponse(): Response {
    const body: ApiErrorBody = { error: this.code, message: this.message };
    return new Response(JSON.stringify(body), {
      status: this.status,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache', ...this.headers },
    });
  }
}
