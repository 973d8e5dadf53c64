import 'server-only';
import dns from 'node:dns';
import net from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { withExplanation } from './explain-oauth-error';

/**
 * The one door for outbound OAuth traffic (token, authorization, discovery): http(s) only, an
 * optional host allowlist (OUTBOUND_ALLOWLIST), link-local and cloud metadata addresses refused on
 * the address actually connected to, a timeout, and redirects never followed.
 */

// A BlockList compares addresses, not spellings: `::ffff:a9fe:a9fe` (how the URL parser writes
// `[::ffff:169.254.169.254]`), `fd00:0ec2::254` and other equivalent forms all match.
const BLOCKED = new net.BlockList();
BLOCKED.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, cloud metadata (169.254.169.254)
BLOCKED.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6
BLOCKED.addSubnet('fe80::', 10, 'ipv6'); // IPv6 link-local

export function isBlockedAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (net.isIPv4(ip)) return BLOCKED.check(ip, 'ipv4');
  if (net.isIPv6(ip)) return BLOCKED.check(ip, 'ipv6');
  return false;
}

function allowlist(): string[] {
  return (process.env.OUTBOUND_ALLOWLIST ?? '')
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
}

/** `*.example.com` matches subdomains of example.com; anything else matches the host exactly. */
export function hostAllowed(host: string, patterns = allowlist()): boolean {
  if (!patterns.length) return true;
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return patterns.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p));
}

export class OutboundRefused extends AppError {
  constructor(message: string, field = 'url') {
    super('bad_input', message, { [field]: message });
  }
}

/** Parses and checks a URL before any request is made to it. */
export function assertOutboundUrl(value: string, field = 'url'): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OutboundRefused(`${field} is not a valid URL.`, field);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRefused(`${field} must be an http(s) URL, not ${url.protocol}`, field);
  if (url.username || url.password) throw new OutboundRefused(`${field} must not carry credentials in the URL.`, field);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!hostAllowed(host)) throw new OutboundRefused(`${url.host} is not in OUTBOUND_ALLOWLIST.`, field);
  if (net.isIP(host) && isBlockedAddress(host)) throw new OutboundRefused(`${url.host} is a link-local or metadata address.`, field);
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** Checks every resolved address at connect time, so a DNS answer cannot point us at metadata. */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback) {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const blocked = addresses.find((a) => isBlockedAddress(a.address));
    if (blocked) {
      const refused = Object.assign(new Error(`${hostname} resolves to ${blocked.address}, a link-local or metadata address.`), { code: 'EOUTBOUNDBLOCKED' });
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}

const globalForAgent = globalThis as unknown as { __outboundAgent?: Agent };
function agent(): Agent {
  globalForAgent.__outboundAgent ??= new Agent({ connect: { lookup: guardedLookup as never }, keepAliveTimeout: 10_000 });
  return globalForAgent.__outboundAgent;
}

export function outboundTimeoutMs(): number {
  return env().OUTBOUND_TIMEOUT_MS;
}

/** A fetch for oauth4webapi's `customFetch`: same contract as fetch, with the guards above. */
export async function outboundFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  const url = assertOutboundUrl(String(input));
  const timeout = AbortSignal.timeout(outboundTimeoutMs());
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  try {
    const response = await undiciFetch(url, { ...(init as object), redirect: 'manual', signal, dispatcher: agent() } as never);
    return response as unknown as Response;
  } catch (e) {
    throw describeFetchFailure(e, url);
  }
}

function describeFetchFailure(e: unknown, url: URL): AppError {
  if (e instanceof AppError) return e;
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new AppError('provider_failed', withExplanation(`${url.host} did not answer within ${Math.round(outboundTimeoutMs() / 1000)} seconds.`, 'timeout'));
  }
  if (err.cause?.code === 'EOUTBOUNDBLOCKED') return new OutboundRefused(err.cause.message ?? 'Refused destination.');
  return new AppError('provider_failed', `Could not reach ${url.host}: ${err.cause?.code ?? err.cause?.message ?? err.message}.`);
}
