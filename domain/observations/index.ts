// PLACEHOLDER until H1 lands: the contract's signature, with a stand-in that makes one obs_web row
// per web_connectivity measurement (meta only) so the orchestration can be built and tested.
import type { IpDatabase } from '../enrichment/lookup.ts';
import type { ObservationCrypto } from './crypto.ts';
import type { ObservationResult, ObsWebRow } from './types.ts';
import { TRANSFORMER_VERSION } from './version.ts';


export interface ObservationContext {
  bucketDate: string;
  createdAt: string | null;
  ipDb: IpDatabase | null;
  crypto: ObservationCrypto;
}

const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);

export function measurementToObservations(measurement: unknown, measurementUid: string, ctx: ObservationContext): ObservationResult {
  if (typeof measurement !== 'object' || measurement === null || Array.isArray(measurement)) return { ok: false, reason: 'not an object' };
  const m = measurement as Record<string, unknown>;
  if (typeof m.test_keys !== 'object' || m.test_keys === null) return { ok: false, reason: '`test_keys` is not an object' };
  if (m.test_name !== 'web_connectivity') return { ok: true, obs_web: [], obs_web_ctrl: [], obs_http_middlebox: [] };
  const input = typeof m.input === 'string' ? m.input : null;
  const row = {
    measurement_uid: measurementUid,
    input,
    report_id: str(m.report_id),
    ooni_run_link_id: '',
    measurement_start_time: `${str(m.measurement_start_time)}.000`,
    software_name: str(m.software_name),
    software_version: str(m.software_version),
    test_name: str(m.test_name),
    test_version: str(m.test_version),
    bucket_date: ctx.bucketDate,
    probe_asn: Number(str(m.probe_asn, 'AS0').slice(2)) || 0,
    probe_cc: str(m.probe_cc),
    probe_as_org_name: '',
    probe_as_cc: '',
    probe_as_name: '',
    network_type: '',
    platform: '',
    origin: '',
    engine_name: '',
    engine_version: '',
    architecture: '',
    resolver_ip: '',
    resolver_asn: 0,
    resolver_cc: '',
    resolver_as_org_name: '',
    resolver_as_cc: '',
    resolver_is_scrubbed: false,
    resolver_asn_probe: 0,
    resolver_as_org_name_probe: '',
    probe_id: '',
    transformer_version: TRANSFORMER_VERSION,
    enrichment_version: ctx.ipDb?.version ?? 'none',
    observation_idx: 1,
    created_at: ctx.createdAt,
    hostname: input ? (/^[a-z]+:\/\/([^/:]+)/i.exec(input)?.[1] ?? null) : null,
    tls_end_entity_certificate_san_list: [],
    tls_certificate_chain_fingerprints: [],
  } as unknown as ObsWebRow;
  return { ok: true, obs_web: [row], obs_web_ctrl: [], obs_http_middlebox: [] };
}
