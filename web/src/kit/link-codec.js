// Why this file exists: a widget's state must fit in a link that opens. Servers refuse long
// request lines (tools/serve.mjs and most others answer 431 beyond a few KB), so the kit keeps
// widget state in the URL's fragment, which the browser never sends, and packs long values:
// text deflated (CompressionStream 'deflate-raw') and written in base64url behind the marker
// "z1.", float64 arrays byte-plane shuffled first (the sign and exponent bytes of trained
// weights repeat; the low mantissa bytes do not) behind "f1.". Neither marker can start an
// older value: '.' is not a base64url character, and no widget writes it at the start.
// Decoding is bounded (a link cannot make the page inflate a gigabyte).

import { shown } from './format.js';
import { hasMessageCatalog, messageOf, pageRefusal } from './messages.js';
import { coreCatalog } from './catalog.js';

const TEXT_MARK = 'z1.';
const FLOAT_MARK = 'f1.';
// Values at least this long are packed when packing makes them shorter.
export const PACK_FROM = 200;
// The most a packed value may expand to: 8 MB, far above the largest state a widget writes
// (the largest playground network's weights are 60 KB; 1,500 own points about 30 KB of text).
export const MAX_UNPACKED_BYTES = 8 << 20;

export function toBase64url(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw pageRefusal('', 'link_bad_characters');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(bytes, stream) {
  const writer = stream.writable.getWriter();
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  const chunks = [];
  let length = 0;
  const reader = stream.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > MAX_UNPACKED_BYTES) {
      reader.cancel().catch(() => {});
      throw pageRefusal('', 'link_too_large', [MAX_UNPACKED_BYTES >> 20]);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export const deflate = (bytes) => pipe(bytes, new CompressionStream('deflate-raw'));
export async function inflate(bytes) {
  try {
    return await pipe(bytes, new DecompressionStream('deflate-raw'));
  } catch (error) {
    throw error.code === 'link_too_large' ? error : pageRefusal('', 'link_damaged');
  }
}

// A value packed when long (and when packing shortens it), else as it is.
export async function packText(text) {
  if (text.length < PACK_FROM || text.startsWith(TEXT_MARK) || text.startsWith(FLOAT_MARK)) return text;
  const packed = TEXT_MARK + toBase64url(await deflate(new TextEncoder().encode(text)));
  return packed.length < text.length ? packed : text;
}

export const isPacked = (value) => typeof value === 'string' && value.startsWith(TEXT_MARK);

export async function unpackText(value) {
  if (!isPacked(value)) return value;
  return new TextDecoder('utf-8', { fatal: false }).decode(await inflate(fromBase64url(value.slice(TEXT_MARK.length))));
}

// Float64 values -> "f1." + base64url(deflate(byte planes)), exact to the last bit (-0, NaN
// payloads and subnormals included).
export async function packFloat64(values) {
  const bytes = new Uint8Array(Float64Array.from(values).buffer);
  const n = values.length;
  const planes = new Uint8Array(bytes.length);
  for (let i = 0; i < n; i++) for (let b = 0; b < 8; b++) planes[b * n + i] = bytes[i * 8 + b];
  return FLOAT_MARK + toBase64url(await deflate(planes));
}

export async function unpackFloat64(value) {
  if (!value.startsWith(FLOAT_MARK)) throw pageRefusal('', 'link_not_packed_numbers');
  const planes = await inflate(fromBase64url(value.slice(FLOAT_MARK.length)));
  if (planes.length % 8) throw pageRefusal('', 'link_not_whole_numbers');
  const n = planes.length / 8;
  const bytes = new Uint8Array(planes.length);
  for (let i = 0; i < n; i++) for (let b = 0; b < 8; b++) bytes[i * 8 + b] = planes[b * n + i];
  return Array.from(new Float64Array(bytes.buffer));
}

export const isPackedFloat64 = (value) => typeof value === 'string' && value.startsWith(FLOAT_MARK);

// Every long value of a state packed: [[key, value]] -> URLSearchParams.
export async function packParams(entries) {
  const params = new URLSearchParams();
  for (const [key, value] of entries) params.set(key, await packText(String(value)));
  return params;
}

// Every packed value of `params` unpacked; a value that cannot be read is left out and
// reported as "key: why" (the message names the parameter).
export async function unpackParams(params) {
  const out = new URLSearchParams();
  const errors = [];
  for (const [key, value] of params) {
    try {
      out.set(key, await unpackText(value));
    } catch (error) {
      if (!hasMessageCatalog()) await coreCatalog().catch(() => {}); // the words of its code
      errors.push(`${shown(key)}: ${messageOf(error)}`);
    }
  }
  return { params: out, errors };
}
