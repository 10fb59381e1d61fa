import { officer, workingDaysOf, type PlanContext } from './tasks.js';

/**
 * 108 intermediaries submitted; the first 59 reviewed are published (seed §二.2). The 16 returned
 * for missing qualifications are synthetic: the seed says nothing of the other 49.
 */
export function planAgencies(ctx: PlanContext): void {
  const { r, cal, tasks, on } = ctx;
  const days = workingDaysOf(cal, on('08-01'), on('11-29'));
  for (let i = 0; i < 108; i++) {
    const agencyId = `zj-${String(i + 1).padStart(3, '0')}`;
    const stream = `agency-${agencyId}`;
    const submitted = r.pick(days.slice(0, -20));
    const info = {
      name: `台州${r.pick(['华信', '中诚', '天和', '恒通', '东海', '新合'])}${r.pick(['工程咨询', '测绘', '环评', '造价咨询', '安全评价', '检测'])}有限公司${i + 1}`,
      basicInfo: '依法设立的中介服务机构，具备相应资质',
      scope: [r.pick(['工程咨询', '测绘', '环境影响评价', '工程造价', '安全评价', '检验检测'])],
      promisedLimitDays: r.int(3, 20),
      fees: [],
      contact: { person: '联系人', phone: `0576-8${String(1000000 + i).slice(1)}` },
    };
    tasks.push({ day: submitted, minute: 100 + i, stream, kind: 'agency', command: { type: 'SubmitAgency', agencyId, info, submittedOn: submitted }, channel: 'online', actor: { id: `agency-${agencyId}`, role: 'applicant' }, node: 'tz-center' });
    const reviewed = cal.addWorkingDays(submitted, r.int(3, 10));
    if (i < 59) {
      tasks.push({ day: reviewed, minute: 200, stream, kind: 'agency', command: { type: 'ApproveAgency', agencyId, reviewer: officer.id, approvedOn: reviewed }, channel: 'system', actor: officer, node: 'tz-center' });
      const published = cal.addWorkingDays(reviewed, r.int(1, 5));
      tasks.push({ day: published, minute: 300, stream, kind: 'agency', command: { type: 'PublishAgency', agencyId, publishedOn: published }, channel: 'online', actor: officer, node: 'tz-center' });
    } else if (i < 75) {
      tasks.push({ day: reviewed, minute: 200, stream, kind: 'agency', command: { type: 'ReturnAgency', agencyId, reasons: ['资质证明材料不全'], returnedOn: reviewed }, channel: 'system', actor: officer, node: 'tz-center' });
    }
  }
}
