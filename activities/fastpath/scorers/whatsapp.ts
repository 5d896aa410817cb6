// whatsapp: web app and registration server requests, then TCP endpoints. The probe's own
// status keys are ignored (probe bugs).
import { PyError } from '../py/errors.ts';
import { contains, eq, get, iter, truthy } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { hasUnknownFailure, tcpEndpoints, testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

function assertReportId(msm: unknown): void {
  if (!truthy(get(msm, 'report_id'))) throw new PyError('AssertionError', 'report_id');
}

export const scoreWhatsapp: Scorer = (msm) => {
  const tk = testKeys(msm);
  // the original evaluates this (dead) workaround condition, which can fail on odd test_keys
  if (eq(get(msm, 'software_name', ''), 'ooniprobe') && ['2.1.0', '2.2.0', '2.3.0'].some((v) => eq(get(msm, 'software_version', ''), v))) {
    get(tk, 'whatsapp_web_status', '');
  }
  const scores = initScores();
  if (hasUnknownFailure(tk)) scores.accuracy = 0.0;

  const wf = get(tk, 'whatsapp_web_failure', '');
  if (truthy(wf) && contains(wf, "unknown_failure 'ascii' co")) {
    assertReportId(msm);
    scores.accuracy = 0.0;
    return scores;
  }

  const requests = get(tk, 'requests', []);
  if (!truthy(requests)) {
    assertReportId(msm);
    scores.accuracy = 0.0;
    return scores;
  }

  let webapp: boolean | null = null;
  let registration: boolean | null = null;
  for (const b of iter(requests)) {
    const url = get(get(b, 'request', {}), 'url', '');
    if (url === 'https://web.whatsapp.com/') {
      const f = get(b, 'failure', true);
      webapp = f === null || f === '' || eq(f, false);
    } else if (url === 'https://v.whatsapp.net/v2/register') {
      registration = get(b, 'failure') === null;
    }
  }
  if (webapp === null || registration === null) {
    scores.accuracy = 0.0;
    return scores;
  }
  if (!webapp || !registration) {
    scores.blocking_general = 1.0;
    return scores;
  }

  const { accessible, unreachable } = tcpEndpoints(tk);
  if (accessible === 0 && unreachable === 0) scores.accuracy = 0.0;
  else if (accessible === 0) scores.blocking_general = 1.0;
  scores.analysis = {
    registration_server_accessible: registration,
    whatsapp_web_accessible: webapp,
    whatsapp_endpoints_accessible: accessible > 0,
  };
  return scores;
};
