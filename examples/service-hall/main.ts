/**
 * `pnpm hall`: the service hall on http://127.0.0.1:8080 with one year of the Taizhou center as
 * demo data, and a login per role. Settings (environment):
 *   HALL_STORE  sqlite:<file> (default .banshi/hall.db), postgres://…, or nats://host:4222/STREAM
 *   HALL_DATE   the business date to start on (default 2013-12-31)
 *   HALL_CASES  approval cases to generate into an empty store (default 300)
 *   PORT, BANSHI_SECRET, HALL_PASSWORD (one password for every demo login; default random)
 */
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { demoUsers } from './src/demo.js';
import { startHall } from './src/hall.js';

const storeSetting = process.env.HALL_STORE ?? 'sqlite:.banshi/hall.db';
if (storeSetting.startsWith('sqlite:') || !storeSetting.includes('://')) mkdirSync('.banshi', { recursive: true });
const users = demoUsers(process.env.HALL_PASSWORD);
process.stdout.write(`opening ${storeSetting.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')} (an empty store gets the generated Taizhou year first)…\n`);
const hall = await startHall({
  store: storeSetting,
  secret: process.env.BANSHI_SECRET ?? randomBytes(32).toString('base64url'),
  users,
  date: process.env.HALL_DATE ?? '2013-12-31',
  demoCases: Number(process.env.HALL_CASES ?? 300),
  port: Number(process.env.PORT ?? 8080),
});
process.stdout.write(`${hall.demoEvents ? `wrote ${hall.demoEvents.toLocaleString('en-US')} demo events; ` : ''}store: ${hall.store.label}\n`);
process.stdout.write(`服务大厅 listening on ${hall.url} (business date ${hall.clock.today()})\n\nlogins (用户名 / 密码):\n`);
for (const [name, u] of Object.entries(users)) process.stdout.write(`  ${name.padEnd(7)} ${u.password.padEnd(10)} ${u.actor.role.padEnd(10)} ${u.what}\n`);
const stop = () => void hall.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
