import { describe, expect, it } from 'vitest';
import { disclosureRules, receiptDate, ruleSetFor } from './index.js';

describe('rules table', () => {
  it('picks the text by receipt date: 2008 before 2019-05-15, 2019 from that day', () => {
    expect(ruleSetFor('2013-09-02').id).toBe('2008');
    expect(ruleSetFor('2019-05-14').id).toBe('2008');
    expect(ruleSetFor('2019-05-15').id).toBe('2019');
    expect(ruleSetFor('2019-05-15').reply).toEqual({ limit: 20, unit: 'workingDays', basis: '政府信息公开条例（2019） 第三十三条' });
    expect(ruleSetFor('2019-05-14').reply).toEqual({ limit: 15, unit: 'workingDays', basis: '政府信息公开条例（2008） 第二十四条' });
  });

  it('every rule names its article', () => {
    for (const set of Object.values(disclosureRules)) {
      for (const rule of Object.values(set)) if (typeof rule === 'object') expect((rule as { basis: string }).basis).toMatch(/第.+条/);
    }
  });

  it('receipt date by channel (第三十一条), with clear errors', () => {
    expect(receiptDate({ channel: 'inPerson', submittedOn: '2020-03-02' }).receivedOn).toBe('2020-03-02');
    expect(receiptDate({ channel: 'registeredPost', submittedOn: '2020-02-26', signedOn: '2020-03-02' })).toEqual({ receivedOn: '2020-03-02', basis: '政府信息公开条例（2019） 第三十一条' });
    expect(() => receiptDate({ channel: 'fax', submittedOn: '2020-03-02' })).toThrow(/confirmedOn/);
    expect(() => receiptDate({ channel: 'internet', submittedOn: '2020-03-02', confirmedOn: '2020-03-01' })).toThrow(/before submittedOn/);
  });
});
