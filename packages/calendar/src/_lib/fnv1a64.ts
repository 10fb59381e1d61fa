/**
 * FNV-1a 64-bit over the UTF-8 bytes of `text`, as 16 hex digits (deterministic, no `node:crypto`).
 * The 64-bit state is kept as two 32-bit halves: BigInt would be ~100× slower.
 */
export function fnv1a64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of bytes) {
    lo = (lo ^ byte) >>> 0;
    // × 0x100000001b3 = × 0x1b3 + « 40
    const p = lo * 0x1b3;
    const carry = Math.floor(p / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = p >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
