// Loaded before every test file (vitest setupFiles): the PostgreSQL databases a file created go with it.
import { afterAll } from 'vitest';
import { dropCreatedDatabases } from './database.ts';

afterAll(dropCreatedDatabases);
