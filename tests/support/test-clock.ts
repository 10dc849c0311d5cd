/**
 * Imported first by the Playwright configs: the tests, and the servers they start, may take the day
 * from HUB_TODAY (src/rules/clock.ts), which is honoured only with HUB_TEST=1 (or NODE_ENV=test).
 * Set here, before anything imports the clock; workers and web servers inherit it.
 */
process.env.HUB_TEST = '1';
