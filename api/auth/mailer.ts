// Sends the login mail over SMTP (nodemailer, SMTP_URL). Without SMTP_URL the link is written to
// the API log instead (recipient masked), so `npm start` works with no mail server.
import { createTransport } from 'nodemailer';
import { maskEmail } from '../../domain/accounts/mask-email.ts';
import type { Logger } from '../../lib/logger.ts';

export interface LoginMailer {
  send(to: string, link: string): Promise<void>;
}

const LOGIN_MAIL_SUBJECT = 'OONI Account activation email';

const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function loginMail(link: string) {
  const text = `Welcome to OONI.\n\nPlease log in by following ${link}\n\nThe link works once and expires in 24 hours.\n`;
  const html = `<html><body><p>Welcome to OONI.</p><p><a href="${escapeHtml(link)}">Please log in here</a></p><p>The link works once and expires in 24 hours.</p></body></html>`;
  return { subject: LOGIN_MAIL_SUBJECT, text, html };
}

export function createLoginMailer(opts: { smtpUrl: string | undefined; from: string; log: Logger }): LoginMailer {
  const { smtpUrl, from, log } = opts;
  if (!smtpUrl) {
    return {
      async send(to, link) {
        log.info({ to: maskEmail(to), login_url: link }, 'login link (SMTP_URL is unset: not mailed)');
      },
    };
  }
  const transport = createTransport(smtpUrl);
  return {
    async send(to, link) {
      await transport.sendMail({ from, to, ...loginMail(link) });
      log.info({ to: maskEmail(to) }, 'login mail sent');
    },
  };
}
