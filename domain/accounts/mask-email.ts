// An email address as a log line may show it: the first character of the local part, then `***`,
// then the domain (`alice@example.org` → `a***@example.org`).

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
