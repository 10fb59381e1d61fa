/**
 * HMAC-SHA256 and constant-time comparison in pure JavaScript (@noble/hashes), so the router
 * runs on Node, Deno, Bun and workers alike.
 */
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

// Synchronous pure-JS hashing (the same library core uses): no thread-pool round trip per
// request, which under load costs milliseconds with WebCrypto's async API.
const encoder = new TextEncoder();

/** base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url; `undefined` for anything that is not. */
export function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** HMAC-SHA256 of `text` under `secret`, as raw bytes. */
export async function hmacBytes(secret: string, text: string): Promise<Uint8Array> {
  return nobleHmac(nobleSha256, encoder.encode(secret), encoder.encode(text));
}

/** HMAC-SHA256 of `text` under `secret`, base64url. */
export async function hmac(secret: string, text: string): Promise<string> {
  return base64url(await hmacBytes(secret, text));
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i % (x.length || 1)] ?? 0) ^ (y[i % (y.length || 1)] ?? 0);
  return diff === 0;
}

/** SHA-256 of `text`, hex. */
export async function sha256(text: string): Promise<string> {
  return bytesToHex(nobleSha256(encoder.encode(text)));
}
