export const MIN_PASSWORD_LENGTH = 10;

/** A password is acceptable when long enough and not the username itself. */
export function isAcceptablePassword(password: string, username: string): boolean {
  return [...password].length >= MIN_PASSWORD_LENGTH && password.trim().toLowerCase() !== username.trim().toLowerCase();
}
