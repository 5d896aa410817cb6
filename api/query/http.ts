// Wraps a handler so a ParamError becomes the one JSON error shape.
import type { Context } from 'hono';
import { apiError } from '../errors.ts';
import { ParamError } from './params.ts';

export function handle(fn: (c: Context) => Promise<Response> | Response) {
  return async (c: Context): Promise<Response> => {
    try {
      return await fn(c);
    } catch (err) {
      if (err instanceof ParamError) return apiError(c, err.status, err.code, err.message);
      throw err;
    }
  };
}

export const cacheFor = (seconds: number) => ({ 'Cache-Control': `max-age=${seconds}` });
