// Accounts in tests: a real SMTP server (smtp-server) that collects the login mails, and signIn,
// the whole v2 magic-link login (ask for the link, read the mail, follow the link's token).
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailCatcher {
  /** SMTP_URL for the API config */
  url: string;
  /** The next message to `to` (case-insensitive) not yet returned, waiting up to timeoutMs (default 10 s). */
  nextMessage(to: string, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server package) on a free port; collects the messages it receives. */
export async function startMailCatcher(): Promise<MailCatcher> {
  const inbox: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      simpleParser(stream)
        .then((parsed) => {
          for (const to of recipients) {
            inbox.push({
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
            });
          }
          for (const wake of waiters) wake();
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    async nextMessage(to, timeoutMs = 10_000) {
      const want = to.toLowerCase();
      const take = () => {
        const i = inbox.findIndex((m) => m.to === want);
        return i < 0 ? undefined : inbox.splice(i, 1)[0];
      };
      const found = take();
      if (found) return found;
      return new Promise<CaughtMail>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no mail to ${to} within ${timeoutMs} ms`));
        }, timeoutMs);
        function wake() {
          const m = take();
          if (!m) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(m);
        }
        waiters.add(wake);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The login token of the link in a login mail (`…/login?token=<token>`, in the text part). */
export function loginTokenOf(mail: CaughtMail): string {
  const link = /https?:\/\/\S+\/login\?token=[A-Za-z0-9_%-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no login link in the mail: ${mail.text}`);
  return new URL(link).searchParams.get('token')!;
}

type Request = (path: string, init?: RequestInit) => Promise<Response>;

/** A random private address per call, so the per-address login limit of a proxied API (TRUSTED_PROXY_HOPS ≥ 1) is not shared. */
const someAddress = () => `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

/**
 * Logs `email` in through the real v2 magic-link flow against `fetch`-like `request` (app.request or
 * a real URL base), reading the mail from `mail`; returns the session token. The API's
 * LOGIN_REDIRECT_ALLOWLIST must allow https://explorer.ooni.org (the default does); with
 * TRUSTED_PROXY_HOPS=0 every signIn counts against one client address (LOGIN_RATE_LIMITS_PER_ADDRESS).
 */
export async function signIn(request: Request, mail: MailCatcher, email: string): Promise<{ token: string; accountId: string }> {
  const asked = await request('/api/v2/ooniauth/user-login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': someAddress() },
    body: JSON.stringify({ email_address: email, redirect_to: 'https://explorer.ooni.org' }),
  });
  if (asked.status !== 200) throw new Error(`user-login answered ${asked.status}: ${await asked.text()}`);
  const loginToken = loginTokenOf(await mail.nextMessage(email));
  const res = await request('/api/v2/ooniauth/user-session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login_token: loginToken }),
  });
  if (res.status !== 200) throw new Error(`user-session answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { session_token: string; account_id: string };
  return { token: body.session_token, accountId: body.account_id };
}
