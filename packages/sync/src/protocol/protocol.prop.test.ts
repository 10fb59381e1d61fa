import { createMemoryStore, toRecorded } from '@banshi/core';
import fc from 'fast-check';
import { StringDecoder } from 'node:string_decoder';
import { describe, expect, it } from 'vitest';
import { createShipStreamDecoder, encodeShipStreamBytes, encodeShipStreamLine, type ShipBatch } from './index.js';

/** A batch of `n` events with payloads that hold carriage returns, newlines, quotes and CJK text. */
async function batchOf(texts: readonly string[], from: number): Promise<ShipBatch> {
  const store = createMemoryStore({ node: 'port' });
  for (const [i, text] of texts.entries()) await store.append(`case-${i % 3}`, [{ type: 'Noted', data: { text, n: i } }]);
  const events = [];
  for await (const e of store.readAll()) events.push({ position: from + e.position - 1, event: toRecorded(e) });
  return { fromPosition: from, toPosition: from + texts.length - 1, events };
}

/** What a decoder makes of `body` fed in pieces of `cut` characters: its batches, or its error's detail. */
function decode(body: string, cut: number): { batches: ShipBatch[] } | { error: string } {
  const batches: ShipBatch[] = [];
  const decoder = createShipStreamDecoder((b) => batches.push(b));
  try {
    for (let i = 0; i < body.length; i += cut) decoder.write(body.slice(i, i + cut));
    decoder.end();
    return { batches };
  } catch (err) {
    return { error: (err as { detail?: string }).detail ?? String(err) };
  }
}

const text = fc.oneof(fc.string(), fc.constantFrom('受理\r\n办结', '"events":[\r', '},\r{', '\\', '\u2028'));

