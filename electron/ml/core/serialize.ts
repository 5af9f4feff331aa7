/**
 * Model artifacts: versioned JSON `{format, kind, version, params, state}`. Large numeric arrays
 * are stored as `{"$f64": "<base64 of little-endian bytes>"}` (also `$f32`, `$i32`, `$u8`, `$u32`) so a
 * model round-trips exactly and compactly. Loading never executes anything from the file: it is
 * JSON.parse plus validation of every field the loader reads.
 */
import { ArtifactError } from './errors.js';

/** Marker of every artifact. */
export const ARTIFACT_FORMAT = 'ciclo-ml';

/** A serialised estimator or transformer. */
export interface Artifact<P = unknown, S = unknown> {
  format: typeof ARTIFACT_FORMAT;
  /** Registry kind. */
  kind: string;
  /** Version of this kind's state layout. */
  version: number;
  params: P;
  state: S;
}

/** A typed array encoded for JSON. */
export type EncodedArray = { $f64: string } | { $f32: string } | { $i32: string } | { $u32: string } | { $u8: string };

/** Builds an artifact. */
export function makeArtifact<P, S>(kind: string, version: number, params: P, state: S): Artifact<P, S> {
  return { format: ARTIFACT_FORMAT, kind, version, params, state };
}

/**
 * Checks the envelope of a value claimed to be an artifact of `kind`, at one of `versions`.
 * Returns it typed; the caller still validates `state` fields as it reads them.
 */
export function checkArtifact(value: unknown, kind: string, versions: readonly number[]): Artifact<Record<string, unknown>, Record<string, unknown>> {
  if (typeof value !== 'object' || value === null) throw new ArtifactError('Model spec is not an object.');
  const a = value as Partial<Artifact>;
  if (a.format !== ARTIFACT_FORMAT) throw new ArtifactError(`Not a Ciclo model spec (format is ${JSON.stringify(a.format)}).`);
  if (a.kind !== kind) throw new ArtifactError(`Expected a ${kind} spec, got ${JSON.stringify(a.kind)}.`);
  if (typeof a.version !== 'number' || !versions.includes(a.version)) {
    throw new ArtifactError(`${kind} spec version ${JSON.stringify(a.version)} is not supported (this Ciclo reads ${versions.join(', ')}).`);
  }
  if (typeof a.params !== 'object' || a.params === null) throw new ArtifactError(`${kind} spec has no params.`);
  if (typeof a.state !== 'object' || a.state === null) throw new ArtifactError(`${kind} spec has no state.`);
  return a as Artifact<Record<string, unknown>, Record<string, unknown>>;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();

/** Base64 of bytes (pure, no Buffer/btoa, so it runs anywhere). */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk += B64[n >>> 18] + B64[(n >>> 12) & 63] + B64[(n >>> 6) & 63] + B64[n & 63];
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    chunk += B64[n >>> 18] + B64[(n >>> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    chunk += B64[n >>> 18] + B64[(n >>> 12) & 63] + B64[(n >>> 6) & 63] + '=';
  }
  parts.push(chunk);
  return parts.join('');
}

/** Bytes of a base64 string; throws ArtifactError on malformed input. */
export function base64ToBytes(s: string): Uint8Array {
  if (s.length % 4 !== 0) throw new ArtifactError('Malformed base64 array in model spec.');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = s.charCodeAt(i + k);
      const v = ch === 61 /* = */ ? 0 : ch < 128 ? B64_INDEX[ch] : -1;
      if (v < 0) throw new ArtifactError('Malformed base64 array in model spec.');
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >>> 16) & 255;
    if (o < out.length) out[o++] = (n >>> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

const IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function bytesOf(a: ArrayBufferView): Uint8Array {
  if (!IS_LITTLE_ENDIAN) throw new ArtifactError('Big-endian platforms are not supported.');
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Encodes a typed array for an artifact. */
export function encodeArray(a: Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array): EncodedArray {
  const b64 = bytesToBase64(bytesOf(a));
  if (a instanceof Float64Array) return { $f64: b64 };
  if (a instanceof Float32Array) return { $f32: b64 };
  if (a instanceof Int32Array) return { $i32: b64 };
  if (a instanceof Uint32Array) return { $u32: b64 };
  return { $u8: b64 };
}

function decodeBytes(value: unknown, tag: string, width: number, what: string): ArrayBuffer {
  if (typeof value !== 'object' || value === null || typeof (value as Record<string, unknown>)[tag] !== 'string') {
    throw new ArtifactError(`Model spec field ${what} is not an encoded ${tag.slice(1)} array.`);
  }
  const bytes = base64ToBytes((value as Record<string, string>)[tag]);
  if (bytes.length % width !== 0) throw new ArtifactError(`Model spec field ${what} has a truncated array.`);
  return bytes.slice().buffer;
}

/** Decodes a `$f64` array; `what` names the field in errors. */
export function decodeF64(value: unknown, what: string): Float64Array {
  return new Float64Array(decodeBytes(value, '$f64', 8, what));
}
/** Decodes a `$f32` array. */
export function decodeF32(value: unknown, what: string): Float32Array {
  return new Float32Array(decodeBytes(value, '$f32', 4, what));
}
/** Decodes a `$i32` array. */
export function decodeI32(value: unknown, what: string): Int32Array {
  return new Int32Array(decodeBytes(value, '$i32', 4, what));
}
/** Decodes a `$u32` array. */
export function decodeU32(value: unknown, what: string): Uint32Array {
  return new Uint32Array(decodeBytes(value, '$u32', 4, what));
}
/** Decodes a `$u8` array. */
export function decodeU8(value: unknown, what: string): Uint8Array {
  return new Uint8Array(decodeBytes(value, '$u8', 1, what));
}

/** Reads a finite number field of a spec, or throws naming it. */
export function readNumber(obj: Record<string, unknown>, key: string, what: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ArtifactError(`Model spec field ${what}.${key} must be a finite number.`);
  return v;
}

/** Reads an array-of-numbers field of a spec, or throws naming it. */
export function readNumberArray(obj: Record<string, unknown>, key: string, what: string): number[] {
  const v = obj[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new ArtifactError(`Model spec field ${what}.${key} must be an array of numbers.`);
  }
  return v as number[];
}

/** Reads a string-array field of a spec, or throws naming it. */
export function readStringArray(obj: Record<string, unknown>, key: string, what: string): string[] {
  const v = obj[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw new ArtifactError(`Model spec field ${what}.${key} must be an array of strings.`);
  }
  return v as string[];
}
