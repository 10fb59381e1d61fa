import { expect } from 'vitest';

/** A browser's cookie jar and form posts to the service hall at `base`, over fetch; `login` uses the demo users' `password`. */
export function hallBrowser(base: string, password: string) {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = (pair ?? '').indexOf('=');
      if (i > 0) jar.set((pair as string).slice(0, i), (pair as string).slice(i + 1));
    }
    return r;
  };
  const headers = () => ({ cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), origin: base });
  const get = async (path: string) => {
    const r = keep(await fetch(base + path, { headers: headers(), redirect: 'manual' }));
    return { status: r.status, location: r.headers.get('location'), html: await r.text() };
  };
  const post = async (path: string, fields: Record<string, string | readonly string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of typeof v === 'string' ? [v] : v) body.append(k, x);
    const r = keep(await fetch(base + path, { method: 'POST', headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' }));
    return { status: r.status, location: r.headers.get('location'), html: await r.text() };
  };
  const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return {
    get,
    post,
    csrf,
    async login(user: string) {
      const form = await get('/login');
      const r = await post('/login', { _csrf: csrf(form.html), next: '/', username: user, password });
      expect(r.status, `login as ${user}`).toBe(303);
    },
  };
}

/** The stream version a case page's forms carry (`If-Match` of the next command). */
export const pageVersion = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

/**
 * The clerk `w07` receives a case at the window for a licensing item of the hall's catalog, with all its materials, and
 * accepts it, through the pages. Returns the case number and the receipt's 查询码.
 */
export async function receiveAndAccept(base: string, password: string, applicant: string): Promise<{ caseId: string; code: string }> {
  const catalog = (await (await fetch(`${base}/t/tz/catalog`)).json()) as { items: { code: string; inForce: { elements: { type: string; materials: string[] } | null } | null }[] };
  const item = catalog.items.find((i) => i.inForce?.elements?.type === '行政许可' && i.inForce.elements.materials.length > 0);
  expect(item, 'the demo catalog has a licensing item').toBeDefined();
  const clerk = hallBrowser(base, password);
  await clerk.login('w07');
  const form = await clerk.get(`/window/receive/${item?.code}`);
  const received = await clerk.post(`/window/receive/${item?.code}`, { _csrf: clerk.csrf(form.html), applicant, kind: 'person', agent: '', materials: item?.inForce?.elements?.materials ?? [] });
  expect(received.status).toBe(303);
  const page = await clerk.get(received.location as string);
  const caseId = /data-testid="case-id">([^<]+)</.exec(page.html)?.[1] as string;
  const code = /data-testid="access-code">([^<]+)</.exec(page.html)?.[1] as string;
  expect(caseId).toMatch(/^CK-/);
  expect((await clerk.post(`/cases/${caseId}/do`, { _csrf: clerk.csrf(page.html), type: 'Accept', version: pageVersion(page.html) })).status).toBe(303);
  return { caseId, code };
}
