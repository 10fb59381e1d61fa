import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, receive } from '../_lib/testFixture.js';

describe('OpenTelemetry', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  afterAll(async () => {
    trace.disable();
    await provider.shutdown();
  });

  it('records spans for commands, appends and projections once the app installs an SDK, with no personal data in attributes', async () => {
    const f = await fixture();
    await f.call('clerk', 'POST', '/t/tz/cases/T-1/commands', receive('T-1'));
    expect(exporter.getFinishedSpans()).toEqual([]); // no SDK yet: the API's no-op tracer
    trace.setGlobalTracerProvider(provider);
    await f.call('clerk', 'POST', '/t/tz/cases/T-1/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' });
    await f.call('clerk', 'POST', '/t/tz/cases/T-1/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' });
    await f.call('clerk', 'GET', '/t/tz/cases');
    const spans = exporter.getFinishedSpans();
    const names = spans.map((s) => s.name);
    expect(names).toContain('banshi.command');
    expect(names).toContain('banshi.append');
    expect(names).toContain('banshi.projection');
    const command = spans.find((s) => s.name === 'banshi.command');
    expect(command?.attributes).toMatchObject({ 'banshi.tenant': 'tz', 'banshi.aggregate': 'cases', 'banshi.command': 'Accept', 'banshi.stream': 'case-T-1' });
    const refused = spans.filter((s) => s.name === 'banshi.command').at(-1);
    expect(refused?.status.code).toBe(2); // the second Accept is refused by the machine: an error span
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain('张三');
    // The SDK removed again: the next command makes no span (the check runs per call, both ways).
    trace.disable();
    exporter.reset();
    await f.call('clerk', 'POST', '/t/tz/cases/T-2/commands', receive('T-2'));
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
