import { createMemoryStore, foldProjection, handle } from '@banshi/core';
import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { catalogRegistry } from '../../events/index.js';
import { surveyDecider } from './surveyDecider.js';
import type { SurveyEvent } from './surveyEvents.js';
import { returnRate, satisfactionRate, satisfiedForms, surveyStats } from './surveyStats.js';

const spec = deciderSpec(surveyDecider);
const issued: SurveyEvent = { type: 'SurveyIssued', data: { surveyId: 's1', node: 'center', subject: '招投标工作征求意见表', forms: 10, issuedOn: '2013-01-15' } };
const zeros = { 非常满意: 0, 满意: 0, 基本满意: 0, 不满意: 0, 非常不满意: 0 };

describe('surveyDecider', () => {
  it('issues a batch', () => {
    spec.given([]).when({ type: 'IssueSurvey', surveyId: 's1', node: 'center', subject: '招投标工作征求意见表', forms: 10, issuedOn: '2013-01-15' }).then([issued]);
  });
  it('records returns with missing ratings as zero', () => {
    spec
      .given([issued])
      .when({ type: 'RecordSurveyReturns', surveyId: 's1', ratings: { 满意: 4, 不满意: 1 }, returnedOn: '2013-02-01' })
      .then([{ type: 'SurveyFormsReturned', data: { surveyId: 's1', ratings: { ...zeros, 满意: 4, 不满意: 1 }, returnedOn: '2013-02-01' } }]);
  });
  it('never takes back more forms than were issued (SR-1)', () => {
    const back: SurveyEvent = { type: 'SurveyFormsReturned', data: { surveyId: 's1', ratings: { ...zeros, 满意: 8 }, returnedOn: '2013-02-01' } };
    spec.given([issued, back]).when({ type: 'RecordSurveyReturns', surveyId: 's1', ratings: { 满意: 3 }, returnedOn: '2013-02-02' }).thenRejects('CATALOG_SURVEY_RETURNS_EXCEED_ISSUED', 'SR-1');
    spec
      .given([issued, back])
      .when({ type: 'RecordSurveyReturns', surveyId: 's1', ratings: { 满意: 2 }, returnedOn: '2013-02-02' })
      .thenState((s) => expect(s.returned).toBe(10));
  });
  it('rejects empty returns, returns before issue, after close, and a second issue', () => {
    spec.given([issued]).when({ type: 'RecordSurveyReturns', surveyId: 's1', ratings: {}, returnedOn: '2013-02-01' }).thenRejects('CATALOG_INVALID_COMMAND');
    spec.given([]).when({ type: 'RecordSurveyReturns', surveyId: 's1', ratings: { 满意: 1 }, returnedOn: '2013-02-01' }).thenRejects('CATALOG_SURVEY_NOT_ISSUED');
    spec.given([issued]).when({ type: 'CloseSurvey', surveyId: 's1', closedOn: '2013-12-31' }).then([{ type: 'SurveyClosed', data: { surveyId: 's1', closedOn: '2013-12-31' } }]);
    spec
      .given([issued, { type: 'SurveyClosed', data: { surveyId: 's1', closedOn: '2013-12-31' } }])
      .when({ type: 'RecordSurveyReturns', surveyId: 's1', ratings: { 满意: 1 }, returnedOn: '2014-01-02' })
      .thenRejects('CATALOG_SURVEY_CLOSED', 'SR-2');
    spec.given([issued]).when({ type: 'IssueSurvey', surveyId: 's1', node: 'center', subject: 'x', forms: 5, issuedOn: '2013-03-01' }).thenRejects('CATALOG_SURVEY_ALREADY_ISSUED');
    spec.given([]).when({ type: 'IssueSurvey', surveyId: 's1', node: 'center', subject: 'x', forms: 0, issuedOn: '2013-03-01' }).thenRejects('CATALOG_INVALID_COMMAND');
  });
});

describe('surveyStats', () => {
  it('sums issued, returned and ratings in total, per node and per subject', async () => {
    const store = createMemoryStore({ registry: catalogRegistry });
    await handle(store, 'survey-a', { type: 'IssueSurvey', surveyId: 'a', node: 'center', subject: '窗口服务', forms: 20, issuedOn: '2013-01-15' }, surveyDecider);
    await handle(store, 'survey-b', { type: 'IssueSurvey', surveyId: 'b', node: 'port', subject: '窗口服务', forms: 10, issuedOn: '2013-01-15' }, surveyDecider);
    await handle(store, 'survey-a', { type: 'RecordSurveyReturns', surveyId: 'a', ratings: { 非常满意: 10, 满意: 5 }, returnedOn: '2013-03-01' }, surveyDecider);
    await handle(store, 'survey-b', { type: 'RecordSurveyReturns', surveyId: 'b', ratings: { 基本满意: 3, 不满意: 1 }, returnedOn: '2013-03-01' }, surveyDecider);
    const s = await foldProjection(store.readAll(), surveyStats);
    expect([s.total.batches, s.total.issued, s.total.returned, satisfiedForms(s.total)]).toEqual([2, 30, 19, 18]);
    expect(satisfactionRate(s.total)).toBe(18 / 19);
    expect(returnRate(s.total)).toBe(19 / 30);
    expect(s.byNode.get('port')?.ratings).toEqual({ ...zeros, 基本满意: 3, 不满意: 1 });
    expect(s.bySubject.get('窗口服务')?.returned).toBe(19);
    expect(satisfactionRate({ batches: 0, issued: 0, returned: 0, ratings: zeros })).toBe(0);
  });
});
