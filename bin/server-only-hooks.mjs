// Module resolution hook for code run outside Next.js (CLI, custom server fast path, bench):
// `server-only` throws unless the bundler picks its react-server entry, so map it to the no-op stub.
const stub = new URL('../scripts/server-only-stub.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return { url: stub, shortCircuit: true };
  return nextResolve(specifier, context);
}
