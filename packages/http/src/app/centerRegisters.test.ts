import { describe, expect, it } from 'vitest';
import { nodeDecider, pieceDecider, publicationDecider } from '@banshi/catalog';
import { handle } from '@banshi/core';
import { fixture, receive } from '../_lib/testFixture.js';

const json = async (r: Response) => (await r.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the service network, surveys and publicity', () => {
  it('the network lists the center and its sub-centers with the events each wrote and its cases of the year, for anyone', async () => {
    const f = await fixture();
    const meta = (node: string) => ({ actor: { id: 'h-01', role: 'head' }, node });
    await handle(f.stores.tz, 'center-tz', { type: 'EstablishCenter', centerId: 'tz', name: '台州市行政服务中心', establishedOn: '2013-01-04' }, nodeDecider, { meta: meta('tz') });
    await handle(f.stores.tz, 'center-tz', { type: 'OpenSubCenter', centerId: 'tz', nodeId: 'sub-port', name: '港航分中心', domain: '港航', openedOn: '2013-01-04' }, nodeDecider, { meta: meta('tz') });
    await f.call('clerk', 'POST', '/t/tz/cases/C-1/commands', receive('C-1', { node: 'sub-port' }));
    await f.call('clerk', 'POST', '/t/tz/cases/C-2/commands', receive('C-2'));
    const r = await f.call('public', 'GET', '/t/tz/network?year=2013');
    expect(r.status).toBe(200);
    const net = await json(r);
    expect(net.center).toBe('tz');
    expect(net.nodes.map((n: { nodeId: string; kind: string }) => [n.nodeId, n.kind])).toEqual([
      ['tz', 'center'],
      ['sub-port', 'subCenter'],
    ]);
    expect(net.nodes.find((n: { nodeId: string }) => n.nodeId === 'sub-port')).toMatchObject({ name: '港航分中心', domain: '港航', received: 1, decided: 0, events: 0 });
    // Every event of the tenant was written at its node ('tz'): the registry's two and the two receipts.
    expect(net.nodes[0]).toMatchObject({ name: '台州市行政服务中心', received: 1, events: 4, lastOn: '2013-09-16' });
    expect((await json(await f.call('public', 'GET', '/t/tz/network?year=2012'))).nodes[1].received).toBe(0);
    expect((await f.call('public', 'GET', '/t/tz/network?year=13')).status).toBe(400);
  });

  it('survey batches issued and returned through the commands show return and satisfaction rates to the public', async () => {
    const f = await fixture();
    await f.call('admin', 'POST', '/t/tz/surveys/S-1/commands', { type: 'IssueSurvey', surveyId: 'S-1', node: 'tz', subject: '窗口服务满意度测评', forms: 20, issuedOn: '2013-09-02' });
    await f.call('admin', 'POST', '/t/tz/surveys/S-1/commands', { type: 'RecordSurveyReturns', surveyId: 'S-1', ratings: { 非常满意: 15, 满意: 2, 不满意: 1 }, returnedOn: '2013-09-10' });
    expect((await f.call('public', 'POST', '/t/tz/surveys/S-2/commands', { type: 'IssueSurvey', surveyId: 'S-2', node: 'tz', subject: 'x', forms: 1, issuedOn: '2013-09-02' })).status).toBe(403);
    const s = await json(await f.call('public', 'GET', '/t/tz/surveys'));
    expect(s.batches).toHaveLength(1);
    expect(s.batches[0]).toMatchObject({ surveyId: 'S-1', forms: 20, returned: 18, satisfied: 17, returnRate: '90.0%', satisfactionRate: '94.4%', returns: [{ returnedOn: '2013-09-10', forms: 18 }] });
    expect(s.total).toMatchObject({ forms: 20, returned: 18, satisfied: 17, returnRate: '90.0%' });
  });

  it('publicity lists the reform pieces with their adoption and the printed publications with their runs, by year', async () => {
    const f = await fixture();
    const meta = { meta: { actor: { id: 'a-01', role: 'admin' }, node: 'tz' } };
    await handle(f.stores.tz, 'publicity-a1', { type: 'PublishReformPiece', pieceId: 'a1', kind: 'portalArticle', title: '审改信息第1篇', publishedOn: '2013-03-01' }, pieceDecider, meta);
    await handle(f.stores.tz, 'publicity-a1', { type: 'RecordAdoption', pieceId: 'a1', outlet: '台州政务信息', adoptedOn: '2013-03-08' }, pieceDecider, meta);
    await handle(f.stores.tz, 'publicity-b1', { type: 'PublishReformPiece', pieceId: 'b1', kind: 'briefing', title: '审改工作简报第1期', publishedOn: '2012-12-20' }, pieceDecider, meta);
    await handle(f.stores.tz, 'publication-sc', { type: 'RegisterPublication', publicationId: 'sc', kind: 'handbook', title: '代理代办服务手册', registeredOn: '2013-01-10' }, publicationDecider, meta);
    await handle(f.stores.tz, 'publication-sc', { type: 'PrintCopies', publicationId: 'sc', copies: 2000, printedOn: '2013-03-01' }, publicationDecider, meta);
    const all = await json(await f.call('public', 'GET', '/t/tz/publicity'));
    expect(all.figures).toEqual({ portalArticles: 1, briefings: 1, adopted: { 台州政务信息: 1 }, handbookCopies: 2000, serviceGuideCopies: 0 });
    const y2013 = await json(await f.call('public', 'GET', '/t/tz/publicity?year=2013'));
    expect(y2013.pieces.map((p: { pieceId: string }) => p.pieceId)).toEqual(['a1']);
    expect(y2013.pieces[0].adopted).toEqual({ outlet: '台州政务信息', adoptedOn: '2013-03-08' });
    expect(y2013.publications[0]).toMatchObject({ title: '代理代办服务手册', copies: 2000, prints: [{ copies: 2000, printedOn: '2013-03-01' }] });
  });

  it('the admin records a reform article, its adoption, a handbook and its print run through the command routes; nobody else may; the public reads them', async () => {
    const f = await fixture();
    const send = (who: 'admin' | 'clerk' | 'public' | 'applicant', path: string, body: Record<string, unknown>) => f.call(who, 'POST', `/t/tz/${path}/commands`, body);
    const article = { type: 'PublishReformPiece', pieceId: 'gs-1', kind: 'portalArticle', title: '审改信息：并联审批提速', publishedOn: '2013-09-16' };
    const handbook = { type: 'RegisterPublication', publicationId: 'sc-1', kind: 'handbook', title: '行政审批服务手册', registeredOn: '2013-09-16' };
    for (const who of ['clerk', 'public', 'applicant'] as const) {
      expect((await send(who, 'publicity-pieces/gs-1', article)).status).toBe(403);
      expect((await send(who, 'publications/sc-1', handbook)).status).toBe(403);
    }
    expect(await f.stores.tz.headPosition()).toBe(0);
    const created = await send('admin', 'publicity-pieces/gs-1', article);
    expect(created.status).toBe(201);
    expect((await json(created)).stream).toBe('publicity-gs-1');
    expect((await send('admin', 'publicity-pieces/gs-1', { type: 'RecordAdoption', pieceId: 'gs-1', outlet: '台州政务信息', adoptedOn: '2013-09-20' })).status).toBe(200);
    const twice = await send('admin', 'publicity-pieces/gs-1', { type: 'RecordAdoption', pieceId: 'gs-1', outlet: '浙江政务信息', adoptedOn: '2013-09-21' });
    expect([twice.status, (await json(twice)).code]).toEqual([422, 'CATALOG_PUBLICITY_ALREADY_RECORDED']);
    expect((await send('admin', 'publications/sc-1', handbook)).status).toBe(201);
    expect((await send('admin', 'publications/sc-1', { type: 'PrintCopies', publicationId: 'sc-1', copies: 3000, printedOn: '2013-09-18' })).status).toBe(200);
    expect((await send('admin', 'publications/sc-1', { type: 'PrintCopies', publicationId: 'sc-2', copies: 10, printedOn: '2013-09-18' })).status).toBe(422);
    const board = await json(await f.call('public', 'GET', '/t/tz/publicity?year=2013'));
    expect(board.figures).toEqual({ portalArticles: 1, briefings: 0, adopted: { 台州政务信息: 1 }, handbookCopies: 3000, serviceGuideCopies: 0 });
    expect((await json(await f.call('public', 'GET', '/t/tz/publicity-pieces/gs-1'))).state).toMatchObject({ status: 'adopted', pieceId: 'gs-1' });
    expect((await json(await f.call('public', 'GET', '/t/tz/publications/sc-1'))).state).toMatchObject({ copies: 3000 });
  });
});
