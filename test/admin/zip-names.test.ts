/** Student names become zip folder names: names built to attack the teacher's computer come out harmless. */
import { safeFileName } from '../../admin/server/media/safe-name';

test.each([
  ['C1 control characters', 'Li\u0085Lei\u009b', 'Li_Lei_'],
  ['a right-to-left override disguising an extension', 'evil\u202egpm.exe', 'evilgpm.exe'],
  ['zero-width and bidi isolates', 'Han\u200bMei\u2066mei\u2069', 'HanMeimei'],
  ['the Windows device name CON', 'CON', '_CON'],
  ['a device name with an extension', 'com1.mp3', '_com1.mp3'],
  ['path traversal', '../../etc/passwd', '_.._etc_passwd'],
  ['a leading dot (hidden) and trailing dots and spaces', '.hidden name. . ', 'hidden name'],
  ['characters Windows forbids', 'a<b>c:d"e|f?g*h', 'a_b_c_d_e_f_g_h'],
  ['nothing left', '\u202e\u200b', '_'],
])('%s come out as a harmless folder name', (_what, name, expected) => {
  expect(safeFileName(name)).toBe(expected);
});

test('a long name is cut at 60 characters without splitting one', () => {
  // The 60th character is an emoji (two UTF-16 units), so a cut by code units would halve it.
  const name = safeFileName('学'.repeat(59) + '😀' + '学');
  expect([...name]).toHaveLength(60);
  expect(name).toBe('学'.repeat(59) + '😀');
  expect(name).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u);
});

test('a decomposed name is stored composed, as macOS shows it', () => {
  expect(safeFileName('Zoe\u0301')).toBe('Zoé');
});
