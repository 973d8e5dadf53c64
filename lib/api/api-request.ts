import { AppError } from '@/lib/errors';

/** The parts of an HTTP request the API reads, whichever server received it. */
export type ApiRequest = {
  method: string;
  url: URL;
  header(name: string): string | undefined;
  /** The raw body, refused past `limit` bytes without buffering the rest. */
  readBody(limit: number): Promise<string>;
};

export const JSON_BODY_LIMIT = 2 * 1024 * 1024;
export const IMPORT_BODY_LIMIT = 4 * 1024 * 1024;

export function tooLarge(limit: number): AppError {
  return new AppError('payload_too_large', `The request body is larger than ${Math.round(limit / 1024)} KiB.`);
}

/** Reads a web `Request` body chunk by chunk, stopping as soon as it passes the limit. */
export async function readWebBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function fromWebRequest(request: Request): ApiRequest {
  return {
    method: request.method.toUpperCase(),
    url: new URL(request.url),
    header: (name) => request.headers.get(name) ?? undefined,
    readBody: (limit) => readWebBody(request, limit),
  };
}

export async function readJsonBody(request: ApiRequest, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const text = await request.readBody(limit);
  if (!text.trim()) throw new AppError('bad_input', 'The request body is empty: send a JSON object.');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_input', 'The request body is not valid JSON.');
  }
}
