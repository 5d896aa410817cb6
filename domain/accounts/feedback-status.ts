// The statuses Explorer users may vote for a measurement (OONI's valid_feedback_status).

export const FEEDBACK_STATUSES = [
  'blocked',
  'blocked.blockpage',
  'blocked.blockpage.http',
  'blocked.blockpage.dns',
  'blocked.blockpage.server_side',
  'blocked.blockpage.server_side.captcha',
  'blocked.dns',
  'blocked.dns.inconsistent',
  'blocked.dns.nxdomain',
  'blocked.tcp',
  'blocked.tls',
  'ok',
  'down',
  'down.unreachable',
  'down.misconfigured',
] as const;

export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const isFeedbackStatus = (s: string): s is FeedbackStatus => (FEEDBACK_STATUSES as readonly string[]).includes(s);
