import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequest } from '@/lib/api/api-request';
import { errorResponse, NO_STORE_HEADERS, type ApiResponse } from '@/lib/api/api-response';
import { runApi } from '@/lib/api/run-api';
import { withCommitSnapshot } from '@/lib/db/read-cache';
import { env } from '@/lib/env';
import { healthzResponse } from '@/lib/health/healthz';
import { STATIC_SECURITY_HEADERS, transportSecurityHeaders } from '@/lib/security/security-headers';
import { runtimeCredentialsHandler } from './runtime-credentials-handler';

const RUNTIME_PATH = /^\/api\/v1\/connections\/([^/]+)\/([^/]+)\/runtime-credentials\/?$/;

// The same headers proxy.ts puts on Next's answers; a JSON answer needs no script at all.
const FIXED_HEADERS = { ...STATIC_SECURITY_HEADERS, 'content-security-policy': "default-src 'none'; frame-ancestors 'none'", ...NO_STORE_HEADERS };

const noSession = async () => null;

function write(res: ServerResponse, response: ApiResponse) {
  res.writeHead(response.status, {
    ...FIXED_HEADERS,
    ...transportSecurityHeaders(env().appUrl),
    'content-type': response.contentType,
    'content-length': Buffer.byteLength(response.body),
    ...response.headers,
  });
  res.end(response.body);
}

/** Writes what `work` answers once it is there; anything it throws is answered as the API maps errors. */
function answer(res: ServerResponse, work: () => ApiResponse | Promise<ApiResponse>) {
  void Promise.resolve()
    .then(work)
    .then(
      (response) => write(res, response),
      (e) => write(res, errorResponse(e)),
    );
}

/**
 * The runtime-credentials path answered by the custom server itself, without Next's request
 * pipeline (about 27x the cost here). Only bearer-key GETs are taken; anything else (a browser
 * session, another route) returns false and goes to Next, whose route handler runs the same code.
 */
export function handleRuntimeRequest(req: IncomingMessage, res: ServerResponse): boolean {
  // Load balancers poll this: answered here too, so it stays cheap and works while Next is busy.
  if (req.method === 'GET' && (req.url === '/healthz' || req.url === '/healthz/')) {
    answer(res, healthzResponse);
    return true;
  }
  if (req.method !== 'GET' || !req.url || !req.headers.authorization) return false;
  const url = new URL(req.url, 'http://localhost');
  const match = RUNTIME_PATH.exec(url.pathname);
  if (!match) return false;
  let params: { appId: string; env: string };
  try {
    params = { appId: decodeURIComponent(match[1]), env: decodeURIComponent(match[2]) };
  } catch {
    return false;
  }
  const request: ApiRequest = {
    method: 'GET',
    url,
    header: (name) => {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
    readBody: async () => '',
  };
  // Same authentication, handler and error mapping as the Next route (lib/api/run-api.ts). With an
  // Authorization header there is no session to fall back to, so the session lookup finds none.
  answer(res, () => withCommitSnapshot(() => runApi(request, params, noSession, runtimeCredentialsHandler)));
  return true;
}
