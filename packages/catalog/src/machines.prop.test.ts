import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyDay, assertMachineReducerEquality } from './_test/machineProperty.js';
import { exampleElements } from './_test/exampleElements.js';
import { campaignDecider, type CampaignCommand } from './campaign/campaignDecider.js';
import { campaignMachine } from './campaign/campaignMachine.js';
import { noticeDecider, type NoticeCommand } from './center/notices/noticeDecider.js';
import { noticeMachine } from './center/notices/noticeMachine.js';
import { pieceDecider, publicationDecider, type PieceCommand, type PublicationCommand } from './center/publicity/publicityDeciders.js';
import { pieceMachine, publicationMachine } from './center/publicity/publicityMachines.js';
import { surveyDecider, type SurveyCommand } from './center/surveys/surveyDecider.js';
import { surveyMachine } from './center/surveys/surveyMachine.js';
import { dealDecider, type DealCommand } from './center/trading/dealDecider.js';
import { dealMachine } from './center/trading/dealMachine.js';
import { agencyDecider, type AgencyCommand } from './intermediary/agencyDecider.js';
import type { AgencyInfo } from './intermediary/agencyEvents.js';
import { agencyMachine } from './intermediary/agencyMachine.js';
import { itemLevels, standardKinds } from './item/itemElements.js';
import { itemDecider, type ItemCommand, type ItemState } from './item/itemDecider.js';
import { cleanupDecisionTypes } from './item/itemLifecycle.js';
import { itemMachine } from './item/itemMachine.js';

// Two ids per stream, so that a command naming another aggregate than the stream's is refused too.
const info: AgencyInfo = { name: '台州华信工程咨询有限公司', basicInfo: '依法设立', scope: ['工程咨询'], promisedLimitDays: 5, fees: [], contact: { person: '联系人', phone: '0576-81234567' } };
const dataOf = ({ status: _status, ...data }: { readonly status: string }) => data;

