import { join, resolve } from 'node:path';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  PORT: positiveInt(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  PROBITY_DATA_DIR: z.string().default('./data'),
  /** Where evidence files are kept; under the data directory unless set. */
  PROBITY_ATTACHMENTS_DIR: z.string().optional(),
  PROBITY_DEMO_PASSWORD: z.string().min(1).optional(),
  PROBITY_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  /** false: serve only the API (e.g. behind a separate static host); the web app is then never built. */
  PROBITY_SERVE_WEB: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: positiveInt(8 * 60),
  SESSION_MAX_HOURS: positiveInt(7 * 24),
  /** Set to true when served over HTTPS so the session cookie is marked Secure. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  LOGIN_MAX_FAILURES: positiveInt(5),
  LOGIN_LOCK_MINUTES: positiveInt(15),
  /** Sign-in attempts allowed per client address per minute (per server process). */
  LOGIN_RATE_PER_MINUTE: positiveInt(30),
  /** Largest import file accepted (API upload and CLI), in MiB. */
  PROBITY_IMPORT_MAX_MB: positiveInt(50),
  /** e.g. smtp://user:pass@host:587; without it notification mail is written to the log. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Probity <no-reply@probity.local>'),
  /** false: this server runs no background jobs (reminders, notification mail), e.g. when another process does. */
  PROBITY_JOBS: z.enum(['true', 'false']).default('true'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  attachmentsDir: string;
  demoPassword: string | undefined;
  seedDemo: boolean;
  serveWeb: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  session: { idleMinutes: number; maxHours: number; secureCookie: boolean };
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  importMaxMb: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  jobs: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.PROBITY_DATA_DIR),
    attachmentsDir: resolve(e.PROBITY_ATTACHMENTS_DIR ?? join(e.PROBITY_DATA_DIR, 'attachments')),
    demoPassword: e.PROBITY_DEMO_PASSWORD,
    seedDemo: e.PROBITY_SEED_DEMO === 'true',
    serveWeb: e.PROBITY_SERVE_WEB === 'true',
    logLevel: e.LOG_LEVEL,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS, secureCookie: e.COOKIE_SECURE === 'true' },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES, ratePerMinute: e.LOGIN_RATE_PER_MINUTE },
    importMaxMb: e.PROBITY_IMPORT_MAX_MB,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    jobs: e.PROBITY_JOBS === 'true',
  };
}
