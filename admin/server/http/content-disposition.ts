/**
 * `Content-Disposition: attachment` for any file name. Header values must be Latin-1, so the real
 * (possibly Chinese) name goes in RFC 5987 `filename*`, with an ASCII fallback for old clients.
 */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
