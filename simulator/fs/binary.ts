/** Realm-safe checks and copies: under jest the app's ArrayBuffer is not Node's ArrayBuffer. */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/** A copy of `bytes` in an ArrayBuffer of this realm, as wx hands binary data to the app. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

export function fromArrayBuffer(buffer: ArrayBuffer): Buffer {
  return Buffer.from(new Uint8Array(buffer));
}
