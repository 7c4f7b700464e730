/**
 * Who is on the other end of a recorder socket. Teachers are known from the admin session; a student who
 * follows an assignment link gets a signed cookie identity `web_<random>` after giving a name once (signed
 * by @fastify/cookie with the server's configured secret, so every instance reads it). The WebSocket
 * itself carries only a short-lived one-time ticket minted over HTTP, kept in the database so a ticket
 * minted by one instance is redeemed by any other.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { DocStore } from '../../../pipeline/store/types';
import { ADMIN_COLLECTIONS } from '../store/collections';

export const STUDENT_COOKIE = 'recorder_student';
const STUDENT_ID_PATTERN = /^web_[A-Za-z0-9_-]{16,40}$/;

export interface RecorderIdentity {
  ownerId: string;
  role: 'teacher' | 'student';
}

export function newStudentId(): string {
  return `web_${randomBytes(16).toString('base64url')}`;
}

/** The student id of a validly signed student cookie (needs @fastify/cookie registered with a secret). */
export function studentIdFrom(req: FastifyRequest): string | undefined {
  const raw = req.cookies[STUDENT_COOKIE];
  if (!raw) return undefined;
  const { valid, value } = req.unsignCookie(raw);
  return valid && value && STUDENT_ID_PATTERN.test(value) ? value : undefined;
}

interface TicketDoc extends RecorderIdentity {
  _id: string;
  expiresAt: Date;
  /** Incremented atomically by each redeem: only the redeem that makes it 1 gets the identity. */
  uses: number;
}

/** The db keeps only a hash of each ticket, so reading the collection does not yield usable tickets. */
function ticketKey(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}

/** One-time, short-lived tickets that carry an identity from an HTTP request to the WebSocket upgrade. */
export class TicketBook {
  constructor(
    private readonly db: DocStore,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(identity: RecorderIdentity): Promise<string> {
    await this.sweep();
    const ticket = randomBytes(24).toString('base64url');
    const doc: TicketDoc = {
      _id: ticketKey(ticket),
      ownerId: identity.ownerId,
      role: identity.role,
      expiresAt: new Date(this.now() + this.ttlMs),
      uses: 0,
    };
    await this.db.insert(ADMIN_COLLECTIONS.recorderTickets, doc);
    return ticket;
  }

  async redeem(ticket: string | null): Promise<RecorderIdentity | undefined> {
    if (!ticket || ticket.length > 64) return undefined;
    const key = ticketKey(ticket);
    const updated = await this.db.update(ADMIN_COLLECTIONS.recorderTickets, key, {
      uses: this.db.cmd.inc(1),
    });
    if (updated === 0) return undefined;
    const doc = await this.db.get<TicketDoc>(ADMIN_COLLECTIONS.recorderTickets, key);
    await this.db.remove(ADMIN_COLLECTIONS.recorderTickets, key);
    if (!doc || doc.uses !== 1 || new Date(doc.expiresAt).getTime() <= this.now()) return undefined;
    return { ownerId: doc.ownerId, role: doc.role };
  }

  /** Tickets nobody redeemed: dropped a few at a time as new ones are issued. */
  private async sweep(): Promise<void> {
    const expired = await this.db.find<TicketDoc>(
      ADMIN_COLLECTIONS.recorderTickets,
      { expiresAt: this.db.cmd.lte(new Date(this.now())) },
      { limit: 20 },
    );
    for (const doc of expired) await this.db.remove(ADMIN_COLLECTIONS.recorderTickets, doc._id);
  }
}
