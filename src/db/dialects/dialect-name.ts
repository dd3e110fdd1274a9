/** The databases Yuletide runs on: SQLite embedded by default, PostgreSQL to scale out. */
export type DialectName = 'sqlite' | 'postgres';
