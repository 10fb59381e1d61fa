import { describe, expect, it } from 'vitest';
import { fixture, receive } from '../_lib/testFixture.js';
import { returnPreference } from './prefer.js';

const json = async (r: Response) => (await r.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Prefer: return=minimal (RFC 7240)', () => {
  it('reads the return preference of a Prefer header: first instance wins, names case-insensitive, parameters and quotes allowed', () => {
    expect(returnPreference(null)).toBeUndefined();
    expect(returnPreference('return=minimal')).toBe('minimal');
    expect(returnPreference('respond-async, RETURN = "minimal"; foo=bar, wait=10')).toBe('minimal');
    expect(returnPreference('return=representation, return=minimal')).toBe('representation');
    expect(returnPreference('wait=5,return=minimal')).toBe('minimal');
    expect(returnPreference('return=everything')).toBeUndefined();
    expect(returnPreference('returns=minimal, handling=lenient')).toBeUndefined();
  });

  it('reads a hostile Prefer header in time linear in its length (no regular-expression backtracking): 64 KiB of spaces after a name, unbalanced quotes, escapes', () => {
    // The first parser (a regular expression) took 1.2 s of CPU on a 16 KB `a<spaces>"` header and grew with
    // the square of its length: any client could stall the event loop with one header. A linear scan
    // reads each of these in well under a millisecond; the bound below is a thousand times that.
    const n = 64 * 1024;
    const hostile = ['a' + ' '.repeat(n) + '"', 'return' + ' '.repeat(n) + '=', 'a=' + '"' + '\\'.repeat(n), ' ;'.repeat(n) + 'return=minimal', ','.repeat(n) + 'return=minimal'];
    const t0 = performance.now();
    const answers = hostile.map((h) => returnPreference(h));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(answers).toEqual([undefined, undefined, undefined, undefined, 'minimal']);
  });

  it('a created case answers 201 with a small body (stream, commandId, version, duplicate, accessCode), ETag, Location and Preference-Applied; the events appended are those of a full answer', async () => {
    const f = await fixture();
    const r = await f.call('clerk', 'POST', '/t/tz/cases/TZ-M/commands', receive('TZ-M'), { prefer: 'return=minimal', 'idempotency-key': 'k-min' });
    expect(r.status).toBe(201);
    expect(r.headers.get('preference-applied')).toBe('return=minimal');
    expect(r.headers.get('etag')).toBe('"1"');
    expect(r.headers.get('location')).toBe('/t/tz/cases/TZ-M');
    expect(r.headers.get('x-request-id')).toBe((JSON.parse(f.logs[0] ?? '{}') as { requestId: string }).requestId);
    const b = await json(r);
    expect(Object.keys(b).sort()).toEqual(['accessCode', 'commandId', 'duplicate', 'stream', 'version']);
    expect(b).toMatchObject({ stream: 'case-TZ-M', commandId: 'k-min', version: 1, duplicate: false });
    expect(b.accessCode).toBe(await f.banshi.accessCode('tz', 'case-TZ-M'));
    // The same command with a full answer on another case: the same events stored.
    const full = await json(await f.call('clerk', 'POST', '/t/tz/cases/TZ-F/commands', receive('TZ-F'), { 'idempotency-key': 'k-full' }));
    const [minimal] = await f.stores.tz.readStream('case-TZ-M');
    expect(minimal?.type).toBe(full.events[0].type);
    expect({ ...(minimal?.data as object), caseId: 'TZ-F' }).toEqual(full.events[0].data);
  });

  it('a later command answers 200 with version and ETag, no access code; a replay with the same key is 200 Idempotent-Replayed', async () => {
    const f = await fixture();
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-N/commands', receive('TZ-N'));
    const accept = { type: 'Accept', on: '2013-09-16', channel: 'window' };
    const r = await f.call('clerk', 'POST', '/t/tz/cases/TZ-N/commands', accept, { prefer: 'return=minimal', 'if-match': '"1"', 'idempotency-key': 'k-acc' });
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBe('"2"');
    expect(r.headers.get('location')).toBeNull();
    expect(await json(r)).toEqual({ stream: 'case-TZ-N', commandId: 'k-acc', version: 2, duplicate: false });
    const again = await f.call('clerk', 'POST', '/t/tz/cases/TZ-N/commands', accept, { prefer: 'return=minimal', 'idempotency-key': 'k-acc' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('preference-applied')).toBe('return=minimal');
    expect(await json(again)).toEqual({ stream: 'case-TZ-N', commandId: 'k-acc', version: 2, duplicate: true });
    expect(await f.stores.tz.headPosition()).toBe(2);
  });

  it('without Prefer the answer is the full one and names no preference; return=representation is the full one and says so; errors stay problem+json', async () => {
    const f = await fixture();
    const plain = await f.call('clerk', 'POST', '/t/tz/cases/TZ-P/commands', receive('TZ-P'));
    expect(plain.headers.get('preference-applied')).toBeNull();
    expect(plain.headers.get('location')).toBeNull();
    expect(Object.keys(await json(plain)).sort()).toEqual(['accessCode', 'commandId', 'duplicate', 'events', 'state', 'stream', 'version']);
    const rep = await f.call('clerk', 'POST', '/t/tz/cases/TZ-R/commands', receive('TZ-R'), { prefer: 'return=representation' });
    expect(rep.headers.get('preference-applied')).toBe('return=representation');
    expect(await json(rep)).toHaveProperty('state.status', 'intake');
    const bad = await f.call('clerk', 'POST', '/t/tz/cases/TZ-R/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' }, { prefer: 'return=minimal', 'if-match': '"7"' });
    expect(bad.status).toBe(409);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.headers.get('preference-applied')).toBeNull();
  });
});
