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

  it('takes the command schemas from the packages’ zod schemas (no second schema)', async () => {
    const f = await fixture();
    const doc = (await (await f.call('public', 'GET', '/openapi.json')).json()) as { components: { schemas: Record<string, { oneOf?: { properties: { type: { const: string } } }[] }> } };
    const types = (doc.components.schemas.CasesCommand?.oneOf ?? []).map((s) => s.properties.type.const).sort();
    expect(types).toEqual(approvalCommandSchema.options.map((o) => o.shape.type.value).sort());
  });
});
