import { describe, expect, it } from 'vitest';
import { Prisma, isDatabaseUnavailable } from '../../src/db/client.ts';

const known = (code: string, meta?: Record<string, unknown>) => new Prisma.PrismaClientKnownRequestError('failed', { code, clientVersion: 'test', ...(meta ? { meta } : {}) });
const adapterError = (cause: Record<string, unknown>) => Object.assign(new Error(String(cause.message ?? cause.kind)), { name: 'DriverAdapterError', cause });

// The shapes seen while backends were terminated (test/resilience/connections-cut.test.ts), and their opposites.
describe('isDatabaseUnavailable', () => {
  it.each([
    ['pg: not queryable', new Error('Client has encountered a connection error and is not queryable'), true],
    ['pg: terminated', new Error('Connection terminated unexpectedly'), true],
    ['pg-pool: no connection in time', new Error('timeout exceeded when trying to connect'), true],
    ['adapter: terminated backend', adapterError({ kind: 'postgres', code: '57P01', originalCode: '57P01', message: 'terminating connection due to administrator command' }), true],
    ['adapter: connection closed', adapterError({ kind: 'ConnectionClosed' }), true],
    ['adapter: not reachable', adapterError({ kind: 'DatabaseNotReachable' }), true],
    ['prisma: raw query on a terminated backend', known('P2010', { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'postgres', code: '57P01' } } }), true],
    ['prisma: server closed the connection', known('P1017'), true],
    ['socket: refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), true],
    ['prisma: unique violation', known('P2002'), false],
    ['adapter: unique violation', adapterError({ kind: 'UniqueConstraintViolation' }), false],
    ['prisma: raw query syntax error', known('P2010', { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'postgres', code: '42601' } } }), false],
    ['a handler bug', new TypeError("Cannot read properties of undefined (reading 'id')"), false],
    ['not an error', 'Connection terminated', false],
  ])('%s', (_name, error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });
});
