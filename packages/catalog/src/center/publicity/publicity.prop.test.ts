import { DomainError, foldDecider, foldProjection } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { toLog } from '../../_test/toLog.js';
import { pieceDecider, publicationDecider, type PublicationCommand } from './publicityDeciders.js';
import { publicityFigures, publicityStats } from './publicityStats.js';


describe('reform publicity and printed publications', () => {
  it('refuses an adoption before publication, a second adoption, unknown keys and impossible dates', () => {
    const published = foldDecider(pieceDecider, [{ type: 'ReformPiecePublished', data: { pieceId: 'p', kind: 'briefing', title: '简报', publishedOn: '2013-03-05' } }]);
    const early = pieceDecider.decide({ type: 'RecordAdoption', pieceId: 'p', outlet: '台州政务信息', adoptedOn: '2013-03-01' }, published);
    expect(early instanceof DomainError && early.code).toBe('CATALOG_PUBLICITY_ALREADY_RECORDED');
    const adopted = foldDecider(pieceDecider, [
      { type: 'ReformPiecePublished', data: { pieceId: 'p', kind: 'briefing', title: '简报', publishedOn: '2013-03-05' } },
      { type: 'ReformPieceAdopted', data: { pieceId: 'p', outlet: '台州政务信息', adoptedOn: '2013-03-06' } },
    ]);
    expect(pieceDecider.decide({ type: 'RecordAdoption', pieceId: 'p', outlet: '台州政务信息', adoptedOn: '2013-03-07' }, adopted)).toBeInstanceOf(DomainError);
    expect(publicationDecider.decide({ type: 'RegisterPublication', publicationId: 'h', kind: 'handbook', title: 't', registeredOn: '2013-02-29' }, publicationDecider.initialState)).toBeInstanceOf(DomainError);
    expect(publicationDecider.decide({ type: 'RegisterPublication', publicationId: 'h', kind: 'handbook', title: 't', registeredOn: '2013-02-28', pages: 3 } as PublicationCommand, publicationDecider.initialState)).toBeInstanceOf(DomainError);
  });

  it('counts articles, briefing issues, adoptions per outlet and copies per kind', async () => {
    const log = toLog(pieceDecider, [
      { stream: 'publicity-a', command: { type: 'PublishReformPiece', pieceId: 'a', kind: 'portalArticle', title: '审改信息', publishedOn: '2013-03-01' } },
      { stream: 'publicity-b', command: { type: 'PublishReformPiece', pieceId: 'b', kind: 'briefing', title: '简报第1期', publishedOn: '2013-03-01' } },
      { stream: 'publicity-b', command: { type: 'RecordAdoption', pieceId: 'b', outlet: '台州政务信息', adoptedOn: '2013-03-09' } },
    ]);
    toLog(
      publicationDecider,
      [
        { stream: 'publication-h', command: { type: 'RegisterPublication', publicationId: 'h', kind: 'handbook', title: '服务手册', registeredOn: '2013-01-10' } },
        { stream: 'publication-h', command: { type: 'PrintCopies', publicationId: 'h', copies: 3000, printedOn: '2013-01-15' } },
        { stream: 'publication-h', command: { type: 'PrintCopies', publicationId: 'h', copies: 2200, printedOn: '2013-06-15' } },
        { stream: 'publication-g', command: { type: 'RegisterPublication', publicationId: 'g', kind: 'serviceGuide', title: '服务指南', registeredOn: '2013-01-10' } },
        { stream: 'publication-g', command: { type: 'PrintCopies', publicationId: 'g', copies: 800, printedOn: '2013-01-15' } },
      ],
      log,
    );
    expect(publicityFigures(await foldProjection(log, publicityStats))).toEqual({ portalArticles: 1, briefings: 1, adopted: { 台州政务信息: 1 }, handbookCopies: 5200, serviceGuideCopies: 800 });
  });
});
