/**
 * What a new teacher password must be: at least 10 characters, and not one of the ~49,000 most common
 * passwords (the `passwords-common` list of @zxcvbn-ts/language-common, compared case-insensitively).
 * Length and a blocklist, not composition rules, as NIST SP 800-63B §5.1.1.2 recommends.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError, ErrorCode } from '../../../typings/errors';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

export function checkPasswordPolicy(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      `password: ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
    );
  }
  if (commonPasswords().has(password.toLowerCase())) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      'password: this is one of the most common passwords; choose another',
    );
  }
}
