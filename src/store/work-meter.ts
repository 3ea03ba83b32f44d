import { ResponseTooLargeError, TimeoutError } from '../domain/errors';
import type { WorkBudget } from './store';

/**
 * What one tracked unit of work has spent in a store, held to its budget. Both adapters keep one
 * per `track` and call `admit` before each store call and `charge` with its result, so the
 * deadline and the object cap mean the same on both.
 */
export class WorkMeter {
  /** Store round trips, counted by the adapter (Cypher statements, or memory store calls). */
  roundTrips = 0;
  /** Objects the unit's store calls returned, as `countObjects` counts them. */
  objects = 0;
  private readonly deadline: number;
  private readonly maxObjects: number;

  constructor(private readonly budget: WorkBudget = {}) {
    this.deadline = budget.deadline ?? Infinity;
    this.maxObjects = budget.maxObjects ?? Infinity;
  }

  /** Throws when the unit may start no new store call: its objects passed the cap, or its deadline passed. */
  admit(): void {
    if (this.objects > this.maxObjects) throw new ResponseTooLargeError(this.maxObjects, this.objects, 'objects');
    this.checkDeadline();
  }

  /** Throws TimeoutError once the deadline has passed; cheap enough for a long loop every few thousand steps. */
  checkDeadline(): void {
    if (this.deadline !== Infinity && Date.now() >= this.deadline) throw this.timeout();
  }

  /** Returns how many milliseconds are left before the deadline (Infinity without one); throws once none are. */
  msLeft(): number {
    if (this.deadline === Infinity) return Infinity;
    const left = this.deadline - Date.now();
    if (left <= 0) throw this.timeout();
    return left;
  }

  /** Adds a call's objects to the total and returns the result; throws (dropping it) once the total passes the cap. */
  charge<T>(result: T): T {
    this.objects += countObjects(result);
    if (this.objects > this.maxObjects) throw new ResponseTooLargeError(this.maxObjects, this.objects, 'objects');
    return result;
  }

  private timeout(): TimeoutError {
    const ms = this.budget.timeoutMs;
    return new TimeoutError(ms === undefined
      ? 'the request ran past its deadline; nothing more was read for it'
      : `the request ran past its time budget of ${ms} ms; nothing more was read for it`);
  }
}

/**
 * Returns how many objects a store call's result holds, one level deep so it stays cheap: an
 * array counts its elements that are objects (nulls and numbers count 0); a Map sums what its
 * values count by these same rules; a page or slice counts its `items`; a node (an object with an
 * `id`) counts 1; any other object sums the object elements of its array properties (a subgraph's
 * nodes and edges, every list of facets or of a matrix); anything else counts 0. Lists inside a
 * Map or an object are never sparse in the port's answers, so only their first element is looked at.
 */
export function countObjects(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (Array.isArray(value)) return objectsIn(value);
  if (value instanceof Map) {
    let n = 0;
    for (const entry of value.values()) n += Array.isArray(entry) ? listLength(entry) : countObjects(entry);
    return n;
  }
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.items)) return listLength(record.items);
  if (typeof record.id === 'string') return 1;
  let n = 0;
  for (const key in record) {
    const field = record[key];
    if (Array.isArray(field)) n += listLength(field);
  }
  return n;
}

/** Counts the elements of a list that may hold nulls (getNodes). */
function objectsIn(list: readonly unknown[]): number {
  let n = 0;
  for (let i = 0; i < list.length; i++) if (typeof list[i] === 'object' && list[i] !== null) n++;
  return n;
}

/** Counts a list of objects, or of numbers (0), by its first element. */
function listLength(list: readonly unknown[]): number {
  return typeof list[0] === 'object' && list[0] !== null ? list.length : 0;
}
