import { AppError, ErrorCode } from '../../typings/errors';

/**
 * The phone's uplink: a bandwidth and a round-trip time. Requests share the link in order, so two
 * uploads at once each take longer, as on a real radio link. Replies (downlink) are not throttled.
 */
export interface LinkProfile {
  name: string;
  /** Uplink bandwidth, bits per second. */
  upBitsPerSecond: number;
  /** Round trip: half before the request reaches the server, half for the reply to come back. */
  rttMs: number;
}

/** Typical mobile uplinks (see README "Facts checked": a 4G-like and a 3G-like link). */
export const NETWORK_PROFILES = {
  '4g': { name: '4g', upBitsPerSecond: 8_000_000, rttMs: 60 },
  '3g': { name: '3g', upBitsPerSecond: 1_000_000, rttMs: 150 },
} as const satisfies Record<string, LinkProfile>;

export type ProfileName = keyof typeof NETWORK_PROFILES;

export class Uplink {
  private profile: LinkProfile | null = null;
  private busyUntil = 0;

  /** `null` (default) is an ideal link: no delay at all. */
  set(profile: ProfileName | LinkProfile | null): void {
    if (profile !== null && typeof profile !== 'string') checkProfile(profile);
    this.profile = typeof profile === 'string' ? NETWORK_PROFILES[profile] : profile;
    this.busyUntil = 0;
  }

  get current(): LinkProfile | null {
    return this.profile;
  }

  /** Wall ms until a request of `bytes` has reached the server: queue + transmission + half the RTT. */
  sendDelayMs(bytes: number, now = Date.now()): number {
    if (!this.profile) return 0;
    const start = Math.max(now, this.busyUntil);
    this.busyUntil = start + (bytes * 8 * 1000) / this.profile.upBitsPerSecond;
    return this.busyUntil - now + this.profile.rttMs / 2;
  }

  /** Wall ms for the reply to come back. */
  replyDelayMs(): number {
    return this.profile ? this.profile.rttMs / 2 : 0;
  }
}

function checkProfile(profile: LinkProfile): void {
  if (!(profile.upBitsPerSecond > 0) || !(profile.rttMs >= 0)) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      `network profile ${profile.name}: upBitsPerSecond must be > 0 and rttMs >= 0`,
    );
  }
}
