import { z } from 'zod';

/** At least 12 characters: long passphrases beat composition rules (NIST SP 800-63B). */
export const Password = z.string().min(12, 'Use at least 12 characters').max(256);
