import { errorResponse, toWebResponse } from '@/lib/api/api-response';
import { AppError } from '@/lib/errors';

// Any other /api/v1 path answers in the API's error shape rather than with an HTML page.
const notFound = () => toWebResponse(errorResponse(new AppError('not_found', 'No such API route. See /api/v1/openapi.json.')));

export const dynamic = 'force-dynamic';
export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
