// The baseline of the runtime-credentials benchmark: a bare node:http server doing the same SQLite
// lookups as the real route (the API key by its SHA-256 with its user, then the environment with
// its credential row) and answering JSON, without auth rules, decryption, audit or headers.
import crypto from 'node:crypto';
import http from 'node:http';
import Database from 'better-sqlite3';

const db = new Database(process.env.DATABASE_PATH, { readonly: true });
db.pragma('busy_timeout = 5000');
const keyLookup = db.prepare('select k.id, u.id as user_id, u.role from api_keys k join users u on u.id = k.user_id where k.key_hash = ? and k.revoked_at is null');
const lookup = db.prepare(
  `select e.kind, e.server_url, c.public_values, c.secret_values from environments e
   join connections k on k.id = e.connection_id
   left join credentials c on c.environment_id = e.id and c.owner_key = 'team'
   where k.app_id = ? and e.env = ?`,
);
const route = /^\/api\/v1\/connections\/([^/]+)\/([^/]+)\/runtime-credentials$/;

const server = http.createServer((req, res) => {
  const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  const caller = keyLookup.get(crypto.createHash('sha256').update(key).digest('hex'));
  const match = route.exec(req.url.split('?')[0]);
  const row = caller && match && lookup.get(match[1], match[2]);
  const body = JSON.stringify(row ? { kind: row.kind, server_url: row.server_url, credentials: JSON.parse(row.public_values), sealed: row.secret_values } : { error: 'not found' });
  res.writeHead(row ? 200 : 404, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
