/** The SQLite extended result code of a better-sqlite3 error, e.g. `SQLITE_CONSTRAINT_UNIQUE`. */
export function sqliteCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

export function isUniqueViolation(e: unknown): boolean {
  const code = sqliteCode(e);
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function isForeignKeyViolation(e: unknown): boolean {
  return sqliteCode(e) === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
