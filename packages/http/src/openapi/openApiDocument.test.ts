import { Validator } from '@seriousme/openapi-schema-validator';
import { approvalCommandSchema } from '@banshi/approval';
import { describe, expect, it } from 'vitest';
import { fixture } from '../_lib/testFixture.js';
import { commandPermissions } from '../auth/permissions.js';

describe('GET /openapi.json', () => {
  it('serves an OpenAPI 3.1 document that validates against the official schema', async () => {
    const f = await fixture();
    const r = await f.call('public', 'GET', '/openapi.json');
    expect(r.status).toBe(200);
    const doc = (await r.json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does refuse a broken document (so the check above can fail).
    expect((await new Validator().validate({ ...doc, info: undefined, paths: { bad: {} } } as never)).valid).toBe(false);
    for (const kind of Object.keys(commandPermissions)) expect(doc.paths).toHaveProperty([`/t/{tenant}/${kind}/{id}/commands`]);
  });

  it('documents Prefer: return=minimal on every command route: the header, the small answer and its Preference-Applied and Location headers', async () => {
    const f = await fixture();
    type Op = { parameters: { name: string }[]; responses: Record<string, { headers?: Record<string, unknown>; content: { 'application/json': { schema: { oneOf?: { $ref: string }[] } } } }> };
    const doc = (await (await f.call('public', 'GET', '/openapi.json')).json()) as { paths: Record<string, { post: Op }>; components: { schemas: Record<string, { required?: string[] }> } };
    expect(doc.components.schemas.CommandResultMinimal?.required).toEqual(['stream', 'commandId', 'version', 'duplicate']);
    for (const kind of Object.keys(commandPermissions)) {
      const op = doc.paths[`/t/{tenant}/${kind}/{id}/commands`]?.post as Op;
      expect(op.parameters.map((p) => p.name)).toContain('Prefer');
      for (const status of ['200', '201']) {
        expect(op.responses[status]?.content['application/json'].schema.oneOf?.map((s) => s.$ref)).toEqual(['#/components/schemas/CommandResult', '#/components/schemas/CommandResultMinimal']);
        expect(op.responses[status]?.headers).toHaveProperty('Preference-Applied');
      }
      expect(op.responses['201']?.headers).toHaveProperty('Location');
    }
  });

  it('takes the command schemas from the packages’ zod schemas (no second schema)', async () => {
    const f = await fixture();
    const doc = (await (await f.call('public', 'GET', '/openapi.json')).json()) as { components: { schemas: Record<string, { oneOf?: { properties: { type: { const: string } } }[] }> } };
    const types = (doc.components.schemas.CasesCommand?.oneOf ?? []).map((s) => s.properties.type.const).sort();
    expect(types).toEqual(approvalCommandSchema.options.map((o) => o.shape.type.value).sort());
  });
});
