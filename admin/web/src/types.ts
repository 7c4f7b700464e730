/** What the admin API answers, as the page uses it (dates arrive as ISO strings). */
export interface Assignment {
  _id: string;
  title: string;
  prompt: string;
  maxDurationSec: number;
  dueAt?: string;
  createdAt: string;
  miniProgramPath: string;
  qrCodeUrl: string;
}

export interface Review {
  status: 'needs_review' | 'reviewed';
  score?: number;
  comment?: string;
  reviewedAt?: string;
}

export interface Recording {
  _id: string;
  _openid: string;
  source: string;
  assignmentId?: string;
  status: string;
  segmentCount: number;
  durationMs: number;
  sampleRate: number;
  channels: number;
  fullMp3FileID?: string;
  missingSeqs?: number[];
  review?: Review;
  createdAt: string;
  studentName?: string;
  className?: string;
  assignmentTitle?: string;
}

export interface Segment {
  _id: string;
  seq: number;
  durationMs: number;
  status: string;
  mp3FileID?: string;
  error?: { code: string; message: string };
}

export interface RecordingDetail {
  recording: Recording;
  assignment?: Assignment;
  student?: { name: string; className: string };
  segments: Segment[];
}

export interface ShareLink {
  id: string;
  token: string;
  expiresAt: string;
  revokedAt?: string;
}
