import { currentActor } from '@/lib/auth/session';
import type { UserActor } from '@/lib/auth/actor';
import { handleCallback } from '@/lib/oauth/oauth-routes';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const actor = await currentActor();
  return handleCallback(actor?.id ? (actor as UserActor) : null, new URL(request.url).searchParams);
}
