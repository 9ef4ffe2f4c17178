import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type Config } from '../../src/platform/config';
import type { Database } from '../../src/platform/db/database';
import { buildApp } from '../../src/platform/http/app';
import { version } from '../../src/platform/version';
import { TEST_PASSWORD } from './constants';
import { openTestDatabase } from './test-database';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** Signs a demo user in and returns a client that carries their cookie and CSRF token. */
  signIn(username: string, password?: string): Promise<Client>;
  anonymous: Client;
}

type Body = InjectOptions['payload'];

export interface Client {
  csrfToken: string | null;
  cookie: string | null;
  request(method: InjectOptions['method'], url: string, options?: { body?: Body; headers?: Record<string, string>; csrf?: boolean }): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: Body, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: Body, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export function client(app: FastifyInstance, cookie: string | null = null, csrfToken: string | null = null, bearer?: string): Client {
  const self: Client = {
    cookie,
    csrfToken,
    request: (method, url, options = {}) =>
      app.inject({
        method,
        url,
        payload: options.body,
        headers: {
          ...(self.cookie ? { cookie: self.cookie } : {}),
          ...(self.csrfToken && options.csrf !== false ? { 'x-csrf-token': self.csrfToken } : {}),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...options.headers,
        },
      }),
    get: (url, headers) => self.request('GET', url, { headers }),
    post: (url, body, headers) => self.request('POST', url, { body, headers }),
    patch: (url, body, headers) => self.request('PATCH', url, { body, headers }),
  };
  return self;
}

/** The default configuration, with evidence files in a temporary directory, never in the working tree. */
export function testConfig(overrides: Partial<Config['login']> = {}): Config {
  const base = loadConfig({});
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'probity-attachments-'));
  return { ...base, attachmentsDir, login: { ...base.login, ratePerMinute: 10_000, ...overrides } };
}

export async function startTestApp(overrides: Partial<Config['login']> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = testConfig(overrides);
  // TEST_LOG=1 shows the server's log, e.g. the cause of an unexpected 500.
  const app = await buildApp({ database, config, version }, { logger: process.env.TEST_LOG ? pino({ level: 'error' }) : false });
  await app.ready();
  return {
    app,
    database,
    config,
    anonymous: client(app),
    async signIn(username, password = TEST_PASSWORD) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return client(app, cookie, response.json<{ csrfToken: string }>().csrfToken);
    },
  };
}

/** One app per test file: started before its tests, closed after. */
export function useTestApp(overrides?: Partial<Config['login']>): () => TestApp {
  let testApp: TestApp | undefined;
  beforeAll(async () => {
    testApp = await startTestApp(overrides);
  });
  afterAll(async () => {
    await testApp?.app.close();
    await testApp?.database.close();
    if (testApp) rmSync(testApp.config.attachmentsDir, { recursive: true, force: true });
  });
  return () => testApp!;
}
