import { createMemoryStore, foldProjection, handle } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { catalogRegistry } from '../events/index.js';
import { agencyDecider, type AgencyCommand } from './agencyDecider.js';
import type { AgencyInfo } from './agencyEvents.js';
import { intermediaryRegister, publishedAgencies } from './intermediaryRegister.js';

type WithoutId<T> = T extends unknown ? Omit<T, 'agencyId'> : never;
const info = (name: string): AgencyInfo => ({ name, basicInfo: '资质', scope: ['咨询'], promisedLimitDays: 5, fees: [], contact: { person: '李', phone: '0576-1' } });

describe('intermediaryRegister', () => {
  it('counts stages by distinct agency and lists the published ones', async () => {
    const store = createMemoryStore({ registry: catalogRegistry });
    const run = (id: string, c: WithoutId<AgencyCommand>) => handle(store, `agency-${id}`, { ...c, agencyId: id } as AgencyCommand, agencyDecider, { meta: { actor: { id: 'r', role: 'reviewer' } } });
    for (const id of ['a', 'b', 'c', 'd']) await run(id, { type: 'SubmitAgency', info: info(`机构${id}`), submittedOn: '2013-10-08' });
    await run('a', { type: 'ApproveAgency', approvedOn: '2013-10-10' });
    await run('a', { type: 'PublishAgency', publishedOn: '2013-11-02' });
    await run('b', { type: 'ReturnAgency', reasons: ['缺营业执照'], returnedOn: '2013-10-10' });
    await run('b', { type: 'SubmitAgency', info: info('机构b（补正）'), submittedOn: '2013-10-12' });
    await run('b', { type: 'ApproveAgency', approvedOn: '2013-10-14' });
    await run('b', { type: 'PublishAgency', publishedOn: '2013-11-01' });
    await run('b', { type: 'UpdateAgency', info: info('机构b（更名）'), updatedOn: '2013-12-01' });
    await run('c', { type: 'ApproveAgency', approvedOn: '2013-10-10' });
    await run('c', { type: 'PublishAgency', publishedOn: '2013-11-01' });
    await run('c', { type: 'DelistAgency', reason: '注销', delistedOn: '2013-12-20' });

    const reg = await foldProjection(store.readAll(), intermediaryRegister);
    expect(reg.counts).toEqual({ submitted: 4, approved: 3, returned: 1, published: 3, delisted: 1 });
    expect(publishedAgencies(reg).map((a) => [a.agencyId, a.info.name])).toEqual([
      ['b', '机构b（更名）'],
      ['a', '机构a'],
    ]);
    const restored = intermediaryRegister.restore?.(JSON.parse(JSON.stringify(intermediaryRegister.snapshot?.(reg))));
    expect(restored && publishedAgencies(restored)).toEqual(publishedAgencies(reg));
  });
});
