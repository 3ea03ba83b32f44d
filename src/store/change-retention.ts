import { DEFAULT_CHANGES_RETENTION_DAYS } from '../domain/curation.types';
import { ConfigurationError } from '../domain/errors';

/** How long, and how many, change records a store keeps (README, "Curating"). */
export interface ChangeRetention {
  readonly retentionDays: number;
  readonly maxRecords: number;
}

export const DEFAULT_CHANGE_RETENTION: ChangeRetention = { retentionDays: DEFAULT_CHANGES_RETENTION_DAYS, maxRecords: 1_000_000 };

/** Reads KG_CHANGES_RETENTION_DAYS and KG_CHANGES_MAX_RECORDS; a bad value names its variable. */
export function changeRetentionFromEnv(env: NodeJS.ProcessEnv = process.env): ChangeRetention {
  const whole = (name: string, fallback: number, max: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new ConfigurationError(`${name} must be a whole number from 1 to ${max}, got "${raw}"`);
    return value;
  };
  return {
    retentionDays: whole('KG_CHANGES_RETENTION_DAYS', DEFAULT_CHANGE_RETENTION.retentionDays, 36_500),
    maxRecords: whole('KG_CHANGES_MAX_RECORDS', DEFAULT_CHANGE_RETENTION.maxRecords, 100_000_000),
  };
}
