/** The password of every demo user in the test template database. */
export const TEST_PASSWORD = 'probity-test-password';
