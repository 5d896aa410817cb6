// Every error code the API answers with, its HTTP status and what it means: the one registry.
// ApiError takes only these codes; docs/errors.md lists them (a unit test keeps the two equal).
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SUBMISSION_ERROR_CODES } from '../domain/submission/error-codes.ts';

export interface ErrorCodeEntry {
  status: ContentfulStatusCode;
  /** Other statuses the same code is answered with (OONI-compatible routes differ on 400 vs 422). */
  alsoStatus?: readonly ContentfulStatusCode[];
  description: string;
}

const API_ONLY_ERROR_CODES = {
  // any route
  not_found: { status: 404, description: 'no route for this method and path (also: operator routes while OPERATOR_TOKEN is unset)' },
  internal_error: { status: 500, description: 'unexpected failure; logged once with the path' },
  // submission: capacity and dependencies
  overloaded: { status: 503, description: 'too many uploads in flight; retry after Retry-After seconds' },
  temporal_unavailable: { status: 503, description: 'Temporal is unavailable; retry after Retry-After seconds' },
  s3_unavailable: { status: 503, description: 'object storage is unavailable; retry after Retry-After seconds' },
  postgres_unavailable: { status: 503, description: 'PostgreSQL is unavailable; retry after Retry-After seconds' },
  // probe services
  bad_category_code: { status: 400, description: 'check-in category_codes are not alphabetic codes' },
  malformed_request: { status: 400, description: 'bouncer request is not {"net-tests":[{"name","version"}]}' },
  invalid_credentials: { status: 401, description: 'login username/password (or the token claims) are wrong' },
  invalid_token: { status: 401, description: 'missing or invalid Authorization: Bearer <token> from /api/v1/login' },
  manifest_not_found: { status: 404, description: 'anonymous credentials manifest: not supported' },
  invalid_probe_update: { status: 422, description: 'update body field has the wrong type (strings; supported_tests a list of strings)' },
  vpn_provider_not_found: { status: 404, description: 'vpn-config provider is not configured (VPN_CONFIG_FILE)' },
  invalid_addresses: { status: 422, description: 'geolookup body is not {"addresses": [IPv4 or IPv6 address, …]}' },
  too_many_addresses: { status: 422, description: 'geolookup asks for more addresses than one request may (1000)' },
  ip_database_unavailable: { status: 503, description: 'the IP database could not be loaded; retry after Retry-After seconds' },
  // query API
  invalid_parameter: { status: 422, alsoStatus: [400], description: 'a query parameter is malformed (400 on the explorer routes, as OONI)' },
  missing_parameter: { status: 400, description: 'a required query parameter is absent' },
  invalid_order: { status: 400, description: 'order is neither asc nor desc' },
  time_range_too_large: { status: 400, description: 'measurements since/until span more than the allowed range' },
  invalid_axis: { status: 400, description: 'aggregation axis_x/axis_y is not a known axis' },
  axes_equal: { status: 400, description: 'aggregation axis_x and axis_y are the same' },
  invalid_time_range: { status: 400, description: 'aggregation (and v5 routes) until is not after since' },
  invalid_time_grain: { status: 400, description: 'aggregation time_grain not allowed for the requested range' },
  invalid_measurement_uid: { status: 400, description: 'measurement_uid is malformed' },
  measurement_not_found: { status: 404, description: 'no measurement with this uid' },
  raw_measurement_not_found: { status: 404, description: 'the measurement is known but its body is not' },
  export_not_found: { status: 404, description: 'no finished export of this month and format (GET /api/v1/exports lists them)' },
  range_not_satisfiable: { status: 416, description: 'the Range of an export download starts past the end of the file' },
  rate_limited: { status: 429, description: 'query quota spent; see Retry-After and X-RateLimit-Remaining' },
  // accounts (ooniauth) and the routes that need a session
  auth_required: {
    status: 401,
    description: 'no, an invalid or an expired Authorization: Bearer <session token> (from /api/v2/ooniauth/user-session)',
  },
  auth_forbidden: { status: 403, description: "the session's role may not use this route (admin only)" },
  invalid_email_address: { status: 422, description: 'email_address is not an email address of 5-255 characters' },
  redirect_not_allowed: { status: 422, description: 'redirect_to is not an http(s) URL on LOGIN_REDIRECT_ALLOWLIST' },
  invalid_field: {
    status: 422,
    alsoStatus: [400],
    description: 'a JSON body field is missing or of the wrong type (400 on the Explorer routes, as OONI)',
  },
  login_rate_limited: {
    status: 429,
    description: 'too many login mails asked for from this client address or for this email address; see Retry-After',
  },
  mail_failed: { status: 500, description: 'the login mail could not be handed to the SMTP server; nothing was stored' },
  login_token_invalid: { status: 401, description: 'the login token is unknown or malformed' },
  login_token_expired: { status: 401, description: 'the login token is older than one day' },
  login_token_used: { status: 401, description: 'the login token was already used (each login link works once)' },
  invalid_feedback_status: { status: 400, description: 'measurement feedback status is not one of the OONI feedback statuses' },
  // OONI Run v2
  oonirun_invalid_link: {
    status: 422,
    description:
      'OONI Run link body: a field is missing or invalid (names, lengths, color, dates, nettests, inputs_extra length, targets_name with inputs)',
  },
  oonirun_invalid_meta: {
    status: 422,
    description: 'engine-descriptor body: run_type, is_charging, probe_cc, probe_asn, network_type or website_category_codes invalid',
  },
  oonirun_invalid_revision: { status: 422, description: 'revision path segment is neither latest nor a number' },
  oonirun_invalid_user_agent: {
    status: 422,
    description:
      'engine-descriptor UserAgent header is not <software_name>,<software_version>,<platform>,<engine_name>,<engine_version>,<engine_version_full>',
  },
  oonirun_link_not_found: { status: 404, description: 'no OONI Run link with this id (for a user editing: none of theirs)' },
  oonirun_revision_not_found: { status: 404, description: 'the OONI Run link has no such revision' },
  oonirun_link_expired: { status: 403, description: 'the OONI Run link has expired and cannot be edited' },
  oonirun_unknown_targets_name: {
    status: 422,
    description: 'a nettest of the link names a targets_name this backend cannot fill (only websites_list_prioritized)',
  },
  // operator
  unauthorized: { status: 401, description: 'operator endpoints need Authorization: Bearer <OPERATOR_TOKEN>' },
  invalid_hour: { status: 400, description: 'seal hour is not YYYYMMDDHH' },
  invalid_day: { status: 400, description: 'reprocess start_day/end_day are not YYYY-MM-DD, or end_day is before start_day' },
  invalid_probe_cc: { status: 400, description: 'reprocess probe_cc is not two upper-case letters' },
  invalid_test_name: { status: 400, description: 'reprocess test_name is not a test name' },
  unknown_schedule: { status: 404, description: 'no schedule with this id, or not created yet' },
  // findings (incidents)
  invalid_finding: {
    status: 422,
    description: 'incidents body is not JSON, or a field breaks its rule (empty title/text, end_time before start_time, ASNs not integers, ...)',
  },
  finding_not_found: {
    status: 404,
    description: 'no finding with this id or slug (or not published, for an anonymous caller; or not yours, for a user)',
  },
  invalid_finding_action: { status: 400, description: 'POST /api/v1/incidents/{action}: action is not create, update, delete, publish or unpublish' },
  finding_role_not_authorized: { status: 401, description: 'incidents create/publish/unpublish by a user: admins only (401 as OONI)' },
  invalid_creator_email: { status: 400, description: 'incidents create: email_address is not the address of the caller' },
  finding_email_not_yours: { status: 403, description: 'incidents update/delete by a user: email_address is not the address of the caller' },
  finding_publish_forbidden: { status: 403, description: 'incidents update by a user with published true: only admins publish' },
  finding_slug_taken: { status: 409, description: 'incidents create: another finding has this slug' },
  invalid_slug: { status: 422, description: 'incidents create: slug is not 1-64 of [0-9A-Za-z-], or reads as an integer (an id)' },
} as const satisfies Record<string, ErrorCodeEntry>;

/** The submission codes (domain/submission/error-codes.ts) plus every other code the API answers with. */
export const API_ERROR_CODES = { ...SUBMISSION_ERROR_CODES, ...API_ONLY_ERROR_CODES } as const satisfies Record<string, ErrorCodeEntry>;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

type Entry<C extends ApiErrorCode> = (typeof API_ERROR_CODES)[C];
/** The statuses a code may be answered with: its own, plus any listed in alsoStatus. */
export type ApiErrorStatus<C extends ApiErrorCode> = Entry<C>['status'] | (Entry<C> extends { alsoStatus: readonly (infer S)[] } ? S : never);
