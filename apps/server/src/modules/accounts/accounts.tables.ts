import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    role: text('role').notNull(),
    username: text('username'),
    /** tourists sign in by phone; staff may have one for notices. Personal data: shown masked. */
    phone: text('phone'),
    /** a tourist who signs in by e-mail code (issue 18: visitors whose phone takes no SMS). Personal data. */
    email: text('email'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    departmentId: uuid('department_id'),
    businessId: uuid('business_id'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    // Failed sign-ins and locks live in login_attempts (per address and per account), not here.
    disabled: boolean('disabled').notNull().default(false),
    totpSecret: text('totp_secret'),
    /**
     * A new or reset account has no password: its holder signs in once with this one-time activation code
     * (SHA-256 of id:code; the code is shown once to the creator) and sets their own password and second factor.
     */
    activationCodeHash: text('activation_code_hash'),
    activationExpiresAt: timestamp('activation_expires_at', { withTimezone: true }),
    /** the second-factor secret offered during activation; becomes totp_secret once a code from it is entered */
    activationTotpSecret: text('activation_totp_secret'),
    consentVersion: text('consent_version'),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username).where(sql`${t.username} is not null`),
    uniqueIndex('users_tourist_phone_uq').on(t.phone).where(sql`${t.role} = 'tourist'`),
    uniqueIndex('users_tourist_email_uq').on(t.email).where(sql`${t.role} = 'tourist' and ${t.email} is not null`),
    index('users_department_idx').on(t.departmentId),
  ],
);

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * One-time codes: 6 digits, stored hashed, bound to the address and purpose, single use, ≤ 10 minutes. `phone`
 * is the address the code went to: a phone number, or an e-mail address (with its @, never equal to a phone).
 */
export const otpCodes = pgTable(
  'otp_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('otp_codes_phone_idx').on(t.phone, t.createdAt)],
);

/**
 * Sign-in attempts still counting against an account: one row per (account, address) pair, and one per account
 * across all addresses (ip = '*'). An attempt is counted here BEFORE its password is compared (see
 * accounts.store countAttempt), so concurrent guesses cannot outrun the limit; a success deletes the rows.
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    userId: uuid('user_id').notNull(),
    ip: text('ip').notNull(),
    failures: integer('failures').notNull().default(0),
    /** how many times this pair (or account) has been locked since its last success: the next lock lasts longer */
    lockLevel: integer('lock_level').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ip] }), index('login_attempts_updated_idx').on(t.updatedAt)],
);
