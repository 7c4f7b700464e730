/**
 * File and folder names for zips, safe when unpacked on Windows, macOS and Linux: no path separators or
 * characters Windows forbids, no C0/C1 control characters, no bidirectional or zero-width controls
 * (a right-to-left override can disguise `3pm.exe` as `exe.mp3`), no Windows device names (`CON`,
 * `COM1.mp3`), no leading dot (hidden, or `..`), no trailing dot or space (Windows drops them).
 */
// Control characters are the whole point of this pattern.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f]/gu;
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/iu;
const MAX_CHARS = 60;

export function safeFileName(text: string): string {
  let name = text.normalize('NFC').replace(INVISIBLE, '').replace(FORBIDDEN, '_');
  name = [...name].slice(0, MAX_CHARS).join('');
  name = name.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  return name || '_';
}
