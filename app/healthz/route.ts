import { toWebResponse } from '@/lib/api/api-response';
import { healthzResponse } from '@/lib/health/healthz';

export const dynamic = 'force-dynamic';
export async function GET(): Promise<Response> {
  return toWebResponse(await healthzResponse());
}
