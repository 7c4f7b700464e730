/**
 * Who is on the other end of a recorder socket. Teachers are known from the admin session; a student who
 * follows an assignment link gets a signed cookie identity `web_<random>` after giving a name once. The
 * WebSocket itself carries only a short-lived one-time ticket minted over HTTP, so the socket never sees
 * (or needs to parse) the admin session cookie.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const STUDENT_COOKIE = 'recorder_student';
const STUDENT_ID_PATTERN = /^web_[A-Za-z0-9_-]{16,40}$/;

export interface RecorderIdentity {
  ownerId: string;
  role: 'teacher' | 'student';
}

export function newStudentId(): string {
  return `web_${randomBytes(16).toString('base64url')}`;
}

export class CookieSigner {
  constructor(private readonly secret: Buffer) {}

  sign(value: string): string {
    return `${value}.${this.mac(value)}`;
  }

  /** The signed value, or undefined when the signature does not match. */
  verify(signed: string | undefined): string | undefined {
    if (!signed) return undefined;
    const dot = signed.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const value = signed.slice(0, dot);
    const given = Buffer.from(signed.slice(dot + 1));
    const expected = Buffer.from(this.mac(value));
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
  }

  studentIdFrom(cookieHeader: string | undefined): string | undefined {
    const id = this.verify(readCookie(cookieHeader, STUDENT_COOKIE));
    return id && STUDENT_ID_PATTERN.test(id) ? id : undefined;
  }

  private mac(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url');
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** One-time, short-lived tickets that carry an identity from an HTTP request to the WebSocket upgrade. */
export class TicketBook {
  private readonly tickets = new Map<string, { identity: RecorderIdentity; expiresAt: number }>();

  constructor(private readonly ttlMs: number) {}

  issue(identity: RecorderIdentity): string {
    this.sweep();
    const ticket = randomBytes(24).toString('base64url');
    this.tickets.set(ticket, { identity, expiresAt: Date.now() + this.ttlMs });
    return ticket;
  }

  redeem(ticket: string | null): RecorderIdentity | undefined {
    if (!ticket) return undefined;
    const entry = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    return entry && entry.expiresAt > Date.now() ? entry.identity : undefined;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [ticket, entry] of this.tickets) if (entry.expiresAt <= now) this.tickets.delete(ticket);
  }
}
