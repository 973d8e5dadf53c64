/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
  typedRoutes: false,
};

export default nextConfig;
