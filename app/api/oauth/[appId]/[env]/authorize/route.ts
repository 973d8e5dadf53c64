import { currentActor } from '@/lib/auth/session';
import type { UserActor } from '@/lib/auth/actor';
import { handleAuthorize } from '@/lib/oauth/oauth-routes';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ appId: string; env: string }> }) {
  const { appId, env } = await params;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const actor = await currentActor();
  return handleAuthorize(actor?.id ? (actor as UserActor) : null, { ...query, appId, env });
}
