// measurementToObservations: one raw measurement → its v5 observation rows (ooni/data
// `measurement_to_observations`). Pure; never throws: a shape it cannot read → { ok: false }.
import { enrichmentMemo } from '../enrichment/memo.ts';
import { NO_DATABASE, type ObservationContext, type Transform } from './context.ts';
import { obj, str, type Json } from './json.ts';
import { measurementMeta, parseAsn, parseStartTime, probeMeta } from './meta.ts';
import { browserWeb } from './nettests/browser-web.ts';
import { dnscheck } from './nettests/dnscheck.ts';
import { echcheck } from './nettests/echcheck.ts';
import { facebookMessenger, telegram, whatsapp } from './nettests/instant-messaging.ts';
import { httpHeaderFieldManipulation, httpInvalidRequestLine } from './nettests/middlebox.ts';
import { signal } from './nettests/signal.ts';
import { stunReachability, urlgetter } from './nettests/simple.ts';
import { tor } from './nettests/tor.ts';
import { webConnectivity } from './nettests/web-connectivity.ts';
import type { ObservationResult, ObsHttpMiddleboxRow, ObsWebCtrlRow, ObsWebRow } from './types.ts';
import { TRANSFORMER_VERSION } from './version.ts';

export type { ObservationContext } from './context.ts';

interface Rows {
  web?: ObsWebRow[];
  ctrl?: ObsWebCtrlRow[];
  middlebox?: ObsHttpMiddleboxRow[];
}

/** upstream NETTEST_TRANSFORMERS, keyed by test_name */
const TRANSFORMERS: Record<string, (t: Transform, testKeys: Json) => Rows> = {
  web_connectivity: (t, tk) => webConnectivity(t, tk),
  dnscheck: (t, tk) => ({ web: dnscheck(t, tk) }),
  signal: (t, tk) => ({ web: signal(t, tk) }),
  telegram: (t, tk) => ({ web: telegram(t, tk) }),
  whatsapp: (t, tk) => ({ web: whatsapp(t, tk) }),
  facebook_messenger: (t, tk) => ({ web: facebookMessenger(t, tk) }),
  tor: (t, tk) => ({ web: tor(t, tk) }),
  stunreachability: (t, tk) => ({ web: stunReachability(t, tk) }),
  urlgetter: (t, tk) => ({ web: urlgetter(t, tk) }),
  browser_web: (t, tk) => ({ web: browserWeb(t, tk) }),
  echcheck: (t, tk) => ({ web: echcheck(t, tk) }),
  http_invalid_request_line: (t, tk) => ({ middlebox: httpInvalidRequestLine(t, tk) }),
  http_header_field_manipulation: (t, tk) => ({ middlebox: httpHeaderFieldManipulation(t, tk) }),
};

function transform(measurement: unknown, measurementUid: string, ctx: ObservationContext): ObservationResult {
  const m = obj(measurement);
  if (!m) return { ok: false, reason: 'not a JSON object' };
  const testName = str(m.test_name);
  if (testName === null) return { ok: false, reason: 'test_name missing' };
  const run = Object.hasOwn(TRANSFORMERS, testName) ? TRANSFORMERS[testName] : undefined;
  if (!run) return { ok: true, obs_web: [], obs_web_ctrl: [], obs_http_middlebox: [] };
  if (!measurementUid) return { ok: false, reason: 'measurement_uid missing' };
  const startText = str(m.measurement_start_time);
  const startMs = startText === null ? null : parseStartTime(startText);
  if (startText === null || startMs === null) return { ok: false, reason: 'measurement_start_time is not "YYYY-MM-DD HH:MM:SS"' };
  const probeAsn = parseAsn(m.probe_asn);
  if (probeAsn === null) return { ok: false, reason: 'probe_asn is not "AS<number>"' };
  const testKeys = obj(m.test_keys);
  if (!testKeys) return { ok: false, reason: 'test_keys missing' };
  const db = ctx.ipDb ?? NO_DATABASE;
  const t: Transform = {
    meta: measurementMeta(m, measurementUid, `${startText}.000`, ctx.bucketDate),
    probe: probeMeta(m, probeAsn, db, startText.slice(0, 10)),
    provenance: { transformer_version: TRANSFORMER_VERSION, enrichment_version: ctx.ipDb ? ctx.ipDb.version : 'none' },
    createdAt: ctx.createdAt,
    db,
    crypto: ctx.crypto,
    startMs,
    nextIdx: 1,
    ipCache: enrichmentMemo(db),
    ownIps: new Map(),
  };
  const rows = run(t, testKeys);
  return { ok: true, obs_web: rows.web ?? [], obs_web_ctrl: rows.ctrl ?? [], obs_http_middlebox: rows.middlebox ?? [] };
}

export function measurementToObservations(measurement: unknown, measurementUid: string, ctx: ObservationContext): ObservationResult {
  try {
    return transform(measurement, measurementUid, ctx);
  } catch (e) {
    // a shape no reader anticipated: reported, never thrown into the caller's activity
    return { ok: false, reason: `unreadable measurement: ${e instanceof Error ? e.message : String(e)}` };
  }
}
