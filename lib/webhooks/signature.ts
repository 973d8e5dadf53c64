import crypto from 'node:crypto';

/**
 * `X-Connections-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: receivers recompute
 * it with the endpoint's secret and refuse old timestamps, so a captured request cannot be replayed.
 */
export const SIGNATURE_HEADER = 'X-Connections-Signature';

export function signWebhook(secret: string, body: string, at = Math.floor(Date.now() / 1000)): string {
  const mac = crypto.createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
  return `t=${at},v1=${mac}`;
}

/** What a receiver does: true when the signature matches and is at most `toleranceSeconds` old. */
export function verifyWebhookSignature(secret: string, body: string, header: string, toleranceSeconds = 300, now = Math.floor(Date.now() / 1000)): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const at = Number(parts.t);
  if (!Number.isInteger(at) || !parts.v1 || Math.abs(now - at) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, body, at).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export const newWebhookSecret = () => `whsec_${crypto.randomBytes(24).toString('base64url')}`;
