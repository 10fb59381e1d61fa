import fc from 'fast-check';
import { describe, it } from 'vitest';
import { assertCommandMachineAgrees } from '../_test/machineProperty.js';
import { campaignDecider, type CampaignCommand } from '../campaign/campaignDecider.js';
import { campaignMachine } from '../campaign/campaignMachine.js';
import { agencyDecider, type AgencyCommand } from '../intermediary/agencyDecider.js';
import { agencyMachine } from '../intermediary/agencyMachine.js';
import { surveyDecider, type SurveyCommand } from './surveys/surveyDecider.js';
import { surveyMachine } from './surveys/surveyMachine.js';
import { dealDecider, type DealCommand } from './trading/dealDecider.js';
import { dealMachine } from './trading/dealMachine.js';

const day = fc.constantFrom('2013-03-01', '2013-06-03', '2013-12-31');
const info = { name: '台州华信工程咨询有限公司', basicInfo: '依法设立', scope: ['工程咨询'], promisedLimitDays: 5, fees: [], contact: { person: '联系人', phone: '0576-81234567' } };

describe('catalog command machines agree with their deciders over random histories', () => {
  it('campaign', () =>
    assertCommandMachineAgrees(
      campaignMachine,
      campaignDecider,
      fc.oneof(
        fc.record({ type: fc.constant('OpenCampaign' as const), campaignId: fc.constant('c1'), name: fc.constant('清理'), level: fc.constant('city' as const), openedOn: day }),
        fc.record({ type: fc.constant('CloseCampaign' as const), campaignId: fc.constant('c1'), closedOn: day }),
      ) as fc.Arbitrary<CampaignCommand>,
    ));
  it('deal', () =>
    assertCommandMachineAgrees(
      dealMachine,
      dealDecider,
      fc.oneof(
        fc.record({ type: fc.constant('RegisterDeal' as const), dealId: fc.constant('d1'), category: fc.constant('other' as const), title: fc.constant('t'), node: fc.constant('center'), registeredOn: day }),
        fc.record({ type: fc.constant('ConcludeDeal' as const), dealId: fc.constant('d1'), priceFen: fc.integer({ min: 0, max: 10_000 }), concludedOn: day }),
        fc.record({ type: fc.constant('FailDeal' as const), dealId: fc.constant('d1'), reason: fc.constant('流标'), failedOn: day }),
      ) as fc.Arbitrary<DealCommand>,
    ));
  it('survey', () =>
    assertCommandMachineAgrees(
      surveyMachine,
      surveyDecider,
      fc.oneof(
        fc.record({ type: fc.constant('IssueSurvey' as const), surveyId: fc.constant('s1'), node: fc.constant('center'), subject: fc.constant('征求意见表'), forms: fc.integer({ min: 1, max: 50 }), issuedOn: day }),
        fc.record({ type: fc.constant('RecordSurveyReturns' as const), surveyId: fc.constant('s1'), ratings: fc.record({ 满意: fc.integer({ min: 0, max: 30 }) }), returnedOn: day }),
        fc.record({ type: fc.constant('CloseSurvey' as const), surveyId: fc.constant('s1'), closedOn: day }),
      ) as fc.Arbitrary<SurveyCommand>,
    ));
  it('agency', () =>
    assertCommandMachineAgrees(
      agencyMachine,
      agencyDecider,
      fc.oneof(
        fc.record({ type: fc.constant('SubmitAgency' as const), agencyId: fc.constant('a1'), info: fc.constant(info), submittedOn: day }),
        fc.record({ type: fc.constant('ApproveAgency' as const), agencyId: fc.constant('a1'), reviewer: fc.constant('officer'), approvedOn: day }),
        fc.record({ type: fc.constant('ReturnAgency' as const), agencyId: fc.constant('a1'), reasons: fc.constantFrom([], ['材料不全']), returnedOn: day }),
        fc.record({ type: fc.constant('PublishAgency' as const), agencyId: fc.constant('a1'), publishedOn: day }),
        fc.record({ type: fc.constant('UpdateAgency' as const), agencyId: fc.constant('a1'), info: fc.constant(info), updatedOn: day }),
        fc.record({ type: fc.constant('DelistAgency' as const), agencyId: fc.constant('a1'), reason: fc.constant('吊销'), delistedOn: day }),
      ) as fc.Arbitrary<AgencyCommand>,
    ));
});
