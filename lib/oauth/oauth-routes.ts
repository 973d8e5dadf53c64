import 'server-only';
import * as z from 'zod';
import type { UserActor } from '@/lib/auth/actor';
import { appIdSchema, envNameSchema } from '@/lib/connections/value-schemas';
import { env as appEnv } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { completeAuthorization, startAuthorization } from './authorization-code';
import { withOAuthOutcome } from './oauth-outcome';

/** Redirect responses of the OAuth routes: never cached, never leaking the URL as a referrer. */
export function redirectResponse(location: string, status = 303): Response {
  return new Response(null, {
    status,
    headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  });
}

const consolePage = (path: string) => new URL(path, appEnv().appUrl).href;

export const authorizeQuerySchema = z.object({
  appId: appIdSchema,
  env: envNameSchema,
  for: z.enum(['team']).optional(),
  return_to: z.enum(['connection', 'connect', 'link']).default('connection'),
  link: z.uuid().optional(),
});

/** GET /api/oauth/{app_id}/{env}/authorize: to the provider, or back to the console with the reason. */
export async function handleAuthorize(actor: UserActor | null, input: Record<string, string | undefined>): Promise<Response> {
  const parsed = authorizeQuerySchema.safeParse(input);
  if (!parsed.success) return redirectResponse(consolePage(withOAuthOutcome('/connections', { ok: false, message: 'Unknown connection or environment.' })));
  const { appId, env, link } = parsed.data;
  const returnTo = parsed.data.return_to === 'link' ? (link ? (`link:${link}` as const) : 'connect') : parsed.data.return_to;
  const back = `/connections/${encodeURIComponent(appId)}${returnTo === 'connection' ? '' : '/connect'}?env=${env}`;
  if (!actor) return redirectResponse(consolePage(`/login?returnTo=${encodeURIComponent(back)}`));
  try {
    const location = await startAuthorization(actor, { appId, env, forTeam: parsed.data.for === 'team', returnTo });
    return redirectResponse(location, 302);
  } catch (e) {
    const message = isAppError(e) ? e.message : 'The consent could not be started.';
    return redirectResponse(consolePage(withOAuthOutcome(back, { ok: false, message })));
  }
}

/** GET /api/oauth/callback: the one redirect URI of every connection. */
export async function handleCallback(actor: UserActor | null, params: URLSearchParams): Promise<Response> {
  return redirectResponse(consolePage(await completeAuthorization(actor, params)));
}
