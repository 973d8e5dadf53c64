import { ButtonLink } from '@/components/ui/button';

/** Any address that matches no route. Outside the console layout, so it needs no session. */
export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-medium text-slate-500">404</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">Nothing lives at this address.</p>
      <ButtonLink href="/connections" className="mt-6">Go to connections</ButtonLink>
    </main>
  );
}
