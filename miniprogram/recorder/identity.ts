import type {
  GetStudentProfileResponse,
  SaveStudentProfileRequest,
  StudentProfile,
} from '../../typings/functions';
import type { CallerIdentity } from '../../typings/identity';
import { callEnvelope } from './cloud-api';
import { RecorderError } from './errors';
import type { CloudPort, StoragePort } from './port';

const IDENTITY_KEY = 'recorder.identity.v1';
const MAX_FIELD = 40;

interface StoredIdentity {
  openid: string;
  profile: StudentProfile | null;
}

type ProfileAnswer = GetStudentProfileResponse & CallerIdentity;

/**
 * Who is recording. The openid is only used to build this phone's storage paths
 * (`recordings/{openid}/...`); every cloud function still takes identity from getWXContext and refuses
 * paths that are not the caller's. It comes from `getStudentProfile`, which the record page calls anyway
 * to learn whether the name and class were already given, and is cached with the profile.
 */
export class StudentIdentity {
  private cached: StoredIdentity | undefined;

  constructor(
    private readonly cloud: CloudPort,
    private readonly storage: StoragePort,
  ) {
    this.cached = readStored(storage.get(IDENTITY_KEY));
  }

  async openid(): Promise<string> {
    return (await this.load()).openid;
  }

  /** The name and class, or null when the student has not given them yet. */
  async profile(): Promise<StudentProfile | null> {
    return (await this.load()).profile;
  }

  async saveProfile(name: string, className: string): Promise<StudentProfile> {
    const request: SaveStudentProfileRequest = {
      name: requireField(name, 'name'),
      className: requireField(className, 'className'),
    };
    const openid = await this.openid();
    const profile = await callEnvelope<StudentProfile>(this.cloud, 'saveStudentProfile', request);
    this.store({ openid, profile: { name: profile.name, className: profile.className } });
    return profile;
  }

  private async load(): Promise<StoredIdentity> {
    if (this.cached) return this.cached;
    const answer = await callEnvelope<ProfileAnswer>(this.cloud, 'getStudentProfile', {});
    if (typeof answer.openid !== 'string' || answer.openid === '') {
      throw new RecorderError('UNAUTHENTICATED', 'getStudentProfile did not say who this student is');
    }
    return this.store({ openid: answer.openid, profile: answer.profile });
  }

  private store(identity: StoredIdentity): StoredIdentity {
    this.storage.set(IDENTITY_KEY, JSON.stringify(identity));
    this.cached = identity;
    return identity;
  }
}

function requireField(value: string, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text || text.length > MAX_FIELD) {
    throw new RecorderError('INVALID_ARGUMENT', `${field} must be 1–${MAX_FIELD} characters`);
  }
  return text;
}

function readStored(raw: string | undefined): StoredIdentity | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as StoredIdentity;
    return typeof value.openid === 'string' && value.openid ? value : undefined;
  } catch {
    return undefined;
  }
}
