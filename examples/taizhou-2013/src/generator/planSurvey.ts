import { officer, split, type PlanContext } from './tasks.js';

/** The tendering survey: 614 forms issued, 546 back over eleven months, every one satisfied (seed §二.6). */
export function planSurvey(ctx: PlanContext): void {
  const { r, cal, tasks, on } = ctx;
  const surveyId = `tz-${ctx.year}-zb`;
  const stream = `survey-${surveyId}`;
  tasks.push({ day: on('01-07'), minute: 10, stream, kind: 'survey', command: { type: 'IssueSurvey', surveyId, node: 'tz-center', subject: '招投标工作征求意见表', forms: 614, issuedOn: on('01-07') }, channel: 'window', actor: officer, node: 'tz-center' });
  split(546, 11, r).forEach((n, m) => {
    const day = cal.previousWorkingDay(on(`${String(m + 2).padStart(2, '0')}-01`));
    // The split between 非常满意 and 满意 is invented: the seed only says all were satisfied.
    const great = Math.round(n * 0.72);
    tasks.push({ day, minute: 400, stream, kind: 'survey', command: { type: 'RecordSurveyReturns', surveyId, ratings: { 非常满意: great, 满意: n - great }, returnedOn: day }, channel: 'window', actor: officer, node: 'tz-center' });
  });
}
