import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app';

const testApp = useTestApp({ ratePerMinute: 3 });

describe('sign-in rate limit per client address', () => {
  it('answers 429 RATE_LIMITED past the limit, whatever the username', async () => {
    const { anonymous } = testApp();
    const statuses: number[] = [];
    for (const username of ['a.one', 'b.two', 'c.three', 'd.four']) {
      statuses.push((await anonymous.post('/api/auth/login', { username, password: 'whatever-password' })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await anonymous.post('/api/auth/login', { username: 'e.five', password: 'x' }, { 'accept-language': 'en' });
    expect(limited.json().error).toEqual({ code: 'RATE_LIMITED', message: 'Too many requests; try again later.' });
  });
});
