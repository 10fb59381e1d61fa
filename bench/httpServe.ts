/**
 * One side of `pnpm bench http` served in a process of its own (issue 15), for measuring the
 * server without the load generator in its process: started by `httpLoad.ts` over IPC, it
 * answers `'cpu'` with its CPU time and the requests it has answered so far.
 *
 *   node --import tsx --conditions=banshi-source bench/httpServe.ts <banshi|bare> <full|normal> <dir>
 */
import { startServer } from '@banshi/http';
import { bareApp, banshiApp } from './httpApps.js';

const [side, synchronous, dir] = process.argv.slice(2);
if ((side !== 'banshi' && side !== 'bare') || (synchronous !== 'full' && synchronous !== 'normal') || !dir) {
  process.stderr.write('usage: httpServe.ts <banshi|bare> <full|normal> <dir>\n');
  process.exit(2);
}
const app = await (side === 'banshi' ? banshiApp : bareApp)(dir, synchronous);
let requests = 0;
// startServer serves `fetch`: counting there adds one increment per request, nothing else.
const counted = { fetch: (request: Request, env: unknown) => (requests++, app.hono.fetch(request, env)) } as unknown as typeof app.hono;
const server = await startServer(counted);
process.on('message', (m: unknown) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    process.send?.({ cpuMs: (u.user + u.system) / 1000, requests });
  } else if (m === 'close') {
    void server.close().then(() => app.close()).then(() => process.exit(0));
  }
});
process.send?.({ url: server.url });
