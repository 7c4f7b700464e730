/** HTTP calls the page makes before its socket opens: a ticket, and the student's one-time identity. */
import { RECORDER_STUDENT_PATH, RECORDER_TICKET_PATH } from '../../../typings/browser-recorder';
import type { Envelope } from '../../../typings/errors';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  const body = (await response.json()) as Envelope<T>;
  if (!body.ok) throw new ApiError(body.error.code, body.error.message);
  return body.data;
}

export async function fetchTicket(): Promise<string> {
  return (await call<{ ticket: string }>(RECORDER_TICKET_PATH)).ticket;
}

export async function registerStudent(name: string, className: string, assignmentId: string): Promise<void> {
  await call(RECORDER_STUDENT_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, className, assignmentId }),
  });
}

/** What the student is asked to record (title and prompt, never the teacher). */
export async function fetchAssignment(assignmentId: string): Promise<{ title: string; prompt: string }> {
  return call(`/record/api/assignment/${encodeURIComponent(assignmentId)}`);
}
