import { toWebResponse } from '@/lib/api/api-response';
import { healthzResponse } from '@/lib/health/healthz';

export const dynamic = 'force-dynamic';
export function GET(): Response {
  return toWebResponse(healthzResponse());
}
