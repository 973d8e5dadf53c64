#!/usr/bin/env node
// Compiles the lib code that runs outside Next (the runtime fast path with the start-up key check,
// and the CLI) into dist/ with esbuild, from the same TypeScript sources Next and the tests use, so
// production never transpiles at run time. `npm run build` and `npm install` (prepare) run it;
// bin/server.mjs and bin/connections.mjs rebuild when a source is newer than its bundle.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// CONNECTIONS_BUNDLE_DIR moves the bundles elsewhere (the start-up refusal test uses broken ones).
export const DIST = process.env.CONNECTIONS_BUNDLE_DIR ? path.resolve(process.env.CONNECTIONS_BUNDLE_DIR) : path.join(root, 'dist');

/**
 * name → entry point; each becomes dist/<name>.mjs with dist/<name>.inputs.json (its sources).
 * The CLI also carries its pure-JS dependencies (zod, drizzle, yaml): a CLI call is a fresh process,
 * and resolving hundreds of node_modules files was most of its start-up. better-sqlite3 is native
 * and stays outside; the server bundle leaves every dependency in node_modules (it starts once).
 */
export const BUNDLES = {
  server: { entry: 'lib/runtime/server-bundle.ts', external: { packages: 'external' } },
  cli: {
    entry: 'lib/cli/main.ts',
    external: {
      external: ['better-sqlite3'],
      minify: true, // half the bytes to parse on every call
      // Bundled CommonJS dependencies may call require().
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    },
  },
};

export const bundleFile = (name) => path.join(DIST, `${name}.mjs`);
const inputsFile = (name) => path.join(DIST, `${name}.inputs.json`);

/** `server-only` guards Next's client bundles; outside Next it is a no-op. */
const serverOnlyStub = {
  name: 'server-only-stub',
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: path.join(root, 'scripts', 'server-only-stub.mjs') }));
  },
};

/** Writes the bundle next to its final name, then renames: a concurrent reader never sees half a file. */
function writeAtomically(file, contents) {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, file);
}

/** Chunks of earlier builds, after an hour (a process started before the rebuild may still import them). */
function removeOldChunks(name, current) {
  const dir = path.join(DIST, 'chunks');
  if (!fs.existsSync(dir)) return; // a bundle without chunks, built first on a fresh clone
  const hourAgo = Date.now() - 3_600_000;
  for (const file of fs.readdirSync(dir)) {
    const full = path.join(dir, file);
    if (!file.startsWith(`${name}-`) || current.has(full)) continue;
    try {
      if (fs.statSync(full).mtimeMs < hourAgo) fs.rmSync(full, { force: true });
    } catch {
      // removed by a concurrent build
    }
  }
}

export async function bundle(names = Object.keys(BUNDLES)) {
  const esbuild = await import('esbuild');
  fs.mkdirSync(DIST, { recursive: true });
  for (const name of names) {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: { [name]: BUNDLES[name].entry },
      ...BUNDLES[name].external,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      tsconfig: path.join(root, 'tsconfig.json'),
      plugins: [serverOnlyStub],
      metafile: true,
      write: false,
      outdir: DIST,
      outExtension: { '.js': '.mjs' },
      // Code behind a dynamic import() (each CLI command, undici for the first outbound call) goes
      // into a chunk of its own, named by its content, so a call that never needs it never parses it.
      splitting: true,
      chunkNames: `chunks/${name}-[hash]`,
      logLevel: 'warning',
      legalComments: 'none',
    });
    const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
    const entry = bundleFile(name);
    // Chunks first: the entry that imports them appears last, so a concurrent reader never misses one.
    for (const file of result.outputFiles.filter((f) => f.path !== entry)) {
      fs.mkdirSync(path.dirname(file.path), { recursive: true });
      if (!fs.existsSync(file.path)) writeAtomically(file.path, file.contents);
    }
    writeAtomically(inputsFile(name), JSON.stringify(inputs));
    writeAtomically(entry, result.outputFiles.find((f) => f.path === entry).contents);
    removeOldChunks(name, new Set(result.outputFiles.map((f) => f.path)));
  }
}

/** A bundle is stale when it is missing or one of its sources (or this script) changed after it was written. */
export function isStale(name) {
  let built;
  let inputs;
  try {
    built = fs.statSync(bundleFile(name)).mtimeMs;
    inputs = JSON.parse(fs.readFileSync(inputsFile(name), 'utf8'));
  } catch {
    return true;
  }
  for (const input of [...inputs, 'scripts/bundle.mjs']) {
    try {
      if (fs.statSync(path.join(root, input)).mtimeMs > built) return true;
    } catch {
      return true; // a source was removed or renamed
    }
  }
  return false;
}

/**
 * Builds the bundle when it is stale; returns the file to import. When it cannot be rebuilt (an
 * install without esbuild) but a bundle from `npm run build` is there, that one is used.
 */
export async function ensureBundle(name) {
  if (!isStale(name)) return bundleFile(name);
  try {
    await bundle([name]);
  } catch (e) {
    if (!fs.existsSync(bundleFile(name))) throw e;
    console.error(`dist/${name}.mjs could not be rebuilt (${e instanceof Error ? e.message.split('\n')[0] : e}); using the existing bundle.`);
  }
  return bundleFile(name);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await bundle();
    console.log(`Bundled ${Object.keys(BUNDLES).map((n) => path.relative(root, bundleFile(n))).join(', ')}`);
  } catch (e) {
    // `npm install --omit=dev` runs `prepare` without esbuild: the install must not fail for it.
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('esbuild')) throw e;
    console.warn('esbuild is not installed: dist/ not built (run `npm run build` on a full install).');
  }
}