describe('protocol-2 lines in segments', () => {
  it('encodes a batch as one JSON document (what a center that parses lines whole reads) that decodes to the batch fed in any pieces, and as the same bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(text, { maxLength: 100 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 4096 }), async (texts, from, cut) => {
        const batch = await batchOf(texts, from);
        const line = encodeShipStreamLine(batch);
        expect(line.indexOf('\n')).toBe(line.length - 1);
        const document = { fromPosition: batch.fromPosition, toPosition: batch.toPosition, positions: batch.events.map((e) => e.position), events: batch.events.map((e) => e.event) };
        expect(JSON.parse(line)).toEqual(document);
        // Byte for byte the line of a node before segments, plus a carriage return before every 32 events.
        expect(line.replaceAll('\r', '')).toBe(`${JSON.stringify(document)}\n`);
        expect(line.split('\r')).toHaveLength(1 + Math.ceil(batch.events.length / 32));
        expect(encodeShipStreamBytes(batch).toString('utf8')).toBe(line);
        expect(decode(line + line, cut)).toEqual({ batches: [batch, batch] });
      }),
      { numRuns: 60 },
    );
  });

  it('reads a line split at carriage returns exactly as JSON.parse reads the whole line, whatever the sender put between them', async () => {
    const base = await batchOf(['受理', '补正\r材料', '办结', '"x"', '}]'], 1);
    const events = base.events.map((e) => JSON.stringify(e.event));
    const positions = JSON.stringify(base.events.map((e) => e.position));
    // Heads a sender could write before the events: the usual one, other key orders, an earlier
    // "events" key, a key that only ends in "events", an events array that is not the last key.
    const heads = [
      `{"fromPosition":1,"toPosition":5,"positions":${positions},"events":[`,
      `{"events":[],"toPosition":5,"positions":${positions},"fromPosition":1,"events":[`,
      `{"fromPosition":1,"toPosition":5,"positions":${positions},"a\\"events":[`,
      `{"events":[`,
      `{"fromPosition":1,"positions":${positions},"events":[{"x":1}],"toPosition":5,"y":[`,
      `{"fromPosition":1,"toPosition":5,"positions":${positions}, "events" :[`,
    ];
    // Mostly what the encoder writes, so that whole lines of it come up; now and then a fault.
    const mostly = (usual: readonly string[], odd: readonly string[]) => fc.oneof({ arbitrary: fc.constantFrom(...usual), weight: 12 }, { arbitrary: fc.constantFrom(...odd), weight: 1 });
    const separators = mostly([',\r', ','], ['\r,', '\r,\r', ',,\r', ',\r,', ' ,\r ', '\r']);
    await fc.assert(
      fc.property(
        fc.constantFrom(...heads),
        fc.array(separators, { minLength: events.length - 1, maxLength: events.length - 1 }),
        mostly(['\r'], ['', ' \r']),
        mostly([']}'], ['\r]}', ',\r]}', ']} ', ']}\r', '],"toPosition":5}', ']']),
        fc.integer({ min: 1, max: 700 }),
        (head, seps, first, end, cut) => {
          const line = head + first + events.map((e, i) => (i === 0 ? e : (seps[i - 1] as string) + e)).join('') + end;
          // The same line with the carriage returns made spaces is one segment: parsed whole.
          const whole = decode(line.replaceAll('\r', ' ') + '\n', cut);
          expect(decode(line + '\n', cut)).toEqual(whole);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

/** What a decoder makes of `body`'s bytes fed in pieces of `cut` bytes: as text through a UTF-8 decoder (`write`) or as bytes (`writeBytes`). */
function decodeBody(body: Buffer, cut: number, as: 'text' | 'bytes'): { batches: ShipBatch[] } | { error: string } {
  const batches: ShipBatch[] = [];
  const decoder = createShipStreamDecoder((b) => batches.push(b));
  const utf8 = new StringDecoder('utf8');
  try {
    for (let i = 0; i < body.length; i += cut) {
      const piece = body.subarray(i, i + cut);
      if (as === 'bytes') decoder.writeBytes(piece);
      else decoder.write(utf8.write(piece));
    }
    if (as === 'text') decoder.write(utf8.end());
    decoder.end();
    return { batches };
  } catch (err) {
    return { error: (err as { detail?: string }).detail ?? String(err) };
  }
}

/** A batch whose payloads hold `texts` as values (in nested objects and arrays too) and, when `keyed`, as keys. */
async function keyedBatchOf(texts: readonly string[], keyed: boolean): Promise<ShipBatch> {
  const store = createMemoryStore({ node: 'port' });
  for (const [i, text] of texts.entries()) await store.append(`case-${i % 3}`, [{ type: 'Noted', data: { text, n: i, nested: keyed ? { [text]: [text, i] } : { list: [text, i] } } }]);
  const events = [];
  for await (const e of store.readAll()) events.push({ position: e.position, event: toRecorded(e) });
  return { fromPosition: 1, toPosition: texts.length, events };
}

describe('protocol-2 bodies fed as bytes', () => {
  const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('受理\r\n办结', 'é', '\u0000', '\\u00e9', '\ud800', '😀')).filter((t) => t !== '__proto__');

  it('decode to what the same bytes give as UTF-8 text, whatever the strings and keys hold and wherever the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 1, maxLength: 70 }), fc.boolean(), fc.integer({ min: 1, max: 3000 }), async (texts, keyed, cut) => {
        const batch = await keyedBatchOf(texts, keyed);
        const body = Buffer.concat([encodeShipStreamBytes(batch), encodeShipStreamBytes(batch)]);
        const got = decodeBody(body, cut, 'bytes');
        expect(got).toEqual({ batches: [batch, batch] });
        expect(got).toEqual(decodeBody(body, cut, 'text'));
      }),
      { numRuns: 150 },
    );
  });

  it('decode escapes, bytes that are not UTF-8 and broken lines as the text decoder does', async () => {
    const batch = await keyedBatchOf(['受理', '补正\r材料', 'é', '办结', 'plain', '😀'], false);
    const line = encodeShipStreamBytes(batch);
    const keyed = encodeShipStreamBytes(await keyedBatchOf(['受理', 'é', 'plain'], true));
    // Escapes a sender may write for any character, and stray bytes anywhere in the line.
    const escaped = Buffer.from(line.toString('utf8').replaceAll('受', '\\u53d7').replaceAll('é', '\\u00e9').replaceAll('p', '\\u0070'), 'utf8');
    await fc.assert(
      fc.property(
        fc.constantFrom(line, escaped, keyed),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { maxLength: 3 }),
        fc.integer({ min: 1, max: 500 }),
        (base, strays, cut) => {
          const bytes = Buffer.from(base);
          for (const [at, byte] of strays) bytes[at % (bytes.length - 1)] = byte;
          expect(decodeBody(bytes, cut, 'bytes')).toEqual(decodeBody(bytes, cut, 'text'));
        },
      ),
      { numRuns: 1000 },
    );
    expect(decodeBody(escaped, 64, 'bytes')).toEqual({ batches: [batch] });
  });

  it('takes bytes or text, not both', () => {
    const decoder = createShipStreamDecoder(() => undefined);
    decoder.writeBytes(Buffer.from('{'));
    expect(() => decoder.write('"fromPosition"')).toThrow(TypeError);
  });
});
