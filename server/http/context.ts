import type { Kysely, Transaction } from 'kysely';
import type { Permission, Role, OrgKind } from '../../domain/access/roles';
import type { Config } from '../config';
import type { DatabaseKind } from '../db/database';
import type { DB } from '../db/schema';

/** Who is calling: everything a service needs to decide and scope. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgKind: OrgKind;
  orgName: string;
  /** Division-code prefix this actor may see (see domain/access/roles.ts scopeCovers). */
  scopeCode: string;
  roles: Role[];
  permissions: Set<Permission>;
  sessionId: string;
  mustChangePassword: boolean;
  totpEnabled: boolean;
}

/** What the app is built with; passed to every service call. */
export interface AppContext {
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  config: Config;
  /** The clock: tests pass a fixed one. */
  now: () => Date;
}

export type Tx = Transaction<DB>;
export type Executor = Kysely<DB> | Transaction<DB>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}
