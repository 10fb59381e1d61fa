import { InvalidDateError } from '@banshi/calendar';
import { createMemoryStore, foldProjection, handle } from '@banshi/core';
import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { catalogRegistry } from '../../events/index.js';
import { activeSubCenters, centerNodes } from './centerNodes.js';
import { nodeDecider } from './nodeDecider.js';
import type { NodeEvent } from './nodeEvents.js';

const spec = deciderSpec(nodeDecider);
const established: NodeEvent = { type: 'CenterEstablished', data: { centerId: 'tz', name: '台州市行政服务中心', establishedOn: '2013-01-01' } };
const port: NodeEvent = { type: 'SubCenterOpened', data: { centerId: 'tz', nodeId: 'port', name: '港航分中心', domain: '港航', openedOn: '2013-01-01' } };

describe('nodeDecider', () => {
  it('establishes the center, opens and closes sub-centers', () => {
    spec.given([]).when({ type: 'EstablishCenter', centerId: 'tz', name: '台州市行政服务中心', establishedOn: '2013-01-01' }).then([established]);
    spec.given([established]).when({ type: 'OpenSubCenter', centerId: 'tz', nodeId: 'port', name: '港航分中心', domain: '港航', openedOn: '2013-01-01' }).then([port]);
    spec.given([established, port]).when({ type: 'CloseSubCenter', centerId: 'tz', nodeId: 'port', closedOn: '2015-01-01' }).then([{ type: 'SubCenterClosed', data: { centerId: 'tz', nodeId: 'port', closedOn: '2015-01-01' } }]);
  });
  it('rejects a second center, sub-centers before the center, duplicates and unknown closes', () => {
    spec.given([established]).when({ type: 'EstablishCenter', centerId: 'tz', name: 'x', establishedOn: '2013-01-01' }).thenRejects('CATALOG_CENTER_ALREADY_ESTABLISHED', 'NR-1');
    spec.given([]).when({ type: 'OpenSubCenter', centerId: 'tz', nodeId: 'port', name: 'x', domain: 'x', openedOn: '2013-01-01' }).thenRejects('CATALOG_CENTER_NOT_ESTABLISHED');
    spec.given([established, port]).when({ type: 'OpenSubCenter', centerId: 'tz', nodeId: 'port', name: 'x', domain: 'x', openedOn: '2013-01-01' }).thenRejects('CATALOG_SUBCENTER_DUPLICATE');
    spec.given([established]).when({ type: 'CloseSubCenter', centerId: 'tz', nodeId: 'port', closedOn: '2013-01-01' }).thenRejects('CATALOG_SUBCENTER_UNKNOWN');
    spec.given([established]).when({ type: 'CloseSubCenter', centerId: 'tz', nodeId: '__proto__', closedOn: '2013-01-01' }).thenRejects('CATALOG_INVALID_COMMAND');
  });
});

describe('centerNodes', () => {
  it('lists the sub-centers open on a date', async () => {
    const store = createMemoryStore({ registry: catalogRegistry });
    const stream = 'center-tz';
    await handle(store, stream, { type: 'EstablishCenter', centerId: 'tz', name: '台州市行政服务中心', establishedOn: '2013-01-01' }, nodeDecider);
    for (const [nodeId, domain] of [['port', '港航'], ['hrss', '人力资源社会保障'], ['exit-entry', '公安出入境'], ['vehicles', '公安车辆管理']] as const) {
      await handle(store, stream, { type: 'OpenSubCenter', centerId: 'tz', nodeId, name: `${domain}分中心`, domain, openedOn: '2013-01-01' }, nodeDecider);
    }
    await handle(store, stream, { type: 'CloseSubCenter', centerId: 'tz', nodeId: 'port', closedOn: '2014-01-01' }, nodeDecider);
    const nodes = await foldProjection(store.readAll(), centerNodes);
    expect(activeSubCenters(nodes, 'tz', '2013-12-31').map((s) => s.domain)).toEqual(['港航', '人力资源社会保障', '公安出入境', '公安车辆管理']);
    expect(activeSubCenters(nodes, 'tz', '2014-01-01')).toHaveLength(3);
    expect(activeSubCenters(nodes, 'nope', '2014-01-01')).toEqual([]);
    expect(() => activeSubCenters(nodes, 'tz', 'yesterday')).toThrow(InvalidDateError);
  });
});
