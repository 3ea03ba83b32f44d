import pino from 'pino';

/** Returns the process logger: JSON lines on stderr (LOG_LEVEL, default info), so stdout stays for command output. */
export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: undefined }, pino.destination(2));
