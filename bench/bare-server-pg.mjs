// The PostgreSQL baseline of the runtime-credentials benchmark: a bare node:http server with a `pg`
// pool doing the same lookups as the real route (the API key by its SHA-256 with its user, then the
// environment with its credential row) and answering JSON, without auth rules, decryption, audit,
// cache or headers.
import crypto from 'node:crypto';
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const route = /^\/api\/v1\/connections\/([^/]+)\/([^/]+)\/runtime-credentials$/;

const server = http.createServer(async (req, res) => {
  const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  const caller = (
    await pool.query({
      name: 'key',
      text: 'select k.id, u.id as user_id, u.role from api_keys k join users u on u.id = k.user_id where k.key_hash = $1 and k.revoked_at is null',
      values: [crypto.createHash('sha256').update(key).digest('hex')],
    })
  ).rows[0];
  const match = route.exec(req.url.split('?')[0]);
  const row =
    caller &&
    match &&
    (
      await pool.query({
        name: 'lookup',
        text: `select e.kind, e.server_url, c.public_values, c.secret_values from environments e
               join connections k on k.id = e.connection_id
               left join credentials c on c.environment_id = e.id and c.owner_key = 'team'
               where k.app_id = $1 and e.env = $2`,
        values: [match[1], match[2]],
      })
    ).rows[0];
  const body = JSON.stringify(row ? { kind: row.kind, server_url: row.server_url, credentials: row.public_values, sealed: row.secret_values } : { error: 'not found' });
  res.writeHead(row ? 200 : 404, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
