import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

// Verifying against this when no user exists keeps login timing the same for unknown emails.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$Vb7mm0dUeHGvQ0q0AXkx1E3b2iPSBPkSQTOlYJPLDNc';

@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    // OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  }

  /** Constant-time comparison inside argon2; a missing hash still costs one verification. */
  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      const matches = await argon2.verify(hash ?? DUMMY_HASH, password);
      return matches && hash !== undefined;
    } catch {
      return false;
    }
  }
}
