import {
  getArgumentValues, getNamedType, getNullableType, getVariableValues, isCompositeType, isInputObjectType, isListType,
  Kind, SchemaMetaFieldDef, TypeMetaFieldDef,
  type DocumentNode, type FieldNode, type GraphQLCompositeType, type GraphQLField, type GraphQLInputObjectType,
  type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';
import { BadInputError } from '../../domain/errors';
import { argumentBound, inputFieldBound, type Bound } from './argument-bounds.table';

/**
 * A bound refused before execution. Apollo wraps errors thrown by plugin hooks in a GraphQLError
 * that copies `extensions`, which is how the code, the argument and the 400 reach the client.
 */
export class ArgumentBoundError extends BadInputError {
  readonly extensions: { readonly code: 'BAD_USER_INPUT'; readonly argument: string; readonly http: { readonly status: 400 } };
  constructor(argument: string, readonly reason: string) {
    super(argument, reason);
    this.extensions = { code: 'BAD_USER_INPUT', argument, http: { status: 400 } };
  }
}

/** How to check one value: a string's length, a list's items (and each item), an input object's fields. */
type Check =
  | { readonly kind: 'string'; readonly max: number }
  | { readonly kind: 'list'; readonly max: number; readonly item: Check | null }
  | ObjectCheck;

interface ObjectCheck {
  readonly kind: 'object';
  readonly fields: { readonly name: string; readonly check: Check }[];
}

interface ArgumentCheck {
  readonly name: string;
  readonly check: Check;
}

/**
 * A field of the operation whose arguments need checking; `at` is its response path, for messages.
 * Arguments written without variables are the same on every request, so their verdict is kept.
 */
interface Site {
  readonly field: GraphQLField<unknown, unknown>;
  readonly node: FieldNode;
  readonly args: readonly ArgumentCheck[];
  readonly at: string;
  readonly variables: boolean;
  verdict?: { readonly argument: string; readonly message: string } | null;
}

interface Plan {
  readonly schema: GraphQLSchema;
  readonly operation: OperationDefinitionNode;
  readonly sites: readonly Site[];
  readonly variables: boolean;
}

const fieldChecks = new WeakMap<GraphQLField<unknown, unknown>, readonly ArgumentCheck[]>();
const objectChecks = new WeakMap<GraphQLInputObjectType, ObjectCheck>();
const building = new Set<GraphQLInputObjectType>();
const plans = new WeakMap<DocumentNode, Map<string, Plan | null>>();
const PLANS_PER_DOCUMENT = 16;

/**
 * Checks every argument value of the operation (variables resolved, defaults applied, nested input
 * fields and list items included) against its maximum in the table (argument-bounds.table.ts),
 * before anything runs; throws ArgumentBoundError (a BadInputError) naming the argument as the
 * client wrote it (`filter.countries`), with the field's response path in the message.
 */
export function checkArgumentBounds(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): void {
  const plan = planOf(schema, document, operationName);
  if (!plan || plan.sites.length === 0) return;
  let coerced: Record<string, unknown> = {};
  if (plan.variables && plan.operation.variableDefinitions?.length) {
    const result = getVariableValues(schema, plan.operation.variableDefinitions, variables, { maxErrors: 1 });
    // Execution refuses bad variables itself, before any resolver runs.
    if (result.errors) return;
    coerced = result.coerced;
  }
  for (const site of plan.sites) {
    if (site.verdict === null) continue;
    if (site.verdict) throw new ArgumentBoundError(site.verdict.argument, site.verdict.message);
    try {
      checkSite(site, coerced);
      if (!site.variables) site.verdict = null;
    } catch (err) {
      if (!site.variables && err instanceof ArgumentBoundError) site.verdict = { argument: err.argument, message: err.reason };
      throw err;
    }
  }
}

function checkSite(site: Site, variables: Record<string, unknown>): void {
  let values: Record<string, unknown>;
  try {
    values = getArgumentValues(site.field, site.node, variables);
  } catch {
    return; // A coercion error: execution reports it on this field, before its resolver runs.
  }
  for (const { name, check } of site.args) {
    const value = values[name];
    if (value != null) checkValue(check, value, [name], [], site.at);
  }
}

function checkValue(check: Check, value: unknown, path: string[], items: number[], at: string): void {
  switch (check.kind) {
    case 'string':
      if (typeof value === 'string' && value.length > check.max) {
        const length = codePoints(value);
        if (length > check.max) refuse(path, items, at, `at most ${check.max} characters, got ${length}`);
      }
      return;
    case 'list':
      if (!Array.isArray(value)) return;
      if (value.length > check.max) refuse(path, items, at, `at most ${check.max} items, got ${value.length}`);
      if (!check.item) return;
      for (let i = 0; i < value.length; i++) {
        if (value[i] == null) continue;
        items.push(i);
        checkValue(check.item, value[i], path, items, at);
        items.pop();
      }
      return;
    case 'object':
      for (const { name, check: inner } of check.fields) {
        const field = (value as Record<string, unknown>)[name];
        if (field == null) continue;
        path.push(name);
        checkValue(inner, field, path, items, at);
        path.pop();
      }
  }
}

function refuse(path: readonly string[], items: readonly number[], at: string, message: string): never {
  const item = items.length ? `item ${items.join('.')}, ` : '';
  throw new ArgumentBoundError(path.join('.'), `${message} (${item}field ${at})`);
}

/** Counts characters as code points; only called on strings whose UTF-16 length is over a bound. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Returns the fields of the operation that take bounded arguments, walked once per document and operation. */
function planOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Plan | null {
  const key = operationName ?? '';
  let perDocument = plans.get(document);
  const known = perDocument?.get(key);
  if (known !== undefined && (known === null || known.schema === schema)) return known;
  const plan = buildPlan(schema, document, operationName);
  if (!perDocument) plans.set(document, (perDocument = new Map()));
  if (perDocument.size >= PLANS_PER_DOCUMENT) perDocument.clear();
  perDocument.set(key, plan);
  return plan;
}

function buildPlan(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Plan | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName === undefined
    ? (operations.length === 1 ? operations[0] : undefined)
    : operations.find((o) => o.name?.value === operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return null;
  const fragments = new Map<string, { type: GraphQLCompositeType; selectionSet: SelectionSetNode }>();
  for (const d of document.definitions) {
    if (d.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const type = schema.getType(d.typeCondition.name.value);
    if (type && isCompositeType(type)) fragments.set(d.name.value, { type, selectionSet: d.selectionSet });
  }
  const sites: Site[] = [];
  const path: string[] = [];
  // A fragment's fields are typed by its own type condition, whatever spreads it, so one visit
  // per fragment checks every use: the walk is linear in the document, fragment bombs included.
  const spread = new Set<string>();
  const walk = (type: GraphQLCompositeType, selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fieldOf(schema, type, selection.name.value);
        if (!field) continue;
        path.push(selection.alias?.value ?? selection.name.value);
        const args = checksOf(type.name, field);
        if (args.length) sites.push({ field, node: selection, args, at: path.join('.'), variables: hasVariables(selection) });
        const next = getNamedType(field.type);
        if (selection.selectionSet && isCompositeType(next)) walk(next, selection.selectionSet);
        path.pop();
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (on && isCompositeType(on)) walk(on, selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || spread.has(name)) continue;
        spread.add(name);
        walk(fragment.type, fragment.selectionSet);
      }
    }
  };
  walk(root, operation.selectionSet);
  return { schema, operation, sites, variables: sites.some((s) => s.variables) };
}

/** Returns whether a field's arguments refer to a variable anywhere (lists and input objects included). */
function hasVariables(node: FieldNode): boolean {
  const refers = (value: ValueNode): boolean => {
    if (value.kind === Kind.VARIABLE) return true;
    if (value.kind === Kind.LIST) return value.values.some(refers);
    if (value.kind === Kind.OBJECT) return value.fields.some((f) => refers(f.value));
    return false;
  };
  return !!node.arguments?.some((a) => refers(a.value));
}

function fieldOf(schema: GraphQLSchema, type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (type === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return 'getFields' in type ? type.getFields()[name] : undefined;
}

/** Returns the checks of a field's bounded arguments, computed once per field definition. */
function checksOf(typeName: string, field: GraphQLField<unknown, unknown>): readonly ArgumentCheck[] {
  let checks = fieldChecks.get(field);
  if (!checks) {
    checks = field.args.flatMap((arg) => {
      const check = checkOf(arg.type, argumentBound(typeName, field.name, arg));
      return check ? [{ name: arg.name, check }] : [];
    });
    fieldChecks.set(field, checks);
  }
  return checks;
}

function checkOf(type: GraphQLInputType, bound: Bound): Check | null {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return { kind: 'list', max: bound.items!, item: checkOf(nullable.ofType, bound) };
  }
  if (isInputObjectType(nullable)) {
    const check = objectCheck(nullable);
    return check.fields.length || building.has(nullable) ? check : null;
  }
  return bound.length !== undefined ? { kind: 'string', max: bound.length } : null;
}

/** Returns the check of an input type's fields, once per type; a type that contains itself gets the same check. */
function objectCheck(type: GraphQLInputObjectType): ObjectCheck {
  const known = objectChecks.get(type);
  if (known) return known;
  const check: ObjectCheck = { kind: 'object', fields: [] };
  objectChecks.set(type, check);
  building.add(type);
  try {
    for (const field of Object.values(type.getFields())) {
      const inner = checkOf(field.type, inputFieldBound(type, field));
      if (inner) check.fields.push({ name: field.name, check: inner });
    }
  } finally {
    building.delete(type);
  }
  return check;
}
