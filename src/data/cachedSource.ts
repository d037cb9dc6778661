import type { ReadMnistFile } from './mnist.ts';

/** Reads each file once: a new search with other limits reuses the bytes already fetched. */
export function cachedSource(read: ReadMnistFile): ReadMnistFile {
  const cache = new Map<string, Promise<Uint8Array>>();
  return (fileName) => {
    let bytes = cache.get(fileName);
    if (!bytes) {
      bytes = read(fileName);
      bytes.catch(() => cache.delete(fileName));
      cache.set(fileName, bytes);
    }
    return bytes;
  };
}
