import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane); @node-rs/argon2 defaults to id.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, options);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** A hash to verify against when the e-mail is unknown, so timing does not reveal which accounts exist. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('kindred-timing-equaliser');
  return dummy;
}
