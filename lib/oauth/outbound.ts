import 'server-only';
import dns from 'node:dns';
import net from 'node:net';
import * as oauth from 'oauth4webapi';
import type { Agent } from 'undici';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { withExplanation } from './explain-oauth-error';

/**
 * The one door for outbound OAuth traffic (token, authorization, discovery): http(s) only, an
 * optional host allowlist (OUTBOUND_ALLOWLIST), and an address policy checked on the address
 * actually connected to (after DNS), a timeout, and redirects never followed.
 *
 * Address policy: loopback, unspecified (0.0.0.0, ::), link-local and cloud metadata addresses
 * and the console itself are refused; `OUTBOUND_ALLOW_LOOPBACK=1` allows loopback and the console
 * (tests, an IdP on the same machine). Private ranges are allowed (self-hosted IdPs) unless
 * `OUTBOUND_BLOCK_PRIVATE=1`.
 */

type AddressClass = 'loopback' | 'unspecified' | 'link-local or metadata' | 'private';

// A BlockList compares addresses, not spellings: `::ffff:a9fe:a9fe` (how the URL parser writes
// `[::ffff:169.254.169.254]`), `fd00:0ec2::254` and other equivalent forms all match.
function blockList(entries: Array<[string, number, 'ipv4' | 'ipv6']>): net.BlockList {
  const list = new net.BlockList();
  for (const [address, prefix, type] of entries) list.addSubnet(address, prefix, type);
  return list;
}
const CLASSES: Array<[AddressClass, net.BlockList]> = [
  ['unspecified', blockList([['0.0.0.0', 8, 'ipv4'], ['::', 128, 'ipv6']])],
  ['loopback', blockList([['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']])],
  // 169.254.169.254 is the cloud metadata service; fd00:ec2::254 is AWS's over IPv6.
  ['link-local or metadata', blockList([['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6'], ['fd00:ec2::254', 128, 'ipv6']])],
  ['private', blockList([['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['fc00::', 7, 'ipv6']])],
];

export function classifyAddress(address: string): AddressClass | null {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const type = net.isIPv4(ip) ? 'ipv4' : net.isIPv6(ip) ? 'ipv6' : null;
  if (!type) return null;
  return CLASSES.find(([, list]) => list.check(ip, type))?.[0] ?? null;
}

/** Why an address may not be reached under the current settings, or null when it may. */
export function refusedAddressReason(address: string): string | null {
  const kind = classifyAddress(address);
  if (!kind) return null;
  if (kind === 'loopback' && env().OUTBOUND_ALLOW_LOOPBACK) return null;
  if (kind === 'private' && !env().OUTBOUND_BLOCK_PRIVATE) return null;
  if (kind === 'loopback') return 'a loopback address (OUTBOUND_ALLOW_LOOPBACK=1 allows it)';
  if (kind === 'private') return 'a private address (refused because OUTBOUND_BLOCK_PRIVATE=1)';
  return kind === 'unspecified' ? 'an unspecified address' : 'a link-local or metadata address';
}

/** Link-local and metadata addresses: refused whatever the settings. */
export function isBlockedAddress(address: string): boolean {
  return classifyAddress(address) === 'link-local or metadata';
}

function allowlist(): string[] {
  return env()
    .OUTBOUND_ALLOWLIST
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
  const reason = net.isIP(host) ? refusedAddressReason(host) : null;
  if (reason) throw new OutboundRefused(`${url.host} is ${reason}.`, field);
  if (!env().OUTBOUND_ALLOW_LOOPBACK && url.host === new URL(env().appUrl).host) {
    throw new OutboundRefused(`${url.host} is this console itself.`, field);
  }
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** Checks every resolved address at connect time, so a DNS answer cannot point us at metadata. */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback) {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const blocked = addresses.map((a) => ({ address: a.address, reason: refusedAddressReason(a.address) })).find((a) => a.reason);
    if (blocked) {
      const refused = Object.assign(new Error(`${hostname} resolves to ${blocked.address}, ${blocked.reason}.`), { code: 'EOUTBOUNDBLOCKED' });
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}

// undici is loaded on the first outbound call: most CLI commands never make one, and its start-up
// is a good part of a CLI call's. `default` is its CommonJS exports, under Node and in the CLI bundle.
const globalForAgent: { __outboundAgent?: Agent } & typeof globalThis = globalThis;
async function guardedUndici() {
  const undici = (await import('undici')).default;
  globalForAgent.__outboundAgent ??= new undici.Agent({ connect: { lookup: guardedLookup as never }, keepAliveTimeout: 10_000 });
  return { fetch: undici.fetch, dispatcher: globalForAgent.__outboundAgent };
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
    // undici's own fetch (for its dispatcher) types Request and Response apart from the DOM's, which
    // oauth4webapi expects; the objects are the same at run time.
    const { fetch: undiciFetch, dispatcher } = await guardedUndici();
    const response = await undiciFetch(url, { ...(init as object), redirect: 'manual', signal, dispatcher } as never);
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

/**
 * oauth4webapi's options for every request to a provider: through the guarded fetch above. Plain
 * http stays possible (self-hosted IdPs, tests); which hosts are reachable is the guard's decision.
 */
export const OUTBOUND_OAUTH_OPTIONS = { [oauth.customFetch]: outboundFetch as typeof fetch, [oauth.allowInsecureRequests]: true } as const;
