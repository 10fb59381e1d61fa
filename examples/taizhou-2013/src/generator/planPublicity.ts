import { governmentBulletin, publications } from '../org/taizhouOrg.js';
import { seedFigures } from '../seed/seedFigures.js';
import { officer, split, workingDaysOf, type PlanContext } from './tasks.js';

/**
 * Reform publicity (seed §二.5): 215 articles on the portal, 13 briefing issues, 5 pieces adopted by
 * 《台州政务信息》 (which five is invented: the seed does not say); and the printed publications
 * (seed §一.(1)): handbooks "5000多册" and service guides "近万份" at the windows — the exact print
 * runs are invented within those words (5,300 and 9,640 copies).
 */
export function planPublicity(ctx: PlanContext): void {
  const { r, cal, tasks, on } = ctx;
  const days = workingDaysOf(cal, on('01-07'), on('12-20'));
  const articles = Number(seedFigures.reformArticles);
  const adopted = new Set(Array.from({ length: Number(seedFigures.adoptedPieces) }, (_, k) => Math.floor(((k + 0.5) * articles) / Number(seedFigures.adoptedPieces))));
  for (let i = 0; i < articles; i++) {
    const pieceId = `sg-${ctx.year}-${String(i + 1).padStart(3, '0')}`;
    const day = days[Math.floor((i * days.length) / articles)] as string;
    const stream = `publicity-${pieceId}`;
    tasks.push({ day, minute: 90, stream, kind: 'publicity', command: { type: 'PublishReformPiece', pieceId, kind: 'portalArticle', title: `审改信息第${i + 1}篇`, publishedOn: day }, channel: 'online', actor: officer, node: 'tz-center' });
    if (adopted.has(i)) {
      const adoptedOn = cal.addWorkingDays(day, r.int(3, 10));
      tasks.push({ day: adoptedOn, minute: 95, stream, kind: 'publicity', command: { type: 'RecordAdoption', pieceId, outlet: governmentBulletin, adoptedOn }, channel: 'system', actor: officer, node: 'tz-center' });
    }
  }
  const briefings = Number(seedFigures.briefings);
  for (let i = 0; i < briefings; i++) {
    const pieceId = `jb-${ctx.year}-${String(i + 1).padStart(2, '0')}`;
    const day = days[Math.floor(((i + 0.5) * days.length) / briefings)] as string;
    tasks.push({ day, minute: 100, stream: `publicity-${pieceId}`, kind: 'publicity', command: { type: 'PublishReformPiece', pieceId, kind: 'briefing', title: `审改工作简报第${i + 1}期`, publishedOn: day }, channel: 'system', actor: officer, node: 'tz-center' });
  }
  const copies: Record<'handbook' | 'serviceGuide', number> = { handbook: 5300, serviceGuide: 9640 };
  for (const kind of ['handbook', 'serviceGuide'] as const) {
    const ofKind = publications.filter((p) => p.kind === kind);
    const runs = kind === 'handbook' ? 2 : 11;
    const perPublication = split(copies[kind], ofKind.length);
    ofKind.forEach((p, k) => {
      const registeredOn = on('01-07');
      const stream = `publication-${p.publicationId}`;
      tasks.push({ day: registeredOn, minute: 20, stream, kind: 'publication', command: { type: 'RegisterPublication', publicationId: p.publicationId, kind, title: p.title, registeredOn }, channel: 'system', actor: officer, node: 'tz-center' });
      split(perPublication[k] as number, runs).forEach((n, run) => {
        const printedOn = days[Math.floor(((run + 0.25) * days.length) / runs)] as string;
        tasks.push({ day: printedOn, minute: 25, stream, kind: 'publication', command: { type: 'PrintCopies', publicationId: p.publicationId, copies: n, printedOn }, channel: 'system', actor: officer, node: 'tz-center' });
      });
    });
  }
}
