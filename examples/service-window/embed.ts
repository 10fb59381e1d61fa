/** The "embed banshi in ten lines" sample of docs/getting-started.md, kept here so it compiles and runs. */
import { createApprovalDecider, approvalRegistry } from '@banshi/approval';
import { handle } from '@banshi/core';
import { createSqliteStore } from '@banshi/store-sqlite';

const store = createSqliteStore(process.argv[2] ?? 'hall.db', { registry: approvalRegistry });
const approval = createApprovalDecider(); // mainland-China calendar by default
const meta = { channel: 'window' as const, actor: { id: 'clerk-7', role: 'clerk' } };
await handle(store, 'case-TZ-2013-000001', { type: 'Receive', caseId: 'TZ-2013-000001', itemCode: 'TZ-0001', department: '市工商局', applicant: { name: '台州某公司', kind: 'organization' }, materials: ['申请书'], node: 'tz-center', on: '2013-09-16', channel: 'window', inPerson: true }, approval, { commandId: 'w12-0001', meta });
const r = await handle(store, 'case-TZ-2013-000001', { type: 'Accept', on: '2013-09-16', channel: 'window' }, approval, { commandId: 'w12-0002', meta });
console.log(r.state.status, JSON.stringify(r.state.data.clocks));
await store.close();
