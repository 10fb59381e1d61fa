/**
 * Annual-report replay (design §6, issue 5): 1,000,000 recorded disclosure events in a JSONL
 * file (valid hash chains, schema-valid payloads, realistic request and item lifecycles), folded
 * into the 国办公开办函〔2021〕30号 tables, against the bare `readFileSync → split → JSON.parse`
 * loop over the same file in the same run.
 */
import { canonicalJson, eventHash, GENESIS_HASH, replayJsonl, type RecordedEvent } from '@banshi/core';
import { annualReportProjection, disclosureRegistry, finishAnnualReport } from '@banshi/disclosure';
import { appendFileSync, createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareParseLoop, nodeSha256 } from './_lib/logFixture.js';
import type { Benchmark, Figure } from './harness.js';

const EVENTS = 1_000_000;
const YEAR = 2016;
const applicants = ['naturalPerson', 'naturalPerson', 'naturalPerson', 'commercialEnterprise', 'researchInstitution', 'publicInterestOrganization', 'legalServiceAgency', 'otherOrganization'] as const;
/** Outcomes by era: the 2008 text knows fewer (outcomeRules), and the report checks that no request ends in another era's outcome. */
const outcomes = {
  '2008': ['granted', 'granted', 'partiallyGranted', 'withheldThirdParty', 'withheldStateSecret', 'unableNotHeld', 'otherOther'],
  '2019': ['granted', 'granted', 'partiallyGranted', 'withheldThirdParty', 'withheldProcessInfo', 'unableNotHeld', 'unableNeedsCreation', 'notProcessedRepeat', 'otherOther'],
} as const;
const channels = ['governmentWebsite', 'centerPortal', 'bulletinBoard', 'serviceGuide'] as const;
const categories = ['other', 'other', 'licensing', 'licensing', 'penalty', 'normativeDocument', 'fee', 'coercion', 'rule'] as const;
const agencies = ['台州市行政服务中心', '港航分中心', '人力社保分中心', '出入境分中心', '车管分中心'] as const;

const DAY = 86_400_000;
const BASE = Date.UTC(2013, 0, 2);
const day = (n: number): string => new Date(BASE + n * DAY).toISOString().slice(0, 10);
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length] as T;

