// Outside Next.js (CLI, custom server, unit tests) server-only code is allowed: this replaces the `server-only` guard.
