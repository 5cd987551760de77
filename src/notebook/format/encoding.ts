/**
 * Bytes <-> text without loss. UTF-8 is the norm; a file that is not valid UTF-8 is read as
 * Latin-1 (every byte maps to one character) and written back the same way, so it still opens
 * and saves byte for byte instead of having its bytes replaced with U+FFFD.
 */
export type TextEncoding = 'utf8' | 'latin1';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeLab(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf8' };
  } catch {
    // TextDecoder('latin1') is windows-1252 per the Encoding Standard; map bytes 1:1 instead.
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return { text, encoding: 'latin1' };
  }
}

export function encodeLab(text: string, encoding: TextEncoding): Uint8Array {
  // Text typed into a Latin-1 file that Latin-1 cannot hold: UTF-8 keeps it rather than mangling it.
  if (encoding === 'utf8' || /[\u0100-\uffff]/.test(text)) return new TextEncoder().encode(text);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}
