// redirect_to allow-list and the mailed link; the masked address of log lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedRedirectOrigin, loginLink } from '../../../domain/accounts/login-redirect.ts';
import { maskEmail } from '../../../domain/accounts/mask-email.ts';

const ALLOW = ['https://explorer.ooni.org', 'http://localhost:3100'];

test('allowedRedirectOrigin: the origin when it is on the list, with any path', () => {
  assert.equal(allowedRedirectOrigin('https://explorer.ooni.org', ALLOW), 'https://explorer.ooni.org');
  assert.equal(allowedRedirectOrigin('https://EXPLORER.ooni.org/m/x?y=1#z', ALLOW), 'https://explorer.ooni.org');
  assert.equal(allowedRedirectOrigin('https://explorer.ooni.org:443/', ALLOW), 'https://explorer.ooni.org');
  assert.equal(allowedRedirectOrigin('http://localhost:3100/login', ALLOW), 'http://localhost:3100');
});

test('allowedRedirectOrigin: null for another scheme, host, port, credentials or no URL', () => {
  for (const bad of [
    'http://explorer.ooni.org',
    'https://explorer.ooni.org:8443',
    'https://explorer.ooni.org.evil.example',
    'https://evil.example/?https://explorer.ooni.org',
    'https://user@explorer.ooni.org',
    'http://localhost:3101',
    'https://localhost:3100',
    'javascript://explorer.ooni.org',
    '//explorer.ooni.org',
    'explorer.ooni.org',
    '',
  ]) {
    assert.equal(allowedRedirectOrigin(bad, ALLOW), null, bad);
  }
});

test('loginLink: <origin>/login?token=<token>, the token URL-encoded', () => {
  assert.equal(loginLink('https://explorer.ooni.org', 'abc_-1'), 'https://explorer.ooni.org/login?token=abc_-1');
  assert.equal(loginLink('http://localhost:3100', 'a+b/c'), 'http://localhost:3100/login?token=a%2Bb%2Fc');
});

test('maskEmail keeps the first character and the domain', () => {
  assert.equal(maskEmail('alice@example.org'), 'a***@example.org');
  assert.equal(maskEmail('a@b.org'), 'a***@b.org');
  assert.equal(maskEmail('weird@local@host.org'), 'w***@host.org');
  assert.equal(maskEmail('@example.org'), '***');
  assert.equal(maskEmail('nobody'), '***');
});
