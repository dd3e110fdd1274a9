import pg from 'pg';
import { PostgresDialect, type Dialect } from 'kysely';

/** Distinct statements prepared per connection before new ones run unprepared. */
const PREPARED_PER_CONNECTION = 200;

// int8 (bigint, bigserial, count(*)) arrives as a string by default; our values fit in a double.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** A pool of persistent connections on which every query runs as a named prepared statement. */
export function postgresDialect(
  url: string,
  maxConnections: number,
): { dialect: Dialect; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    types: types as pg.CustomTypesConfig,
  });
  // An idle connection killed by the server (a restart, a failover, a dropped database) must not
  // crash the process: the pool discards it and the next query connects afresh.
  pool.on('error', () => undefined);
  const prepared = new WeakSet<pg.PoolClient>();
  const preparingPool = {
    async connect() {
      const client = await pool.connect();
      if (!prepared.has(client)) {
        prepared.add(client);
        const names = new Map<string, string>();
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as { query: unknown }).query = (text: unknown, values?: unknown[]) => {
          if (typeof text !== 'string') return query(text, values);
          let name = names.get(text);
          if (name === undefined) {
            if (names.size >= PREPARED_PER_CONNECTION) return query(text, values);
            name = `yt${names.size}`;
            names.set(text, name);
          }
          return query({ name, text, values });
        };
      }
      return client;
    },
    end: () => pool.end(),
  };
  return { dialect: new PostgresDialect({ pool: preparingPool }), pool };
}
