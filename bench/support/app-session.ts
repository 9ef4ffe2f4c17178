// A signed-in user of an in-process app, for benchmarks that go through the API as the web does.
import type { FastifyInstance } from 'fastify';

export async function session(app: FastifyInstance, username: string, password: string) {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (login.statusCode !== 200) throw new Error(`sign-in of ${username}: ${login.statusCode}`);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = login.json<{ csrfToken: string }>().csrfToken;
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers: { cookie, 'x-csrf-token': csrf } }),
  };
}
export type Session = Awaited<ReturnType<typeof session>>;

/** The p-th percentile of sorted values, rounded to hundredths. */
export const percentile = (sorted: readonly number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
