// The sandbox's history is the platform's own side and lives in src/sandbox/store.ts; src/app.ts
// (the composition root, rewritten elsewhere) still imports it from here.
export { SandboxStore } from '../../src/sandbox/store.ts';
