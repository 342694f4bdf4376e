/**
 * Rules shared by every decoder and encoder of the codec layer (spec/encoding.md §2).
 */

/** Keys refused in every object and map: they reach or shadow prototype machinery in JS. */
export function isForbiddenKey(key: string): boolean {
  const n = key.length;
  if (n !== 9 && n !== 11) return false;
  return key === "__proto__" || key === "prototype" || key === "constructor";
}

/**
 * The UTF-8 length of a JS string, computed only as far as needed to compare it with `max`:
 * true when the UTF-8 form is longer than `max` bytes. Lone surrogates count 3 bytes (callers
 * reject them separately).
 */
export function utf8LongerThan(text: string, max: number): boolean {
  const units = text.length;
  if (units > max) return true; // UTF-8 never has fewer bytes than UTF-16 has units
  if (units * 3 <= max) return false; // nor more than three bytes per unit
  let bytes = 0;
  for (let i = 0; i < units; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < units) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
    if (bytes > max) return true;
  }
  return false;
}
