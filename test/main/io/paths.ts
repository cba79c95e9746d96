/** Locations used by the io tests: shared read-only data (../shared/data) and repo fixtures. */
import { fileURLToPath } from 'node:url';

export const SHARED = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../../fixtures/io/', import.meta.url));
