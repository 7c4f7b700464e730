/**
 * CloudBase's error vocabulary. The real service answers failures with HTTP 200 and a body
 * `{code, message, requestId}`; the SDKs turn a non-empty `code` into their own error, so we do the same.
 */
import { randomUUID } from 'node:crypto';

export const CloudCode = {
  INVALID_PARAM: 'INVALID_PARAM',
  INVALID_ENV: 'INVALID_ENV',
  SYS_ERR: 'SYS_ERR',
  UNSUPPORTED_ACTION: 'UNSUPPORTED_ACTION',
  DATABASE_REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  DATABASE_INVALID_OPERRATOR: 'DATABASE_INVALID_OPERRATOR',
  DATABASE_TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  DATABASE_TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  DATABASE_COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  DATABASE_COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  STORAGE_REQUEST_FAIL: 'STORAGE_REQUEST_FAIL',
  STORAGE_FILE_NONEXIST: 'STORAGE_FILE_NONEXIST',
  STORAGE_EXCEED_AUTHORITY: 'STORAGE_EXCEED_AUTHORITY',
  FUNCTIONS_REQUEST_FAIL: 'FUNCTIONS_REQUEST_FAIL',
  FUNCTION_NOT_FOUND: 'FUNCTION_NOT_FOUND',
  FUNCTIONS_EXECUTE_FAIL: 'FUNCTIONS_EXECUTE_FAIL',
  FUNCTIONS_TIME_LIMIT_EXCEEDED: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
} as const;
export type CloudCode = (typeof CloudCode)[keyof typeof CloudCode];

/**
 * Numeric errCodes as wx-server-sdk and wx.cloud report them (wx-server-sdk's TCB_ERR_CODE table). The
 * transaction codes are not in that table: they get the database family's -502001. FUNCTION_NOT_FOUND gets
 * -501000, what DevTools shows for a function that is not deployed (no published table lists it).
 */
export const WX_ERR_CODE: Record<CloudCode, number> = {
  INVALID_PARAM: -501007,
  INVALID_ENV: -501005,
  SYS_ERR: -501001,
  UNSUPPORTED_ACTION: -501007,
  DATABASE_REQUEST_FAILED: -502001,
  DATABASE_INVALID_OPERRATOR: -502002,
  DATABASE_TRANSACTION_FAIL: -502001,
  DATABASE_TRANSACTION_CONFLICT: -502001,
  DATABASE_COLLECTION_NOT_EXIST: -502005,
  DATABASE_COLLECTION_ALREADY_EXIST: -502001,
  STORAGE_REQUEST_FAIL: -503001,
  STORAGE_FILE_NONEXIST: -503003,
  STORAGE_EXCEED_AUTHORITY: -503002,
  FUNCTIONS_REQUEST_FAIL: -504001,
  FUNCTION_NOT_FOUND: -501000,
  FUNCTIONS_EXECUTE_FAIL: -504002,
  FUNCTIONS_TIME_LIMIT_EXCEEDED: -504003,
};

export interface CloudErrorBody {
  code: CloudCode;
  message: string;
  requestId: string;
}

/** A failure with its CloudBase code; thrown inside handlers, turned into the envelope at the HTTP edge. */
export class CloudError extends Error {
  readonly code: CloudCode;

  constructor(code: CloudCode, message: string) {
    super(message);
    this.name = 'CloudError';
    this.code = code;
  }
}

export function newRequestId(): string {
  return randomUUID().replace(/-/g, '');
}

/** Anything thrown as CloudBase's envelope; unexpected errors become SYS_ERR with their message. */
export function toCloudErrorBody(err: unknown, requestId: string): CloudErrorBody {
  if (err instanceof CloudError) return { code: err.code, message: err.message, requestId };
  const message = err instanceof Error ? err.message : String(err);
  return { code: CloudCode.SYS_ERR, message, requestId };
}

export function invalidParam(message: string): CloudError {
  return new CloudError(CloudCode.INVALID_PARAM, message);
}
