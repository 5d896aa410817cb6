// A stored finding as the incidents routes answer it, per viewer (oonifindings' OONIFinding and
// OONIFindingWithText): `email_address` only for admins ("" for everyone else, the owner too),
// `mine` when the viewer created it, `creator_account_id` always "" (upstream never fills it).
import type { Viewer } from './access.ts';

export interface StoredFinding {
  id: string;
  slug: string;
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ` (finding-time.ts) */
  createTime: string;
  updateTime: string;
  startTime: string;
  endTime: string | null;
  creatorAccountId: string;
  title: string;
  shortDescription: string;
  text: string;
  reportedBy: string;
  emailAddress: string;
  eventType: string;
  published: boolean;
  countryCodes: string[];
  asns: number[];
  domains: string[];
  themes: string[];
  tags: string[];
  links: string[];
  testNames: string[];
}

/** The list item of /incidents/search (no `text`), keys in upstream's order. */
export function renderFinding(f: Omit<StoredFinding, 'text'>, viewer: Viewer) {
  return {
    id: f.id,
    email_address: viewer.role === 'admin' ? f.emailAddress : '',
    title: f.title,
    short_description: f.shortDescription,
    slug: f.slug,
    start_time: f.startTime,
    create_time: f.createTime,
    update_time: f.updateTime,
    end_time: f.endTime,
    reported_by: f.reportedBy,
    creator_account_id: '',
    published: f.published,
    event_type: f.eventType,
    ASNs: f.asns,
    CCs: f.countryCodes,
    themes: f.themes,
    tags: f.tags,
    test_names: f.testNames,
    domains: f.domains,
    links: f.links,
    mine: viewer.accountId !== null && f.creatorAccountId === viewer.accountId,
  };
}

/** The finding of /incidents/show: the list item plus `text`. */
export const renderFindingWithText = (f: StoredFinding, viewer: Viewer) => ({ ...renderFinding(f, viewer), text: f.text });
