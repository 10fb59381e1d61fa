import { createHash, hash } from 'node:crypto';
import type { Hasher } from '@banshi/core';

/**
 * SHA-256 of a UTF-8 string as lowercase hex, with Node's native crypto: the same digests as
 * core's pure-JavaScript `sha256Hex`, several times faster.
 *
 * @example
 * sha256HexNode('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export const sha256HexNode: Hasher =
  typeof hash === 'function' ? (text) => hash('sha256', text, 'hex') : (text) => createHash('sha256').update(text, 'utf8').digest('hex');
