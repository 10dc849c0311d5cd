/**
 * The second factor's rules: codes from an authenticator app (TOTP, RFC 6238, with otpauth: six
 * digits every 30 seconds, SHA-1, as every app supports), one-time recovery codes for a lost phone,
 * and who must have one (STAFF_REQUIRE_2FA). Pure apart from the random secrets it makes.
 */
import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { StaffRole } from './roles';

const period = 30;

function totp(secret: string, label = ''): TOTP {
  return new TOTP({ issuer: '', label, algorithm: 'SHA1', digits: 6, period, secret: Secret.fromBase32(secret) });
}

/** A new shared secret for an app: 160 random bits in base32, as RFC 4226 recommends. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// address an app reads from the QR code: the site's name as issuer, the email as label. */
export function totpAddress(secret: string, issuer: string, email: string): string {
  return new TOTP({ issuer, label: email, algorithm: 'SHA1', digits: 6, period, secret: Secret.fromBase32(secret) }).toString();
}

/** The secret as people type it into an app by hand: groups of four. */
export const spacedSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** What someone typed as an app's code, without spaces; undefined if it is not six digits. */
export function appCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : undefined;
}

/**
 * The 30-second step a code belongs to, if it is right at `now` or one step either side (a phone's
 * clock a little out); the caller refuses a step already used, so a code works once.
 */
export function matchingStep(secret: string, code: string, now: Date): number | undefined {
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? undefined : Math.floor(now.getTime() / 1000 / period) + delta;
}

/** The code an app shows at `now`, for tests and the command line. */
export const currentCode = (secret: string, now = new Date()): string => totp(secret).generate({ timestamp: now.getTime() });

// No 0/O, 1/I/L: read off paper and typed again.
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
export const recoveryCodeCount = 10;

/** Ten new recovery codes, `xxxxx-xxxxx` (about 49 bits each: guessing one is hopeless within the throttle). */
export function newRecoveryCodes(): string[] {
  const code = () => Array.from({ length: 10 }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]).join('');
  return Array.from({ length: recoveryCodeCount }, () => code().replace(/^(.{5})/, '$1-'));
}

/** A recovery code as typed, in the form that is hashed: lower case, no spaces or hyphens; undefined if it cannot be one. */
export function recoveryCode(typed: string): string | undefined {
  const code = typed.toLowerCase().replace(/[\s-]/g, '');
  return code.length === 10 && [...code].every((character) => recoveryAlphabet.includes(character)) ? code : undefined;
}

/** What is kept of a recovery code: its SHA-256 (the code is random enough that no slow hash is needed). */
export const recoveryCodeHash = (code: string): string => createHash('sha256').update(recoveryCode(code) ?? code).digest('base64url');

/** STAFF_REQUIRE_2FA: nobody is made to (off, the default), administrators, or everyone. */
export type TwoFactorRequirement = 'off' | 'admins' | 'all';

export function readTwoFactorRequirement(value: string | undefined): TwoFactorRequirement {
  const setting = (value ?? '').trim().toLowerCase();
  if (setting === '' || setting === 'off') return 'off';
  if (setting === 'admins' || setting === 'all') return setting;
  throw new Error(`STAFF_REQUIRE_2FA must be off, admins or all, not ${JSON.stringify(value)}`);
}

/** Whether an account with this role must have a second factor before using the console. */
export function secondFactorRequired(role: StaffRole, requirement: TwoFactorRequirement): boolean {
  return requirement === 'all' || (requirement === 'admins' && role === 'admin');
}
