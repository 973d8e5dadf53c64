/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // NEXT_DIST_DIR lets a second build (another test run) live beside the default one.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  serverExternalPackages: ['better-sqlite3'],
  typedRoutes: false,
  experimental: {
    // Server action bodies past this are refused before parsing (the largest form, a pasted
    // import, stays well under it; bigger imports go through the API or CLI).
    serverActions: { bodySizeLimit: '1mb' },
  },
};

export default nextConfig;
