/**
 * Quickstart: a small approval flow (receive → accept → approve) on the in-memory store.
 * Prints every stored event, a refused command with its code, and the final state. Run: `pnpm quickstart`.
 */
import { createEventRegistry, createMemoryStore, defineEvent, DomainError, handle, type Decider, type EventOf } from '@banshi/core';
import { z } from 'zod';

const ApplicationReceived = defineEvent('ApplicationReceived', z.object({ applicant: z.string(), itemCode: z.string(), on: z.string() }));
const ApplicationAccepted = defineEvent('ApplicationAccepted', z.object({ on: z.string() }));
const ApplicationApproved = defineEvent('ApplicationApproved', z.object({ on: z.string(), certificate: z.string() }));
const events = [ApplicationReceived, ApplicationAccepted, ApplicationApproved] as const;
type Event = EventOf<typeof events>;

type Command =
  | { type: 'Receive'; applicant: string; itemCode: string; on: string }
  | { type: 'Accept'; on: string }
  | { type: 'Approve'; on: string; certificate: string };

type State = { status: 'none' | 'received' | 'accepted' | 'approved'; applicant?: string; itemCode?: string; history: string[] };

const application: Decider<State, Command, Event> = {
  initialState: { status: 'none', history: [] },
  decide(command, state) {
    switch (command.type) {
      case 'Receive':
        if (state.status !== 'none') return new DomainError('QUICKSTART_ALREADY_RECEIVED', 'this application was already received');
        return [{ type: 'ApplicationReceived', data: { applicant: command.applicant, itemCode: command.itemCode, on: command.on } }];
      case 'Accept':
        if (state.status !== 'received') return new DomainError('QUICKSTART_NOT_RECEIVED', `cannot accept an application that is ${state.status}`);
        return [{ type: 'ApplicationAccepted', data: { on: command.on } }];
      case 'Approve':
        if (state.status !== 'accepted') return new DomainError('QUICKSTART_NOT_ACCEPTED', 'decide only after acceptance', { key: 'acceptFirst', basis: '行政许可法 第三十二条' });
        return [{ type: 'ApplicationApproved', data: { on: command.on, certificate: command.certificate } }];
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ApplicationReceived':
        return { status: 'received', applicant: event.data.applicant, itemCode: event.data.itemCode, history: [...state.history, `received ${event.data.on}`] };
      case 'ApplicationAccepted':
        return { ...state, status: 'accepted', history: [...state.history, `accepted ${event.data.on}`] };
      case 'ApplicationApproved':
        return { ...state, status: 'approved', history: [...state.history, `approved ${event.data.on} (${event.data.certificate})`] };
    }
  },
};

const store = createMemoryStore({ registry: createEventRegistry(events), node: 'taizhou-center' });
const stream = 'case-TZ-2013-000001';
const meta = { channel: 'window' as const, actor: { id: 'window-12', role: 'clerk' } };

await handle(store, stream, { type: 'Receive', applicant: '台州某某有限公司', itemCode: 'XK-330001', on: '2013-09-16' }, application, { commandId: 'cmd-1', meta });
await handle(store, stream, { type: 'Accept', on: '2013-09-16' }, application, { commandId: 'cmd-2', meta });
// A flaky terminal re-sends cmd-2: nothing new is appended.
const repeat = await handle(store, stream, { type: 'Accept', on: '2013-09-16' }, application, { commandId: 'cmd-2', meta });
const final = await handle(store, stream, { type: 'Approve', on: '2013-10-18', certificate: 'TZ-XK-2013-0001' }, application, { commandId: 'cmd-3', meta });
try {
  await handle(store, stream, { type: 'Accept', on: '2013-10-19' }, application, { commandId: 'cmd-4', meta });
} catch (err) {
  // A refusal carries a stable code for programs (prefixed with the owner's name, as banshi's own codes are) and a message for people.
  if (!(err instanceof DomainError)) throw err;
  console.log(`rejected: ${err.code}: ${err.message}`);
}

console.log(`repeated cmd-2 was a duplicate: ${repeat.duplicate}`);
console.log('events:');
for await (const e of store.readAll()) console.log(`  #${e.position} ${e.stream} v${e.version} ${e.type} ${JSON.stringify(e.data)} hash=${e.hash.slice(0, 12)}…`);
console.log('final state:', JSON.stringify(final.state));
console.log('hash chain:', (await store.verify()).ok ? 'verified' : 'BROKEN');
