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
  openid?: string;
  profile?: StudentProfile;
}

/**
 * Who is recording. The openid (from the `whoami` cloud function) only builds this phone's storage paths
 * (`recordings/{openid}/...`); every cloud function still takes identity from getWXContext and refuses
 * paths that are not the caller's. Both it and the profile are cached, so each is asked for once.
 */
export class StudentIdentity {
  private cached: StoredIdentity;
  private asking: Promise<string> | undefined;

  constructor(
    private readonly cloud: CloudPort,
    private readonly storage: StoragePort,
  ) {
    this.cached = readStored(storage.get(IDENTITY_KEY));
  }

  async openid(): Promise<string> {
    if (this.cached.openid) return this.cached.openid;
    // One question in flight at a time: the launch prefetch and the first upload share it.
    this.asking ??= this.askOpenid().finally(() => (this.asking = undefined));
    return this.asking;
  }

  /** The name and class, or null when the student has not given them yet. */
  async profile(): Promise<StudentProfile | null> {
    if (this.cached.profile) return this.cached.profile;
    const { profile } = await callEnvelope<GetStudentProfileResponse>(this.cloud, 'getStudentProfile', {});
    if (profile) this.store({ profile });
    return profile;
  }

  async saveProfile(name: string, className: string): Promise<StudentProfile> {
    const request: SaveStudentProfileRequest = {
      name: requireField(name, 'name'),
      className: requireField(className, 'className'),
    };
    const saved = await callEnvelope<StudentProfile>(this.cloud, 'saveStudentProfile', request);
    const profile = { name: saved.name, className: saved.className };
    this.store({ profile });
    return profile;
  }

  private async askOpenid(): Promise<string> {
    const { openid } = await callEnvelope<CallerIdentity>(this.cloud, 'whoami', {});
    if (typeof openid !== 'string' || openid === '') {
      throw new RecorderError('UNAUTHENTICATED', 'whoami did not say who this student is');
    }
    this.store({ openid });
    return openid;
  }

  private store(change: StoredIdentity): void {
    const next = { ...this.cached, ...change };
    this.storage.set(IDENTITY_KEY, JSON.stringify(next));
    this.cached = next;
  }
}

function requireField(value: string, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text || text.length > MAX_FIELD) {
    throw new RecorderError('INVALID_ARGUMENT', `${field} must be 1–${MAX_FIELD} characters`);
  }
  return text;
}

function readStored(raw: string | undefined): StoredIdentity {
  if (!raw) return {};
  try {
    const value = JSON.parse(raw) as StoredIdentity;
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}
