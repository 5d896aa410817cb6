// http_invalid_request_line and http_header_field_manipulation: one obs_http_middlebox row each (§2.9).
import type { Transform } from '../context.ts';
import { bodyBytes } from '../http.ts';
import { arr, obj, str, type Json } from '../json.ts';
import type { ObsHttpMiddleboxRow } from '../types.ts';

type Row = ObsHttpMiddleboxRow;
type Slot = 0 | 1 | 2 | 3 | 4;

function baseRow(t: Transform): Row {
  return {
    ...t.meta,
    ...t.probe,
    ...t.provenance,
    observation_idx: 1,
    created_at: t.createdAt,
    hirl_sent_0: null,
    hirl_sent_1: null,
    hirl_sent_2: null,
    hirl_sent_3: null,
    hirl_sent_4: null,
    hirl_received_0: null,
    hirl_received_1: null,
    hirl_received_2: null,
    hirl_received_3: null,
    hirl_received_4: null,
    hirl_failure: null,
    hirl_success: null,
    hfm_diff: null,
    hfm_failure: null,
    hfm_success: null,
  };
}

/** Which of the five request lines `sent` is (upstream `detect_target_index`); null when none fits. */
function hirlSlot(sent: string): Slot | null {
  const p = sent.split(' ');
  if (p[0]!.length === 4) return 0; // random invalid method
  if (p.length === 4) return 1; // invalid field count
  if (p[0]!.length === 1024) return 2; // big request method
  if (p[0] === 'GET' && p[1] === '/' && p[2] !== undefined && p[2].trim() !== 'HTTP/1.1') return 3; // invalid version
  if (sent.includes('cache_object://localhost/')) return 4; // squid cache manager
  return null;
}

const decoder = new TextDecoder('utf-8');

function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  const b = bodyBytes(v);
  return b ? decoder.decode(b) : null;
}

function setSlot(row: Row, slot: Slot, sent: string | null, received: string | null): void {
  row[`hirl_sent_${slot}`] = sent;
  row[`hirl_received_${slot}`] = received;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

export function httpInvalidRequestLine(t: Transform, tk: Json): Row[] {
  const row = baseRow(t);
  row.hirl_success = true;
  const sent = arr(tk.sent);
  const received = arr(tk.received);
  if (sent.length === 0) return [{ ...row, hirl_failure: 'missing_sent', hirl_success: false }];
  if (received.length === 0) return [{ ...row, hirl_failure: 'missing_received', hirl_success: false }];
  for (let i = 0; i < 5; i++) {
    if (i >= sent.length || i >= received.length) return [{ ...row, hirl_failure: `missing_received_${i}`, hirl_success: false }];
    if (same(sent[i], received[i])) continue;
    const sentText = text(sent[i]);
    const slot = sentText === null ? null : hirlSlot(sentText);
    // upstream throws here and loses the measurement (§11 #11)
    if (slot === null) return [{ ...row, hirl_failure: 'unknown_payload', hirl_success: false }];
    setSlot(row, slot, sentText, text(received[i]));
  }
  return [row];
}

export function httpHeaderFieldManipulation(t: Transform, tk: Json): Row[] {
  const row = baseRow(t);
  const fail = (failure: string): Row[] => [{ ...row, hfm_failure: failure, hfm_success: false }];
  const requests = arr(tk.requests);
  if (requests.length === 0) return fail('missing_requests');
  const first = obj(requests[0]) ?? {};
  const response = obj(first.response);
  if (!response) return fail(str(first.failure) || 'missing_response');
  if (response.body === undefined || response.body === null) return fail('missing_response_body');
  const request = obj(first.request);
  if (!request || !obj(request.headers)) return fail('malformed_request');
  return [{ ...row, hfm_success: true }];
}
