import { isInt, isDate, isDateTime, isDuration, isLocalDateTime, isLocalTime, isTime, isNode, isRelationship, isPoint } from 'neo4j-driver';

/**
 * Returns a copy of a driver value with no driver types left: Integers become numbers,
 * temporals ISO strings, nodes and relationships their properties. Integers outside the
 * safe range throw rather than silently lose precision.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (isInt(value)) {
    if (!value.inSafeRange()) throw new RangeError(`Neo4j integer ${value.toString()} is outside the safe JS range`);
    return value.toNumber();
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (
    isDate(value) || isDateTime(value) || isLocalDateTime(value) ||
    isLocalTime(value) || isTime(value) || isDuration(value)
  ) {
    return value.toString();
  }
  if (isPoint(value)) return { x: value.x, y: value.y, z: value.z ?? null, srid: toPlain(value.srid) };
  if (isNode(value) || isRelationship(value)) return toPlain(value.properties);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
  return out;
}
