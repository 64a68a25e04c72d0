/** Cyrillic + ASCII text → Windows-1251 bytes (А–я are 0xC0–0xFF, Ё/ё 0xA8/0xB8), written out by hand. */
export function encode1251(s: string): Buffer {
  return Buffer.from(Array.from(s, (ch) => {
    const c = ch.charCodeAt(0);
    if (c < 128) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    if (c === 0x401) return 0xa8;
    if (c === 0x451) return 0xb8;
    throw new Error(`not in the test's 1251 table: ${ch}`);
  }));
}
