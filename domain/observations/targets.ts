// Target ids of the instant-messaging tests (§2.8, upstream targets.py): which service endpoint
// an obs_web row measured. Candidate = hostname, else ip; exact names, then patterns, then
// (telegram only) any IP literal is the data-centre pool.
import { isIpLiteral } from './address.ts';
import type { ObsWebRow } from './types.ts';

export type Platform = 'telegram' | 'whatsapp' | 'signal' | 'facebook_messenger';

type CombinationRule = 'any_of' | 'all_of';

interface Target {
  id: string;
  /** any_of: redundant endpoints (blocked only if all fail); all_of: each is required (for the analysis of IM tests) */
  rule: CombinationRule;
  hostnames: readonly string[];
  pattern?: RegExp;
}

const TARGETS: Record<Platform, readonly Target[]> = {
  telegram: [{ id: 'telegram/web', rule: 'all_of', hostnames: ['web.telegram.org'] }],
  whatsapp: [
    { id: 'whatsapp/endpoints', rule: 'any_of', hostnames: [], pattern: /^e\d+\.whatsapp\.net$/ },
    { id: 'whatsapp/registration', rule: 'all_of', hostnames: ['v.whatsapp.net'] },
    { id: 'whatsapp/web', rule: 'all_of', hostnames: ['web.whatsapp.com'] },
  ],
  signal: [
    { id: 'signal/chat', rule: 'all_of', hostnames: ['chat.signal.org', 'textsecure-service.whispersystems.org'] },
    { id: 'signal/directory', rule: 'all_of', hostnames: ['cdsi.signal.org', 'api.directory.signal.org'] },
    { id: 'signal/cdn', rule: 'all_of', hostnames: [], pattern: /^cdn\d*\.signal\.org$/ },
    { id: 'signal/sfu', rule: 'all_of', hostnames: ['sfu.voip.signal.org'] },
    { id: 'signal/storage', rule: 'all_of', hostnames: ['storage.signal.org'] },
    { id: 'signal/uptime', rule: 'all_of', hostnames: ['uptime.signal.org'] },
  ],
  facebook_messenger: [
    { id: 'facebook_messenger/star', rule: 'all_of', hostnames: ['star.c10r.facebook.com'] },
    { id: 'facebook_messenger/b_api', rule: 'all_of', hostnames: ['b-api.facebook.com'] },
    { id: 'facebook_messenger/b_graph', rule: 'all_of', hostnames: ['b-graph.facebook.com'] },
    { id: 'facebook_messenger/edge', rule: 'all_of', hostnames: ['edge-mqtt.facebook.com'] },
    { id: 'facebook_messenger/external_cdn', rule: 'all_of', hostnames: ['external.xx.fbcdn.net'] },
    { id: 'facebook_messenger/scontent_cdn', rule: 'all_of', hostnames: ['scontent.xx.fbcdn.net'] },
    { id: 'facebook_messenger/stun', rule: 'all_of', hostnames: ['stun.fbsbx.com'] },
  ],
};

const TELEGRAM_DC_POOL = 'telegram/dc_pool';

const EXACT = new Map<Platform, Map<string, string>>();
for (const [platform, targets] of Object.entries(TARGETS) as [Platform, readonly Target[]][]) {
  const m = new Map<string, string>();
  for (const target of targets) for (const h of target.hostnames) m.set(h, target.id);
  EXACT.set(platform, m);
}

function targetIdFor(platform: Platform, candidate: string): string | null {
  const exact = EXACT.get(platform)!.get(candidate);
  if (exact) return exact;
  for (const t of TARGETS[platform]) if (t.pattern && t.pattern.test(candidate)) return t.id;
  if (platform === 'telegram' && isIpLiteral(candidate)) return TELEGRAM_DC_POOL;
  return null;
}

/** `assign_target_ids`: sets target_id on every row whose hostname (else ip) is a known endpoint. */
export function assignTargetIds(platform: Platform, rows: ObsWebRow[]): void {
  for (const row of rows) {
    const candidate = row.hostname || row.ip;
    if (candidate) row.target_id = targetIdFor(platform, candidate);
  }
}
