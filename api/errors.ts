// One JSON error shape for every 4xx/5xx the API returns: a stable machine code and a text.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ApiErrorBody {
  error: string;
  message: string;
}

export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Response {
  const body: ApiErrorBody = { error: code, message };
  return c.json(body, status, { 'Cache-Control': 'no-cache', ...headers });
}
