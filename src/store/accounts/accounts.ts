import { isUniqueViolation, type Database } from '../../db/index.js';
import { BusyError } from '../../shared/index.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password-hash.js';
import { LoginThrottle } from './login-throttle.js';

export interface Customer {
  readonly id: number;
  readonly email: string;
  readonly name: string;
}

export type RegisterOutcome =
  | { readonly kind: 'registered'; readonly customer: Customer }
  | { readonly kind: 'invalid'; readonly problems: Readonly<Record<string, string>> }
  | { readonly kind: 'email-taken' };

/** One answer for a wrong password and an unknown email, so accounts cannot be discovered. */
export type LoginOutcome =
  | { readonly kind: 'logged-in'; readonly customer: Customer }
  | { readonly kind: 'refused' }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const MIN_PASSWORD = 10;
const MAX_PASSWORD = 200;

/** Customers: registration, logging in (throttled per account and per address), lookup. */
export class Accounts {
  readonly #database: Database;
  readonly #throttle = new LoginThrottle();

  constructor(database: Database) {
    this.#database = database;
  }

  async register(input: {
    email: string;
    name: string;
    password: string;
  }): Promise<RegisterOutcome> {
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    const problems: Record<string, string> = {};
    if (!EMAIL.test(email)) problems['email'] = 'Enter an email address such as ada@example.com.';
    if (name.length === 0 || name.length > 100)
      problems['name'] = 'Enter your name (up to 100 characters).';
    if (input.password.length < MIN_PASSWORD || input.password.length > MAX_PASSWORD) {
      problems['password'] = `Choose a password of ${MIN_PASSWORD} to ${MAX_PASSWORD} characters.`;
    }
    if (Object.keys(problems).length > 0) return { kind: 'invalid', problems };
    const passwordHash = await hashPassword(input.password);
    try {
      const row = await this.#database.db
        .insertInto('customers')
        .values({ email, name, password_hash: passwordHash, created_at: Date.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { kind: 'registered', customer: { id: row.id, email, name } };
    } catch (error) {
      if (isUniqueViolation(error)) return { kind: 'email-taken' };
      throw error;
    }
  }

  async logIn(input: { email: string; password: string; address: string }): Promise<LoginOutcome> {
    const email = input.email.trim().toLowerCase();
    const keys = [`account:${email}`, `address:${input.address}`];
    const wait = this.#throttle.retryAfter(keys);
    if (wait > 0) return { kind: 'throttled', retryAfterSeconds: wait };
    const row = await this.#database.db
      .selectFrom('customers')
      .select(['id', 'email', 'name', 'password_hash'])
      .where('email', '=', email)
      .executeTakeFirst();
    // Verify even when the email is unknown, so the answer takes as long either way.
    const matches = await verifyPassword(
      input.password.slice(0, MAX_PASSWORD),
      row?.password_hash ?? (await decoyHash()),
    );
    if (!row || !matches) {
      this.#throttle.fail(keys);
      return { kind: 'refused' };
    }
    this.#throttle.succeed([`account:${email}`]);
    if (needsRehash(row.password_hash))
      await this.#rehash(row.id, row.password_hash, input.password);
    return { kind: 'logged-in', customer: { id: row.id, email: row.email, name: row.name } };
  }

  /**
   * Stores the password hashed at today's costs in place of an older hash (scrypt before
   * argon2id), now that the password is known. Only if the stored hash is still the one
   * verified; a busy hashing thread leaves it for a later login.
   */
  async #rehash(id: number, old: string, password: string): Promise<void> {
    let fresh: string;
    try {
      fresh = await hashPassword(password.slice(0, MAX_PASSWORD));
    } catch (error) {
      if (error instanceof BusyError) return;
      throw error;
    }
    await this.#database.db
      .updateTable('customers')
      .set({ password_hash: fresh })
      .where('id', '=', id)
      .where('password_hash', '=', old)
      .execute();
  }

  async byId(id: number): Promise<Customer | undefined> {
    return this.#database.db
      .selectFrom('customers')
      .select(['id', 'email', 'name'])
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
