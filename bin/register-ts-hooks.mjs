// Lets plain Node load the project's TypeScript lib code: tsx compiles .ts (and resolves the
// tsconfig `@/` paths), and server-only-hooks maps `server-only` to its stub. Registered hooks run
// last-registered first, so the server-only hook sees `server-only` before tsx does.
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register as registerTsx } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let done = false;

export function registerTypeScript() {
  if (done) return;
  done = true;
  registerTsx({ tsconfig: path.join(root, 'tsconfig.json') });
  register('./server-only-hooks.mjs', import.meta.url);
}

export const projectRoot = root;
