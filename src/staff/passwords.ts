/**
 * Staff passwords: hashed with Node's scrypt (memory-hard, nothing to install) and a random salt per
 * password, stored with their cost so it can be raised later without breaking older hashes, and
 * compared in constant time. Server-only.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommended scrypt cost (2^17, 8, 1): about 128 MB and a tenth of a second per hash. */
export const defaultCost: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

/** Long enough to resist guessing without demanding symbols (NCSC: length beats complexity). */
export const minimumPasswordLength = 12;
// scrypt takes any length; a cap keeps a pasted novel from costing the server.
export const maximumPasswordLength = 200;

const keyLength = 32;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MB) is below OWASP's cost.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** What is wrong with a new password, or undefined when it will do. */
export function passwordProblem(password: string): 'too-short' | 'too-long' | undefined {
  const length = [...password.normalize('NFKC')].length;
  if (length < minimumPasswordLength) return 'too-short';
  if (length > maximumPasswordLength) return 'too-long';
  return undefined;
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string, cost: ScryptCost = defaultCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` is the one `stored` was made from; false for a malformed hash, never throws for one. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const cost = { N: Number(N), r: Number(r), p: Number(p) };
  if (!Object.values(cost).every((value) => Number.isInteger(value) && value > 0)) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length !== keyLength) return false;
  const key = await derive(password, Buffer.from(salt, 'base64url'), cost);
  return timingSafeEqual(key, expected);
}

let unknownAccountHash: Promise<string> | undefined;

/** Spends as long as checking a real password, so a reply's timing does not tell whether an account exists. */
export async function verifyAgainstNobody(password: string): Promise<false> {
  unknownAccountHash ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPassword(password, await unknownAccountHash);
  return false;
}
