import 'server-only';

/**
 * INTEGRATION POINT: a password set from a reset link must end the user's other sessions.
 * Session revocation (a per-user session version, `endAllSessions(userId)` in
 * lib/auth/session-version.ts) is built on another branch; when both are merged, replace this
 * body with `endAllSessions(userId)`. Called from exactly one place: lib/accounts/use-account-link.ts.
 */
export function endSessionsAfterPasswordReset(userId: string): void {
  void userId;
}
