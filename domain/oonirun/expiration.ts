// Expiration of OONI Run links. OONI's clock for links has whole seconds; a link created without
// an expiration_date expires 6 months (30 × 6 days) after its creation; an expired link is still
// readable but no longer editable, and is listed only on request.

const DAY_MS = 86_400_000;
const DEFAULT_LIFETIME_DAYS = 30 * 6;

/** `now` without its milliseconds (OONI's utcnow_seconds). */
export const toSeconds = (now: Date): Date => new Date(Math.floor(now.getTime() / 1000) * 1000);

export const defaultExpiration = (now: Date): Date => new Date(toSeconds(now).getTime() + DEFAULT_LIFETIME_DAYS * DAY_MS);

/** Expired once the expiration date is strictly before now (in whole seconds). */
export const isExpired = (expiration: Date, now: Date): boolean => expiration.getTime() < toSeconds(now).getTime();
