// Dispatch table of score_measurement: one scorer per test_name.
import { failedScores } from '../scores.ts';
import type { Scores } from '../scores.ts';
import { item } from '../py/values.ts';
import type { Dict } from '../py/values.ts';
import type { Fingerprints } from '../fingerprints/types.ts';
import { scoreBrowserWeb } from './browser-web.ts';
import { scoreDash } from './dash.ts';
import { scoreDnsConsistency } from './dns-consistency.ts';
import { scoreFacebookMessenger } from './facebook-messenger.ts';
import { scoreHttpHeaderFieldManipulation } from './http-header-field-manipulation.ts';
import { scoreHttpInvalidRequestLine } from './http-invalid-request-line.ts';
import { scoreHttpRequests } from './http-requests.ts';
import { scoreMeekFrontedRequestsTest } from './meek-fronted-requests-test.ts';
import { scoreNdt } from './ndt.ts';
import { scoreOpenvpn } from './openvpn.ts';
import { scorePsiphon } from './psiphon.ts';
import { scoreRiseupvpn } from './riseupvpn.ts';
import { scoreSignal } from './signal.ts';
import { scoreStunreachability } from './stunreachability.ts';
import { scoreTcpConnect } from './tcp-connect.ts';
import { scoreTelegram } from './telegram.ts';
import { scoreTor } from './tor.ts';
import { scoreTorsf } from './torsf.ts';
import { scoreVanillaTor } from './vanilla-tor.ts';
import { scoreWebConnectivity } from './web-connectivity.ts';
import { scoreWhatsapp } from './whatsapp.ts';
import type { Scorer } from './types.ts';

export const SCORERS: ReadonlyMap<string, Scorer> = new Map([
  ['telegram', scoreTelegram],
  ['facebook_messenger', scoreFacebookMessenger],
  ['http_header_field_manipulation', scoreHttpHeaderFieldManipulation],
  ['http_invalid_request_line', scoreHttpInvalidRequestLine],
  ['whatsapp', scoreWhatsapp],
  ['vanilla_tor', scoreVanillaTor],
  ['web_connectivity', scoreWebConnectivity],
  ['ndt', scoreNdt],
  ['tcp_connect', scoreTcpConnect],
  ['dash', scoreDash],
  ['meek_fronted_requests_test', scoreMeekFrontedRequestsTest],
  ['psiphon', scorePsiphon],
  ['tor', scoreTor],
  ['http_requests', scoreHttpRequests],
  ['dns_consistency', scoreDnsConsistency],
  ['signal', scoreSignal],
  ['stunreachability', scoreStunreachability],
  ['torsf', scoreTorsf],
  ['riseupvpn', scoreRiseupvpn],
  ['openvpn', scoreOpenvpn],
  ['browser_web', scoreBrowserWeb],
]);

/** score_measurement: a missing test_name raises; unknown tests get accuracy 0. */
export function scoreByTestName(msm: Dict, fingerprints: Fingerprints): Scores {
  const tn = item(msm, 'test_name');
  const scorer = typeof tn === 'string' ? SCORERS.get(tn) : undefined;
  return scorer ? scorer(msm, fingerprints) : failedScores();
}
