import { describe, expect, it } from 'vitest';
import { citationInForce, disclosureRules, informationProcessingFee, outcomeRules, perPageFee, perRequestFee, receiptDate, ruleSetFor, yuan } from './index.js';

describe('rules table: one rule set per era', () => {
  it('picks the text by receipt date: none before 2008-05-01, 2008 before 2019-05-15, 2019 from that day', () => {
    expect(() => ruleSetFor('2008-04-30')).toThrow(expect.objectContaining({ code: 'DISCLOSURE_BEFORE_REGULATIONS' }));
    expect(ruleSetFor('2008-05-01').id).toBe('2008');
    expect(ruleSetFor('2019-05-14').id).toBe('2008');
    expect(ruleSetFor('2019-05-15').id).toBe('2019');
    expect(ruleSetFor('2019-05-15').reply).toEqual({ limit: 20, unit: 'workingDays', basis: '政府信息公开条例（2019） 第三十三条' });
    expect(ruleSetFor('2019-05-14').reply).toEqual({ limit: 15, unit: 'workingDays', basis: '政府信息公开条例（2008） 第二十四条' });
  });

  it('every rule names its article, and each era cites only its own text', () => {
    for (const set of Object.values(disclosureRules)) {
      const own = `政府信息公开条例（${set.id}）`;
      for (const rule of Object.values(set)) {
        if (typeof rule !== 'object' || rule === null) continue;
        expect((rule as { basis: string }).basis).toMatch(/第.+条/);
        expect((rule as { basis: string }).basis.startsWith(own)).toBe(true);
      }
      for (const [outcome, basis] of Object.entries(outcomeRules[set.id])) expect(citationInForce(basis, outcome === 'otherFeeUnpaid' ? '2021-01-01' : set.inForceFrom), basis).toBe(true);
      expect(citationInForce(outcomeRules['2019'].otherFeeUnpaid ?? '', '2020-12-31')).toBe(false);
    }
  });

  it('what exists in one era only', () => {
    expect(disclosureRules['2008'].abandonment).toBeNull();
    expect(disclosureRules['2019'].abandonment.basis).toBe('政府信息公开条例（2019） 第三十条');
    expect(outcomeRules['2008'].notProcessedExcessive).toBeUndefined();
    expect(outcomeRules['2008'].otherNoSupplement).toBeUndefined();
    expect(disclosureRules['2008'].jointInformation).toBeNull();
    expect(disclosureRules['2019'].jointInformation).toMatchObject({ limit: 15, silence: 'consent', counted: false });
    expect(disclosureRules['2008'].replyExtension.limit).toBe(15);
    expect(disclosureRules['2019'].replyExtension.limit).toBe(20);
  });

  it('receipt date by channel (2019 第三十一条; 2008 第二十四条, our reading), with clear errors', () => {
    expect(receiptDate({ channel: 'inPerson', submittedOn: '2020-03-02' }).receivedOn).toBe('2020-03-02');
    expect(receiptDate({ channel: 'registeredPost', submittedOn: '2020-02-26', signedOn: '2020-03-02' })).toEqual({ receivedOn: '2020-03-02', ruleSet: '2019', basis: '政府信息公开条例（2019） 第三十一条' });
    expect(receiptDate({ channel: 'internet', submittedOn: '2013-03-01', confirmedOn: '2013-03-04' })).toEqual({ receivedOn: '2013-03-01', ruleSet: '2008', basis: '政府信息公开条例（2008） 第二十四条' });
    expect(() => receiptDate({ channel: 'fax', submittedOn: '2020-03-02' })).toThrow(/confirmedOn/);
    expect(() => receiptDate({ channel: 'internet', submittedOn: '2020-03-02', confirmedOn: '2020-03-01' })).toThrow(/before submittedOn/);
  });
});

describe('信息处理费 (国办函〔2020〕109号), exact in fen', () => {
  it('has the document’s thresholds and amounts', () => {
    expect(informationProcessingFee.inForceFrom).toBe('2021-01-01');
    expect([perRequestFee(10, 1), perRequestFee(11, 1), perRequestFee(30, 1), perRequestFee(31, 1), perRequestFee(40, 1), perRequestFee(41, 1), perRequestFee(51, 1)]).toEqual([0, 10_000, 10_000, 20_000, 20_000, 30_000, 40_000]);
    expect([perPageFee(30), perPageFee(31), perPageFee(100), perPageFee(200), perPageFee(201)]).toEqual([0, 1_000, 70_000, 270_000, 274_000]);
    expect(yuan(274_000)).toBe('2740.00');
    expect(yuan(1_940)).toBe('19.40');
  });
});
