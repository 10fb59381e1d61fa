/**
 * `pnpm --filter @banshi/example-http-service start [file.db]`: serves one center on
 * http://127.0.0.1:8080 and prints a bearer token per role (development only: set
 * BANSHI_SECRET and real tokens in production).
 */
import { randomBytes } from 'node:crypto';
import type { HttpActor } from '@banshi/http';
import { startService } from './service.js';

const secret = process.env.BANSHI_SECRET ?? randomBytes(32).toString('base64url');
const actors: HttpActor[] = [
  { id: 'w-07', role: 'clerk', tenant: 'tz' },
  { id: 'h-01', role: 'head', tenant: 'tz' },
  { id: 'au-01', role: 'auditor', tenant: 'tz' },
];
const tokens = Object.fromEntries(actors.map((a) => [randomBytes(24).toString('base64url'), a]));
const service = await startService({ file: process.argv[2] ?? 'http-service.db', secret, tokens, port: Number(process.env.PORT ?? 8080), users: { w07: { password: 'demo', actor: actors[0] as HttpActor } } });
process.stdout.write(`banshi listening on ${service.url} (tenant tz)\n`);
for (const [token, a] of Object.entries(tokens)) process.stdout.write(`  ${a.role.padEnd(8)} Authorization: Bearer ${token}\n`);
const stop = () => void service.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
