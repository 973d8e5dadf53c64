import 'server-only';
import { jsonResponse, type ApiResponse } from '@/lib/api/api-response';
import { sql } from 'drizzle-orm';
import { rawRows } from '@/lib/db/client';

/** `GET /healthz` (no auth): 200 when the database answers, 503 otherwise. Says nothing else. */
export async function healthzResponse(): Promise<ApiResponse> {
  try {
    await rawRows(sql`select 1`);
    return jsonResponse(200, { status: 'ok' });
  } catch {
    return jsonResponse(503, { status: 'unavailable' });
  }
}
