import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, bytesToHex, hexToBytes } from './base64.ts';
import {
  createLibraryKey,
  decryptRevision,
  DecryptionError,
  encryptRevision,
  importLibraryKey,
  IV_BYTES,
  openBytes,
  revisionAad,
  sealBytes,
} from './crypto.ts';

// NIST GCM test vectors (McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 14
// and 16: AES-256).
const TC14 = {
  key: '00'.repeat(32),
  iv: '00'.repeat(12),
  aad: '',
  plaintext: '00'.repeat(16),
  ciphertext: 'cea7403d4d606b6e074ec5d3baf39d18',
  tag: 'd0d1c8a799996bf0265b98b5d48ab919',
};
const TC16 = {
  key: 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308',
  iv: 'cafebabefacedbaddecaf888',
  aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
  plaintext:
    'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
  ciphertext:
    '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
  tag: '76fc6ece0f4e1768cddf8853bb2d551b',
};

const ids = { libraryId: 'lib-1', entryId: 'entry-1', revId: 'rev-1' };

describe('revision encryption', () => {
  it.each([
    ['14', TC14],
    ['16', TC16],
  ])('SYNC-17: matches NIST GCM test case %s', async (_name, vector) => {
    const key = await importLibraryKey(hexToBytes(vector.key));
    const sealed = await sealBytes(
      key,
      hexToBytes(vector.iv),
      hexToBytes(vector.aad),
      hexToBytes(vector.plaintext),
    );
    expect(bytesToHex(sealed)).toBe(vector.iv + vector.ciphertext + vector.tag);
    const opened = await openBytes(key, sealed, hexToBytes(vector.aad));
    expect(bytesToHex(opened)).toBe(vector.plaintext);
  });

  it('SYNC-17: our envelope with the NIST key and IV equals an independent AES-GCM (node:crypto)', async () => {
    const plaintext = '{"v":1,"text":"外婆的院子 grandmother’s garden"}';
    const aad = revisionAad(ids);
    const key = await importLibraryKey(hexToBytes(TC16.key));
    const sealed = await sealBytes(
      key,
      hexToBytes(TC16.iv),
      aad,
      new Uint8Array(new TextEncoder().encode(plaintext)),
    );
    const cipher = createCipheriv('aes-256-gcm', hexToBytes(TC16.key), hexToBytes(TC16.iv));
    cipher.setAAD(aad);
    const body = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    expect(bytesToHex(sealed)).toBe(TC16.iv + body.toString('hex'));
    expect(await decryptRevision(key, ids, bytesToBase64(sealed))).toBe(plaintext);
  });

  it('SYNC-17: round-trips, and the key in daily use is not extractable', async () => {
    const generated = await createLibraryKey();
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', generated));
    const key = await importLibraryKey(raw);
    expect(key.extractable).toBe(false);
    const { ciphertext, size } = await encryptRevision(key, ids, 'hello 你好');
    expect(size).toBe(base64ToBytes(ciphertext).length);
    expect(size).toBe(IV_BYTES + new TextEncoder().encode('hello 你好').length + 16);
    expect(await decryptRevision(key, ids, ciphertext)).toBe('hello 你好');
  });

  it('SYNC-17: tampering with ciphertext, tag, IV or associated data fails loudly', async () => {
    const key = await importLibraryKey(crypto.getRandomValues(new Uint8Array(32)));
    const { ciphertext } = await encryptRevision(key, ids, 'a memory');
    const flip = (index: number) => {
      const bytes = base64ToBytes(ciphertext);
      bytes[index] = (bytes[index] as number) ^ 1;
      return bytesToBase64(bytes);
    };
    const length = base64ToBytes(ciphertext).length;
    for (const index of [0, IV_BYTES - 1, IV_BYTES, length - 17, length - 1]) {
      await expect(decryptRevision(key, ids, flip(index))).rejects.toThrow(DecryptionError);
    }
    for (const other of [
      { ...ids, revId: 'rev-2' },
      { ...ids, entryId: 'entry-2' },
      { ...ids, libraryId: 'lib-2' },
    ]) {
      await expect(decryptRevision(key, other, ciphertext)).rejects.toThrow(DecryptionError);
    }
    const wrongKey = await importLibraryKey(crypto.getRandomValues(new Uint8Array(32)));
    await expect(decryptRevision(wrongKey, ids, ciphertext)).rejects.toThrow(DecryptionError);
    await expect(decryptRevision(key, ids, ciphertext.slice(0, 20))).rejects.toThrow(
      DecryptionError,
    );
  });

  it('SYNC-17: associated data cannot be shifted between fields', () => {
    const a = revisionAad({ libraryId: 'ab', entryId: 'c', revId: 'd' });
    const b = revisionAad({ libraryId: 'a', entryId: 'bc', revId: 'd' });
    expect(bytesToHex(a)).not.toBe(bytesToHex(b));
  });

  it('SYNC-17: no IV repeats across 100,000 encryptions', async () => {
    const key = await importLibraryKey(crypto.getRandomValues(new Uint8Array(32)));
    const ivs = new Set<string>();
    for (let batch = 0; batch < 100; batch += 1) {
      const sealed = await Promise.all(
        Array.from({ length: 1000 }, () => encryptRevision(key, ids, 'x')),
      );
      for (const { ciphertext } of sealed) ivs.add(ciphertext.slice(0, 16));
    }
    expect(ivs.size).toBe(100_000);
  }, 60_000);
});
