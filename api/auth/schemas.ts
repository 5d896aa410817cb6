// The JSON bodies of the account routes, as zod schemas: each route parses with these and
// /openapi.json documents the same objects.
import { z } from 'zod';
import { ApiError } from '../errors.ts';

/** POST /api/v2/ooniauth/user-login and POST /api/v1/user_register */
export const userLoginBody = z.object({
  email_address: z.string().min(5).max(255).pipe(z.email()).meta({ description: 'where the login link is mailed (lower-cased)' }),
  redirect_to: z
    .string()
    .min(1)
    .max(2048)
    .meta({ description: 'http(s) URL to return to; its origin must be on LOGIN_REDIRECT_ALLOWLIST, and the link is <origin>/login?token=…' }),
});

/** POST /api/v2/ooniauth/user-session: a login token, or nothing to refresh the Bearer session */
export const userSessionBody = z.object({
  login_token: z
    .string()
    .max(512)
    .nullish()
    .meta({ description: 'the token of the mailed link; absent or null: refresh the Authorization: Bearer session' }),
});

/** A body field that fails its schema → 422 (invalid_email_address for the address, else invalid_field). */
export function parseBody<S extends z.ZodObject>(schema: S, body: Record<string, unknown>, fieldStatus: 422 | 400 = 422): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || '(body)';
  if (field === 'email_address') throw new ApiError('invalid_email_address', 'email_address: not a valid email address');
  throw new ApiError('invalid_field', `${field}: ${issue.message}`, { status: fieldStatus });
}
