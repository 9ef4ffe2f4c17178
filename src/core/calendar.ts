// The firm's calendar day. The firm works in China (UTC+8 all year, no daylight saving), so a day
// is the UTC date eight hours on; dates are YYYY-MM-DD strings everywhere.
export const chinaToday = (now: Date = new Date()): string => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
