import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { exampleElements } from '../_test/exampleElements.js';
import { itemDecider, type ItemCommand } from './itemDecider.js';
import type { ItemEvent } from './itemEvents.js';

const spec = deciderSpec(itemDecider);
const elements = exampleElements();
const registered: ItemEvent = { type: 'ItemRegistered', data: { code: 'XK-001', elements, effectiveFrom: '2013-01-01' } };
const publish = (standard: 'powerElements' | 'process' | 'discretion' | 'service'): ItemEvent => ({
  type: 'ItemStandardPublished',
  data: { code: 'XK-001', standard, publishedOn: '2013-06-01' },
});
const allStandards = [publish('powerElements'), publish('process'), publish('discretion'), publish('service')];
const decide = (over: Partial<Extract<ItemCommand, { type: 'DecideCleanup' }>> = {}): ItemCommand => ({
  type: 'DecideCleanup',
  code: 'XK-001',
  campaignId: 'tz-2013',
  decision: 'retained',
  decidedOn: '2013-11-30',
  reason: '审改清理',
  ...over,
});

describe('itemDecider — registration', () => {
  it('registers an item with its elements', () => {
    spec.given([]).when({ type: 'RegisterItem', code: 'XK-001', elements, effectiveFrom: '2013-01-01' }).then([registered]);
  });

  it('fills the Art. 42 default statutory limit for a 行政许可 item that gives none', () => {
    const { statutoryLimitDays: _omit, ...rest } = elements;
    spec
      .given([])
      .when({ type: 'RegisterItem', code: 'XK-001', elements: rest, effectiveFrom: '2013-01-01' })
      .thenState((state) => expect(state.elements?.statutoryLimitDays).toBe(20));
  });

  it('keeps a statutory limit set by another law with its basis (行政许可法 第四十二条: 法律、法规另有规定的，依照其规定)', () => {
    const own = exampleElements({ statutoryLimitDays: 30, statutoryLimitBasis: { law: '某条例', article: '第十二条' }, promisedLimitDays: 10 });
    spec
      .given([])
      .when({ type: 'RegisterItem', code: 'XK-002', elements: own, effectiveFrom: '2013-01-01' })
      .thenState((state) => expect([state.elements?.statutoryLimitDays, state.elements?.statutoryLimitBasis]).toEqual([30, { law: '某条例', article: '第十二条' }]));
  });

  it('leaves the statutory limit empty for a 日常管理服务事项 that gives none', () => {
    const { statutoryLimitDays: _omit, ...rest } = exampleElements({ type: '日常管理服务事项', legalBasis: [] });
    spec
      .given([])
      .when({ type: 'RegisterItem', code: 'FW-001', elements: rest, effectiveFrom: '2013-01-01' })
      .thenState((state) => expect(state.elements?.statutoryLimitDays).toBeNull());
  });

  it('rejects a second registration of the same code', () => {
    spec.given([registered]).when({ type: 'RegisterItem', code: 'XK-001', elements, effectiveFrom: '2013-02-01' }).thenRejects('CATALOG_ITEM_ALREADY_REGISTERED');
  });

  it('rejects commands before registration', () => {
    spec.given([]).when({ type: 'PublishStandard', code: 'XK-001', standard: 'process', publishedOn: '2013-06-01' }).thenRejects('CATALOG_ITEM_NOT_REGISTERED');
  });

  it('rejects a command naming another item', () => {
    spec.given([registered]).when({ type: 'PublishStandard', code: 'XK-002', standard: 'process', publishedOn: '2013-06-01' }).thenRejects('CATALOG_ITEM_CODE_MISMATCH');
  });
});

describe('itemDecider — element rules, each naming its article', () => {
  const register = (over: Partial<typeof elements>) => spec.given([]).when({ type: 'RegisterItem', code: 'XK-001', elements: exampleElements(over), effectiveFrom: '2013-01-01' });

  it('a 行政许可 item must cite a legal basis', () => {
    register({ legalBasis: [] }).thenRejects('CATALOG_ITEM_LICENSING_WITHOUT_BASIS', '行政许可法 第十四条至第十七条');
  });
  it('a promised limit may not exceed the statutory one', () => {
    register({ promisedLimitDays: 25 }).thenRejects('CATALOG_ITEM_PROMISE_EXCEEDS_STATUTE', '行政许可法 第四十二条');
  });
  it('a 即办件 promises zero working days, a 承诺件 more than zero', () => {
    register({ handling: '即办件', promisedLimitDays: 3 }).thenRejects('CATALOG_ITEM_HANDLING_MISMATCH', '行政许可法 第三十四条');
    register({ handling: '承诺件', promisedLimitDays: 0 }).thenRejects('CATALOG_ITEM_HANDLING_MISMATCH', '行政许可法 第三十四条');
    register({ handling: '即办件', promisedLimitDays: 0 }).thenState((s) => expect(s.status).toBe('registered'));
  });
  it('a fee names its legal basis', () => {
    register({ fees: [{ name: '工本费', amountFen: 1000, basis: ' ' }] }).thenRejects('CATALOG_ITEM_FEE_WITHOUT_BASIS', '行政许可法 第五十八条');
  });
  it('malformed input gets CATALOG_INVALID_COMMAND listing the fields', () => {
    const bad = spec
      .given([])
      .when({ type: 'RegisterItem', code: 'XK 001', elements: exampleElements({ promisedLimitDays: -1 }), effectiveFrom: '2013-02-30' })
      .thenRejects('CATALOG_INVALID_COMMAND');
    expect(bad.message).toContain('code');
    expect(bad.message).toContain('elements.promisedLimitDays');
    expect(bad.message).toContain('effectiveFrom');
  });
  it('rejects a command of unknown type', () => {
    spec
      .given([registered])
      .when({ type: 'Teleport' } as unknown as ItemCommand)
      .thenRejects('CATALOG_INVALID_COMMAND');
  });
});

