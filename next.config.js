/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and worker-thread packages stay outside the bundle (Next.js serverExternalPackages).
  serverExternalPackages: ["better-sqlite3", "pg", "pino", "@node-rs/argon2", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "undici"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // Type checking runs once, in `npm test` (tsc --noEmit), not again inside every build.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
