import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { TSmtpOptions } from './platform/mail.js';

const ZConfig = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  /** demo mode: demo accounts with known passwords, SMS codes readable in the outbox, no forced password change */
  DEMO: z.enum(['true', 'false']).default('true'),
  /** run the SLA sweeper in this process (every instance may; SKIP LOCKED keeps it exactly-once) */
  SLA_SWEEPER: z.enum(['true', 'false']).default('true'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  /** outbox: the demo provider (messages land in a table; codes masked outside demo mode); http: a real gateway */
  SMS_PROVIDER: z.enum(['outbox', 'http']).default('outbox'),
  SMS_HTTP_URL: z.string().url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  SMS_HTTP_SIGN: z.string().max(20).optional(),
  SMS_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** e-mail, the second channel for login codes: outbox (demo, like SMS) or smtp (a real server) */
  MAIL_PROVIDER: z.enum(['outbox', 'smtp']).default('outbox'),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** true: TLS from the start (465); false: STARTTLS when offered */
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().default('智旅 Zhilv <no-reply@zhilv.local>'),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /**
   * Proxies whose X-Forwarded-For / -Proto / -Host are believed: a comma list of IPs or CIDRs (e.g. 127.0.0.1 or
   * 10.0.0.0/8). Empty (the default): nobody's — the client address is the TCP peer's, so a made-up header
   * cannot dodge per-address limits or lie in the audit log.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .refine(
      (v) => v.split(',').every((p) => !p.trim() || isIpOrCidr(p.trim())),
      'TRUST_PROXY: IPs or CIDRs, comma-separated',
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  /** 32-byte key (64 hex characters) that encrypts and keys the hashes of visitors' ID numbers */
  PII_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'PII_KEY must be 64 hex characters (32 bytes)')
    .optional(),
  /** the address printed in rating-code QR codes (e.g. https://zhilv.example.cn); unset: the request's own host */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** where photo contents live: in the database (default; every instance and backup sees them) or an S3 store */
  FILES_STORE: z.enum(['database', 's3']).default('database'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY: z.string().optional(),
  S3_SECRET_KEY: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
});

function isIpOrCidr(v: string) {
  const [ip, bits, ...rest] = v.split('/');
  if (rest.length || !isIP(ip)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(ip) === 4 ? 32 : 128));
}

/** Used only when PII_KEY is unset: fine for demo and tests, never for real data (server.ts warns). */
const DEVELOPMENT_PII_KEY = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';

export type TConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  slaSweeper: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  smsProvider: 'outbox' | 'http';
  smsHttp: { url: string; token?: string; sign?: string; timeoutMs: number } | null;
  mailProvider: 'outbox' | 'smtp';
  smtp: TSmtpOptions | null;
  /** addresses of trusted proxies (Fastify's trustProxy list); empty: none */
  trustProxy: string[];
  logLevel: string;
  cookieSecure: 'true' | 'false' | 'auto';
  piiKey: Buffer;
  piiKeyIsDevelopment: boolean;
  publicBaseUrl: string | undefined;
  filesStore: 'database' | 's3';
  s3: { endpoint: string; bucket: string; accessKey: string; secretKey: string; region: string } | null;
};

/** Every setting comes from the environment and is validated once, at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const parsed = ZConfig.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const c = parsed.data;
  const s3Missing = (['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const).filter((k) => !c[k]);
  if (c.FILES_STORE === 's3' && s3Missing.length)
    throw new Error(`Invalid configuration: FILES_STORE=s3 needs ${s3Missing.join(', ')} (S3 存储需要这些设置)`);
  if (c.MAIL_PROVIDER === 'smtp' && !c.SMTP_HOST)
    throw new Error('Invalid configuration: MAIL_PROVIDER=smtp needs SMTP_HOST');
  if (c.SMS_PROVIDER === 'http' && !c.SMS_HTTP_URL)
    throw new Error('Invalid configuration: SMS_PROVIDER=http needs SMS_HTTP_URL');
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL || undefined,
    demo: c.DEMO === 'true',
    slaSweeper: c.SLA_SWEEPER === 'true',
    sessionIdleMs: c.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: c.SESSION_ABSOLUTE_HOURS * 3_600_000,
    smsProvider: c.SMS_PROVIDER,
    smsHttp: c.SMS_HTTP_URL
      ? { url: c.SMS_HTTP_URL, token: c.SMS_HTTP_TOKEN, sign: c.SMS_HTTP_SIGN, timeoutMs: c.SMS_HTTP_TIMEOUT_MS }
      : null,
    mailProvider: c.MAIL_PROVIDER,
    smtp: c.SMTP_HOST
      ? {
          host: c.SMTP_HOST,
          port: c.SMTP_PORT,
          secure: c.SMTP_SECURE === 'true',
          user: c.SMTP_USER,
          password: c.SMTP_PASSWORD,
          from: c.SMTP_FROM,
          timeoutMs: c.SMTP_TIMEOUT_MS,
        }
      : null,
    trustProxy: c.TRUST_PROXY.split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    logLevel: c.LOG_LEVEL,
    cookieSecure: c.COOKIE_SECURE,
    piiKey: Buffer.from(c.PII_KEY ?? DEVELOPMENT_PII_KEY, 'hex'),
    piiKeyIsDevelopment: !c.PII_KEY,
    publicBaseUrl: c.PUBLIC_BASE_URL || undefined,
    filesStore: c.FILES_STORE,
    s3:
      c.FILES_STORE === 's3'
        ? {
            endpoint: c.S3_ENDPOINT!,
            bucket: c.S3_BUCKET!,
            accessKey: c.S3_ACCESS_KEY!,
            secretKey: c.S3_SECRET_KEY!,
            region: c.S3_REGION,
          }
        : null,
  };
}