describe('itemDecider — revisions and standards', () => {
  it('revises the elements from a later date', () => {
    const revised = exampleElements({ promisedLimitDays: 3 });
    spec
      .given([registered])
      .when({ type: 'ReviseItem', code: 'XK-001', elements: revised, effectiveFrom: '2013-07-01', reason: '承诺时限压缩' })
      .then([{ type: 'ItemRevised', data: { code: 'XK-001', elements: revised, effectiveFrom: '2013-07-01', reason: '承诺时限压缩' } }]);
  });

  it('rejects a revision dated before the version in force', () => {
    spec
      .given([registered])
      .when({ type: 'ReviseItem', code: 'XK-001', elements, effectiveFrom: '2012-12-31', reason: 'x' })
      .thenRejects('CATALOG_ITEM_VERSION_OUT_OF_ORDER', 'CR-1');
  });

  it('becomes standardized once all four standards are published', () => {
    spec
      .given([registered, ...allStandards.slice(0, 3)])
      .when({ type: 'PublishStandard', code: 'XK-001', standard: 'service', publishedOn: '2013-06-01' })
      .thenState((s) => expect(s.status).toBe('standardized'));
    spec
      .given([registered, publish('process')])
      .when({ type: 'PublishStandard', code: 'XK-001', standard: 'process', publishedOn: '2013-06-02' })
      .thenState((s) => expect([s.status, s.standards]).toEqual(['registered', ['process']]));
  });
});

describe('itemDecider — cleanup decisions', () => {
  it.each(['cancelled', 'adjusted', 'retained'] as const)('records %s', (decision) => {
    spec
      .given([registered, ...allStandards])
      .when(decide({ decision }))
      .then([{ type: 'ItemCleanupDecided', data: { code: 'XK-001', campaignId: 'tz-2013', decision, decidedOn: '2013-11-30', reason: '审改清理' } }]);
  });

  it('delegates to a lower level', () => {
    spec
      .given([registered])
      .when(decide({ decision: 'delegated', toLevel: 'county' }))
      .then([{ type: 'ItemCleanupDecided', data: { code: 'XK-001', campaignId: 'tz-2013', decision: 'delegated', decidedOn: '2013-11-30', reason: '审改清理', toLevel: 'county' } }]);
  });

  it('rejects delegation to the same or a higher level, or without a level', () => {
    spec.given([registered]).when(decide({ decision: 'delegated', toLevel: 'city' })).thenRejects('CATALOG_ITEM_DELEGATION_NOT_LOWER', 'CR-4');
    spec.given([registered]).when(decide({ decision: 'delegated' })).thenRejects('CATALOG_ITEM_DELEGATION_NOT_LOWER');
    spec.given([registered]).when(decide({ decision: 'retained', toLevel: 'county' })).thenRejects('CATALOG_ITEM_DELEGATION_NOT_LOWER');
  });

  it('a retained item may carry its slimmer elements, which pass the element rules', () => {
    const slimmer = exampleElements({ promisedLimitDays: 2, materials: ['申请书'] });
    spec
      .given([registered])
      .when(decide({ elements: slimmer }))
      .thenState((s, events) => {
        expect(events[0]?.data).toMatchObject({ decision: 'retained', elements: slimmer });
        expect(s.elements).toEqual(slimmer);
      });
    spec.given([registered]).when(decide({ elements: exampleElements({ promisedLimitDays: 30 }) })).thenRejects('CATALOG_ITEM_PROMISE_EXCEEDS_STATUTE');
  });

  it('a cancelled item carries no elements after the decision', () => {
    spec.given([registered]).when(decide({ decision: 'cancelled', elements })).thenRejects('CATALOG_ITEM_NOT_IN_CATALOG');
  });

  it('one decision per item per campaign; a later campaign may decide again', () => {
    const retained: ItemEvent = { type: 'ItemCleanupDecided', data: { code: 'XK-001', campaignId: 'tz-2013', decision: 'retained', decidedOn: '2013-11-30', reason: '审改清理' } };
    spec.given([registered, retained]).when(decide({ decision: 'cancelled' })).thenRejects('CATALOG_ITEM_ALREADY_DECIDED_IN_CAMPAIGN', 'CR-3');
    spec
      .given([registered, retained])
      .when(decide({ campaignId: 'tz-2014', decision: 'cancelled', decidedOn: '2014-06-30' }))
      .thenState((s) => expect(s.status).toBe('cancelled'));
  });

  it('a cancelled or delegated item accepts nothing more', () => {
    const cancelled: ItemEvent = { type: 'ItemCleanupDecided', data: { code: 'XK-001', campaignId: 'tz-2013', decision: 'cancelled', decidedOn: '2013-11-30', reason: 'x' } };
    spec.given([registered, cancelled]).when({ type: 'ReviseItem', code: 'XK-001', elements, effectiveFrom: '2014-01-01', reason: 'x' }).thenRejects('CATALOG_ITEM_NOT_IN_CATALOG', '行政许可法 第二十条');
    spec.given([registered, cancelled]).when(decide({ campaignId: 'tz-2014', decidedOn: '2014-01-01' })).thenRejects('CATALOG_ITEM_NOT_IN_CATALOG');
    spec.given([registered, cancelled]).when({ type: 'RegisterItem', code: 'XK-001', elements, effectiveFrom: '2014-01-01' }).thenRejects('CATALOG_ITEM_NOT_IN_CATALOG');
  });

  it('rejects a decision dated before the version in force', () => {
    spec.given([registered]).when(decide({ decidedOn: '2012-05-01' })).thenRejects('CATALOG_ITEM_VERSION_OUT_OF_ORDER');
  });
});
