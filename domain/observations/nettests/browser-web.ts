// browser_web: one row with the page load's result and time. Upstream leaves observation_idx 0
// and created_at unset (§11 #12); here it is a row like any other (idx 1, created_at set).
import type { Transform } from '../context.ts';
import { num, str, type Json } from '../json.ts';
import type { ObsWebRow } from '../types.ts';
import { webRows } from '../web-rows.ts';

export function browserWeb(t: Transform, tk: Json): ObsWebRow[] {
  const [row] = webRows(
    t,
    [],
    [],
    [],
    [
      {
        cols: {
          http_request_url: null,
          http_network: null,
          http_alpn: null,
          http_failure: str(tk.result),
          http_request_body_length: null,
          http_request_method: null,
          http_runtime: num(tk.load_time_ms),
          http_response_body_length: null,
          http_response_body_is_truncated: null,
          http_response_body_sha1: null,
          http_response_status_code: null,
          http_response_header_location: null,
          http_response_header_server: null,
          http_request_redirect_from: null,
          http_request_body_is_truncated: null,
          http_t: null,
        },
        hostname: '',
        ip: null,
        port: null,
        transactionId: null,
      },
    ],
  );
  // upstream's row has no hostname at all (NULL), not the empty HTTP hostname
  row!.hostname = null;
  return [row!];
}