/** Writes the log: request streams (~5 events each) and item streams (~3 events each), spread over 2013–2020. */
function writeLog(file: string): void {
  writeFileSync(file, '');
  let buf = '';
  let n = 0;
  let seq = 0;
  const emit = (stream: string, chain: { version: number; hash: string }, type: string, data: unknown, on: string): void => {
    if (n >= EVENTS) return;
    const at = `${on}T02:00:00.000Z`;
    const e: Omit<RecordedEvent, 'hash'> = {
      id: `d${(n++).toString(36).padStart(9, '0')}`,
      stream,
      version: ++chain.version,
      type,
      schema: disclosureRegistry.currentSchema(type),
      data,
      meta: { occurredAt: at, recordedAt: at, actor: { id: 'clerk-7', role: 'clerk' }, channel: 'window', node: 'center' },
    };
    chain.hash = eventHash(chain.hash, e, nodeSha256);
    buf += canonicalJson({ ...e, hash: chain.hash }) + '\n';
    if (buf.length > 1 << 22) {
      appendFileSync(file, buf);
      buf = '';
    }
  };
  while (n < EVENTS) {
    const i = seq++;
    const start = Math.floor(i / 45); // ~45 new streams a day over eight years
    const chain = { version: 0, hash: GENESIS_HASH };
    const agency = pick(agencies, i >> 3);
    if (i % 5 < 3) {
      const id = `R${i.toString().padStart(8, '0')}`;
      const stream = `disclosure-${id}`;
      const receivedOn = day(start);
      const ruleSet = receivedOn >= '2019-05-15' ? '2019' : '2008';
      emit(stream, chain, 'DisclosureRequestReceived', { requestId: id, agency, applicant: { type: pick(applicants, i), name: `申请人${i % 997}` }, channel: 'inPerson', submittedOn: receivedOn, receivedOn, ruleSet, description: '申请公开2013年行政审批事项清理目录及依据' }, receivedOn);
      let on = start;
      if (i % 7 === 0) {
        emit(stream, chain, 'DisclosureSupplementRequested', { on: day(on + 3), dueOn: ruleSet === '2019' ? day(on + 18) : null, items: ['所需信息的名称或文号'] }, day(on + 3));
        if (i % 21 === 0 && ruleSet === '2019') {
          emit(stream, chain, 'DisclosureRequestConcluded', { on: day(on + 19), outcome: 'otherNoSupplement', basis: '政府信息公开条例（2019） 第三十条', dueDate: null, late: false }, day(on + 19));
          continue;
        }
        on += 10;
        emit(stream, chain, 'DisclosureSupplementReceived', { on: day(on) }, day(on));
      }
      if (i % 9 === 0) {
        emit(stream, chain, 'DisclosureThirdPartyConsulted', { on: day(on + 2), thirdParty: '某商业企业', replyDueOn: day(on + 23) }, day(on + 2));
        emit(stream, chain, 'DisclosureThirdPartyReplied', { on: day(on + 12), consent: i % 2 === 0, lapsed: false }, day(on + 12));
        on += 12;
      }
      if (i % 10 === 0) emit(stream, chain, 'DisclosureReplyExtended', { on: day(on + 20), days: 15, approvedBy: { id: 'head-1', role: 'officeHead' }, reason: '信息量大', dueDate: day(on + 50) }, day(on + 20));
      if (i % 3 === 0) emit(stream, chain, 'DisclosureReplyDueSoon', { on: day(on + 24), dueDate: day(on + 28), left: 2 }, day(on + 24));
      if (i % 31 !== 0) emit(stream, chain, 'DisclosureRequestConcluded', { on: day(on + 25), outcome: pick(outcomes[ruleSet], i), basis: `政府信息公开条例（${ruleSet}） ${ruleSet === '2019' ? '第三十六条' : '第二十一条'}`, dueDate: day(on + 28), late: false }, day(on + 25));
      if (i % 17 === 0) {
        emit(stream, chain, 'DisclosureRemedyFiled', { caseId: `FY-${i}`, on: day(on + 40), kind: i % 2 ? 'review' : 'litigationDirect' }, day(on + 40));
        emit(stream, chain, 'DisclosureRemedyDecided', { caseId: `FY-${i}`, on: day(on + 100), result: i % 3 ? 'upheld' : 'corrected' }, day(on + 100));
      }
    } else {
      const id = `G${i.toString().padStart(8, '0')}`;
      const stream = `publicinfo-${id}`;
      const formedOn = day(start);
      const category = pick(categories, i);
      emit(stream, chain, 'PublicInfoFormed', {
        itemId: id, agency, title: '行政审批服务信息', category, change: 'formed', formedOn, publishBy: day(start + 28), ruleSet: formedOn >= '2019-05-15' ? '2019' : '2008',
        decisions: category === 'licensing' || category === 'penalty' || category === 'coercion' ? 1 + (i % 40) : 0, feeAmountWan: category === 'fee' ? (i % 50) / 10 : 0,
      }, formedOn);
      emit(stream, chain, 'PublicInfoReviewed', { on: day(start + 2), decision: 'publish', reason: null, basis: '政府信息公开条例（2008） 第十八条' }, day(start + 2));
      const late = i % 13 === 0;
      emit(stream, chain, 'PublicInfoPublished', { on: day(start + (late ? 35 : 5)), channels: [pick(channels, i), pick(channels, i + 1)], dueOn: day(start + 28), late }, day(start + (late ? 35 : 5)));
    }
  }
  appendFileSync(file, buf);
}

const replay: Benchmark = {
  name: 'disclosure.report.replay',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'banshi-disclosure-bench-'));
    try {
      const file = join(dir, 'disclosure.jsonl');
      writeLog(file);
      process.stderr.write(`  log: ${EVENTS.toLocaleString('en-US')} events, ${(statSync(file).size / 1e6).toFixed(0)} MB\n`);
      const bare = () => bareParseLoop(file, EVENTS);
      const ours = async () => {
        const t0 = performance.now();
        const { state, summary } = await replayJsonl(createReadStream(file, { highWaterMark: 1 << 20 }), annualReportProjection());
        const report = finishAnnualReport(state, { year: YEAR });
        const s = performance.now() - t0;
        if (summary.events !== EVENTS) throw new Error(`replay saw ${summary.events} events`);
        if (!report.ok) throw new Error(`the generated log breaks a report check: ${report.checks.filter((c) => !c.ok).map((c) => c.detail).join('; ')}`);
        if (report.summary.newReceived === 0) throw new Error('the report for the bench year is empty');
        return EVENTS / (s / 1000);
      };
      bare();
      await ours();
      const baseline = Math.max(bare(), bare());
      const value = Math.max(await ours(), await ours());
      return [
        { name: 'disclosure.report.replay (1M events JSONL → annual report)', value, unit: 'events/s', baseline: 'readFileSync + split + JSON.parse', baselineValue: baseline, ratio: value / baseline, target: { kind: 'ratio', min: 0.8 } },
        { name: 'disclosure.report.replay events/s (design §6: ≥ 1,000,000)', value, unit: 'events/s', target: { kind: 'value', min: 1_000_000 } },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default replay;