const campaign: fc.Arbitrary<CampaignCommand> = fc.oneof(
  fc.record({ type: fc.constant('OpenCampaign' as const), campaignId: fc.constantFrom('c1', 'c2'), name: fc.constant('清理'), level: fc.constantFrom(...itemLevels), openedOn: anyDay }),
  fc.record({ type: fc.constant('CloseCampaign' as const), campaignId: fc.constantFrom('c1', 'c2'), closedOn: anyDay }),
);
const deal: fc.Arbitrary<DealCommand> = fc.oneof(
  fc.record({ type: fc.constant('RegisterDeal' as const), dealId: fc.constantFrom('d1', 'd2'), category: fc.constant('other' as const), title: fc.constant('t'), node: fc.constant('center'), registeredOn: anyDay }),
  fc.record({ type: fc.constant('ConcludeDeal' as const), dealId: fc.constantFrom('d1', 'd2'), priceFen: fc.integer({ min: 0, max: 10_000 }), concludedOn: anyDay }),
  fc.record({ type: fc.constant('FailDeal' as const), dealId: fc.constantFrom('d1', 'd2'), reason: fc.constant('流标'), failedOn: anyDay }),
) as fc.Arbitrary<DealCommand>;
const survey: fc.Arbitrary<SurveyCommand> = fc.oneof(
  fc.record({ type: fc.constant('IssueSurvey' as const), surveyId: fc.constantFrom('s1', 's2'), node: fc.constant('center'), subject: fc.constant('征求意见表'), forms: fc.integer({ min: 1, max: 50 }), issuedOn: anyDay }),
  fc.record({ type: fc.constant('RecordSurveyReturns' as const), surveyId: fc.constantFrom('s1', 's2'), ratings: fc.record({ 满意: fc.integer({ min: 0, max: 30 }), 不满意: fc.integer({ min: 0, max: 5 }) }), returnedOn: anyDay }),
  fc.record({ type: fc.constant('CloseSurvey' as const), surveyId: fc.constantFrom('s1', 's2'), closedOn: anyDay }),
);
const agency = fc.oneof(
  fc.record({ type: fc.constant('SubmitAgency' as const), agencyId: fc.constantFrom<string>('a1', 'a2'), info: fc.constant(info), submittedOn: anyDay }),
  fc.record({ type: fc.constant('ApproveAgency' as const), agencyId: fc.constant('a1'), reviewer: fc.constantFrom(undefined, 'officer', 'someone-else'), approvedOn: anyDay }),
  fc.record({ type: fc.constant('ReturnAgency' as const), agencyId: fc.constant('a1'), reasons: fc.constantFrom([], ['材料不全'], [' ']), returnedOn: anyDay }),
  fc.record({ type: fc.constant('PublishAgency' as const), agencyId: fc.constant('a1'), publishedOn: anyDay }),
  fc.record({ type: fc.constant('UpdateAgency' as const), agencyId: fc.constant('a1'), info: fc.constant(info), updatedOn: anyDay }),
  fc.record({ type: fc.constant('DelistAgency' as const), agencyId: fc.constant('a1'), reason: fc.constant('吊销'), delistedOn: anyDay }),
) as fc.Arbitrary<AgencyCommand>;
const item: fc.Arbitrary<ItemCommand> = fc.oneof(
  fc.record({ type: fc.constant('RegisterItem' as const), code: fc.constantFrom('XK-001', 'XK-002'), elements: fc.constant(exampleElements()), effectiveFrom: anyDay }),
  fc.record({ type: fc.constant('ReviseItem' as const), code: fc.constant('XK-001'), elements: fc.integer({ min: 0, max: 25 }).map((d) => exampleElements({ promisedLimitDays: d })), effectiveFrom: anyDay, reason: fc.constant('压缩时限') }),
  fc.record({ type: fc.constant('PublishStandard' as const), code: fc.constant('XK-001'), standard: fc.constantFrom(...standardKinds), publishedOn: anyDay }),
  fc
    .record({ code: fc.constant('XK-001'), campaignId: fc.constantFrom('tz-2012', 'tz-2013'), decision: fc.constantFrom(...cleanupDecisionTypes), decidedOn: anyDay, reason: fc.constant('审改清理'), toLevel: fc.constantFrom(undefined, ...itemLevels) })
    .map(({ toLevel, ...c }) => ({ type: 'DecideCleanup' as const, ...c, ...(toLevel === undefined ? {} : { toLevel }) })),
);
const notice: fc.Arbitrary<NoticeCommand> = fc.oneof(
  fc.record({ type: fc.constant('PublishTradingNotice' as const), noticeId: fc.constantFrom('n1', 'n2'), dealId: fc.constant('d1'), kind: fc.constantFrom('announcement' as const, 'result' as const), outlets: fc.constantFrom<string[]>(['台州招投标网'], ['台州招投标网', '台州日报']), publishedOn: anyDay }),
  fc.record({ type: fc.constant('WithdrawTradingNotice' as const), noticeId: fc.constant('n1'), reason: fc.constant('信息有误'), withdrawnOn: anyDay }),
);
const piece: fc.Arbitrary<PieceCommand> = fc.oneof(
  fc.record({ type: fc.constant('PublishReformPiece' as const), pieceId: fc.constantFrom('p1', 'p2'), kind: fc.constantFrom('portalArticle' as const, 'briefing' as const), title: fc.constant('审改'), publishedOn: anyDay }),
  fc.record({ type: fc.constant('RecordAdoption' as const), pieceId: fc.constantFrom('p1', 'p2'), outlet: fc.constant('台州政务信息'), adoptedOn: anyDay }),
);
const publication: fc.Arbitrary<PublicationCommand> = fc.oneof(
  fc.record({ type: fc.constant('RegisterPublication' as const), publicationId: fc.constantFrom('h1', 'h2'), kind: fc.constantFrom('handbook' as const, 'serviceGuide' as const), title: fc.constant('服务手册'), registeredOn: anyDay }),
  fc.record({ type: fc.constant('PrintCopies' as const), publicationId: fc.constant('h1'), copies: fc.integer({ min: 1, max: 3000 }), printedOn: anyDay }),
);

describe('every catalog machine equals its decider over random histories (design §7 invariants)', () => {
  const cases = [
    ['campaign', () => assertMachineReducerEquality({ machine: campaignMachine, decider: campaignDecider, commands: campaign })],
    ['deal', () => assertMachineReducerEquality({ machine: dealMachine, decider: dealDecider, commands: deal })],
    ['survey (guard withinIssued in the machine and the decider)', () => assertMachineReducerEquality({ machine: surveyMachine, decider: surveyDecider, commands: survey, context: dataOf })],
    ['agency / intermediary', () => assertMachineReducerEquality({ machine: agencyMachine, decider: agencyDecider, commands: agency })],
    ['catalog item (guards completesStandards, decided…)', () => assertMachineReducerEquality({ machine: itemMachine, decider: itemDecider, commands: item, context: (s: ItemState) => dataOf(s), maxLength: 16 })],
    ['trading notice', () => assertMachineReducerEquality({ machine: noticeMachine, decider: noticeDecider, commands: notice })],
    ['reform piece', () => assertMachineReducerEquality({ machine: pieceMachine, decider: pieceDecider, commands: piece })],
    ['publication', () => assertMachineReducerEquality({ machine: publicationMachine, decider: publicationDecider, commands: publication })],
  ] as const;
  it.each(cases)('%s', (_name, check) => {
    const { accepted, refused } = check();
    // The generators reach both sides: histories where the machine moves, and refusals.
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
