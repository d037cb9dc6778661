/** Builds an unsigned-byte IDX file: big-endian magic (0x0000 08 <dims>), dims, then data. */
export function makeIdx(dims: number[], data: Uint8Array | number[], magic = 0x0800 | dims.length): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  header.setUint32(0, magic, false);
  dims.forEach((dim, i) => header.setUint32(4 + 4 * i, dim, false));
  const bytes = new Uint8Array(header.byteLength + data.length);
  bytes.set(new Uint8Array(header.buffer), 0);
  bytes.set(data, header.byteLength);
  return bytes;
}
