// The JSON of an OONI Run link as OONI's service answers it: every key always present (absent
// optional ones null), dates as `YYYY-MM-DDTHH:MM:SS.ffffffZ`, the revision and the id as strings.
// No account data: is_mine is computed for the caller, the creator's account id is never shown.
import { isExpired } from '../../domain/oonirun/expiration.ts';
import type { Nettest } from '../../domain/oonirun/nettest.ts';
import type { LinkRecord } from './link-store.ts';

/** `2024-01-15T12:00:00.000000Z` (OONI's pydantic datetime format). */
export const oonirunDate = (d: Date): string => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

export interface LinkView {
  link: LinkRecord;
  nettests: Nettest[];
  revision: number;
  /** OONI shows the revision's creation on reads of one link, the link's on create, edit and list */
  dateCreated: Date;
  /** the caller's account id, if any */
  accountId: string | undefined;
  now: Date;
}

export function linkJson(v: LinkView) {
  const { link } = v;
  return {
    oonirun_link_id: String(link.oonirunLinkId),
    name: link.name,
    short_description: link.shortDescription,
    description: link.description,
    author: link.author,
    nettests: v.nettests,
    name_intl: link.nameIntl,
    short_description_intl: link.shortDescriptionIntl,
    description_intl: link.descriptionIntl,
    icon: link.icon,
    color: link.color,
    expiration_date: oonirunDate(link.expirationDate),
    date_created: oonirunDate(v.dateCreated),
    date_updated: oonirunDate(link.dateUpdated),
    revision: String(v.revision),
    is_mine: v.accountId !== undefined && v.accountId === link.creatorAccountId,
    is_expired: isExpired(link.expirationDate, v.now),
  };
}
