// The demo community is data for the core and lives in src/sandbox/demo.ts; src/app.ts (the
// composition root, rewritten elsewhere) still imports it from here.
export { seedDemoIfEmpty } from '../../src/sandbox/demo.ts';
