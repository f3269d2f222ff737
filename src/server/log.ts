/**
 * JSON-lines logs: one object per line, access and info on stdout, errors on stderr, so any log
 * shipper (journald, Docker, Loki) can parse them. Never a client IP or request body: the service
 * promises to keep no personal data, and logs are data too.
 */
type Fields = Record<string, unknown>;

function line(level: 'info' | 'warn' | 'error', msg: string, fields: Fields): string {
  return `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`;
}

export const log = {
  info(msg: string, fields: Fields = {}): void {
    process.stdout.write(line('info', msg, fields));
  },
  warn(msg: string, fields: Fields = {}): void {
    process.stderr.write(line('warn', msg, fields));
  },
  error(msg: string, error?: unknown, fields: Fields = {}): void {
    const detail = error instanceof Error ? { error: error.message, stack: error.stack } : error === undefined ? {} : { error: String(error) };
    process.stderr.write(line('error', msg, { ...fields, ...detail }));
  },
};
