import 'server-only';
import { jsonResponse, type ApiResponse } from '@/lib/api/api-response';
import { getSqlite } from '@/lib/db/client';

/** `GET /healthz` (no auth): 200 when the database answers, 503 otherwise. Says nothing else. */
export function healthzResponse(): ApiResponse {
  try {
    getSqlite().prepare('select 1').get();
    return jsonResponse(200, { status: 'ok' });
  } catch {
    return jsonResponse(503, { status: 'unavailable' });
  }
}
