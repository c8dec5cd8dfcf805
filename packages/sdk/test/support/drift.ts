// Compares the SDK's exported types with the server's OpenAPI document. The SDK side is read with the
// TypeScript compiler from src/index.ts (property names, optionality, nullability, primitive types and
// string literal values); the server side is the schema of a named operation's request body, query
// parameters or response, or of one field inside it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The JSON types a property can carry, null aside (nullability is compared on its own). */
export type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object';

export interface Property {
  required: boolean;
  nullable: boolean;
  /** Sorted; undefined when the type says nothing (`unknown`, a schema of `{}`). */
  kinds?: Kind[];
  /** The allowed strings when the type is a union of string literals or the schema an enum. */
  values?: string[];
}

export interface Shape {
  /** property name -> what is known of it */
  properties: Map<string, Property>;
  /** For a type alias of string literals (`Source`): its values, compared with the field's enum. */
  values?: string[];
}

type Where = 'response' | 'body' | 'query';

export interface TypeMapping {
  type: string;
  operationId: string;
  where: Where;
  /** For list responses: compare the items of `data` instead of the page. */
  items?: boolean;
  /** A response other than the success one, e.g. '404' for the error body. */
  status?: string;
  /** Compare with this field of the schema (an array field: with its items) instead of the whole. */
  field?: string;
  /** Server-accepted properties the SDK deliberately leaves out, each with the reason. */
  ignore?: Record<string, string>;
}

const srcIndex = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/index.ts');

/** The primitive kinds of a TypeScript type, or undefined when it allows anything. */
function typeKinds(checker: ts.TypeChecker, type: ts.Type): Kind[] | undefined {
  const kinds = new Set<Kind>();
  for (const part of type.isUnion() ? type.types : [type]) {
    if (part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) continue;
    if (part.flags & ts.TypeFlags.StringLike) kinds.add('string');
    else if (part.flags & ts.TypeFlags.NumberLike) kinds.add('number');
    else if (part.flags & ts.TypeFlags.BooleanLike) kinds.add('boolean');
    else if (checker.isArrayType(part) || checker.isTupleType(part)) kinds.add('array');
    else if (part.flags & ts.TypeFlags.Object) kinds.add('object');
    else return undefined;
  }
  return [...kinds].sort();
}

/** The values of a union of string literals (null and undefined aside), or undefined for anything else. */
function literalValues(type: ts.Type): string[] | undefined {
  const parts = (type.isUnion() ? type.types : [type]).filter(
    (part) => !(part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)),
  );
  if (parts.length === 0 || !parts.every((part) => part.isStringLiteral())) return undefined;
  return parts.map((part) => (part as ts.StringLiteralType).value).sort();
}

/** Reads the exported interfaces and type aliases of src/index.ts. */
export function sdkShapes(): Map<string, Shape> {
  const program = ts.createProgram([srcIndex], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(srcIndex);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error('cannot read src/index.ts');
  const shapes = new Map<string, Shape>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const properties = new Map<string, Property>();
    const values = literalValues(type);
    // A union of literals has no properties of its own (only those of String).
    if (values === undefined) {
      for (const property of checker.getPropertiesOfType(type)) {
        const propertyType = checker.getTypeOfSymbol(property);
        const parts = propertyType.isUnion() ? propertyType.types : [propertyType];
        properties.set(property.name, {
          required: (property.flags & ts.SymbolFlags.Optional) === 0,
          nullable: parts.some((part) => (part.flags & ts.TypeFlags.Null) !== 0),
          kinds: typeKinds(checker, propertyType),
          values: literalValues(propertyType),
        });
      }
    }
    shapes.set(exported.name, { properties, ...(values && { values }) });
  }
  return shapes;
}

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
};
type OpenApi = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};
type Operation = {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
};

function resolve(doc: OpenApi, schema: JsonSchema | undefined): JsonSchema {
  if (schema === undefined) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc, doc.components?.schemas?.[name]);
  }
  if (schema.allOf) {
    const merged: JsonSchema = { properties: {}, required: [] };
    for (const part of schema.allOf.map((s) => resolve(doc, s))) {
      Object.assign(merged.properties ?? {}, part.properties);
      merged.required?.push(...(part.required ?? []));
    }
    return merged;
  }
  return schema;
}

function isNullable(doc: OpenApi, schema: JsonSchema | undefined): boolean {
  const resolved = resolve(doc, schema);
  if (resolved.nullable) return true;
  if (Array.isArray(resolved.type) && resolved.type.includes('null')) return true;
  if (resolved.type === 'null') return true;
  return [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])].some((s) => isNullable(doc, s));
}

const KIND_OF_TYPE: Record<string, Kind | undefined> = {
  string: 'string',
  number: 'number',
  integer: 'number',
  boolean: 'boolean',
  array: 'array',
  object: 'object',
};

/** The variants of a schema that are not just null: its anyOf/oneOf parts, or itself. */
function variants(doc: OpenApi, schema: JsonSchema): JsonSchema[] {
  const parts = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].map((s) => resolve(doc, s));
  if (parts.length === 0) return [schema];
  return parts.filter((part) => part.type !== 'null').flatMap((part) => variants(doc, part));
}

/** The primitive kinds a schema allows, or undefined when it does not say (`{}`). */
function schemaKinds(doc: OpenApi, schema: JsonSchema | undefined): Kind[] | undefined {
  const kinds = new Set<Kind>();
  for (const variant of variants(doc, resolve(doc, schema))) {
    const types = [variant.type ?? []].flat().filter((type) => type !== 'null');
    const listed = [...(variant.enum ?? []), ...('const' in variant ? [variant.const] : [])];
    const found = types.length
      ? types.map((type) => KIND_OF_TYPE[type])
      : listed.length
        ? listed.filter((value) => value !== null).map((value) => KIND_OF_TYPE[typeof value])
        : variant.properties
          ? ['object' as const]
          : [undefined];
    if (found.includes(undefined)) return undefined;
    for (const kind of found) if (kind) kinds.add(kind);
  }
  return [...kinds].sort();
}

/** The strings a schema allows when it lists them (enum or const), or undefined for any string. */
function schemaValues(doc: OpenApi, schema: JsonSchema | undefined): string[] | undefined {
  const values = new Set<string>();
  for (const variant of variants(doc, resolve(doc, schema))) {
    const listed = [...(variant.enum ?? []), ...('const' in variant ? [variant.const] : [])];
    if (listed.length === 0) return undefined;
    for (const value of listed) if (typeof value === 'string') values.add(value);
  }
  return [...values].sort();
}

function propertyOf(doc: OpenApi, schema: JsonSchema | undefined, required: boolean): Property {
  return {
    required,
    nullable: isNullable(doc, schema),
    kinds: schemaKinds(doc, schema),
    values: schemaValues(doc, schema),
  };
}

/** The object a schema describes: itself, or the object variant of a nullable `anyOf`. */
function objectSchema(doc: OpenApi, schema: JsonSchema | undefined): JsonSchema {
  const resolved = resolve(doc, schema);
  if (resolved.properties) return resolved;
  return variants(doc, resolved).find((variant) => variant.properties) ?? resolved;
}

function objectShape(doc: OpenApi, schema: JsonSchema | undefined): Shape {
  const resolved = objectSchema(doc, schema);
  const required = new Set(resolved.required ?? []);
  const properties = new Map<string, Property>();
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    properties.set(name, propertyOf(doc, property, required.has(name)));
  }
  return { properties };
}

function findOperation(doc: OpenApi, operationId: string): Operation | undefined {
  for (const methods of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(methods)) {
      if (operation?.operationId === operationId) return operation;
    }
  }
  return undefined;
}

/** The schema one mapping compares with, or a string saying why it could not be found. */
function mappedSchema(doc: OpenApi, mapping: TypeMapping, operation: Operation): JsonSchema | string {
  let schema: JsonSchema | undefined;
  if (mapping.where === 'body') {
    schema = operation.requestBody?.content?.['application/json']?.schema;
    if (!schema) return `operation ${mapping.operationId} has no JSON request body`;
  } else {
    const response = Object.entries(operation.responses ?? {}).find(([status]) =>
      mapping.status ? status === mapping.status : status.startsWith('2'),
    );
    schema = response?.[1].content?.['application/json']?.schema;
    if (!schema)
      return `operation ${mapping.operationId} has no JSON ${mapping.status ?? 'success'} response`;
    if (mapping.items) schema = resolve(doc, resolve(doc, schema).properties?.data).items ?? {};
  }
  if (mapping.field === undefined) return schema;
  const field = objectSchema(doc, schema).properties?.[mapping.field];
  if (!field) return `operation ${mapping.operationId} has no field \`${mapping.field}\``;
  const value = variants(doc, resolve(doc, field)).find((variant) => variant.type !== 'null') ?? field;
  return value.type === 'array' ? resolve(doc, value.items) : value;
}

/** The server's shape for one mapping, or a string saying why it could not be found. */
export function serverShape(doc: OpenApi, mapping: TypeMapping): Shape | string {
  const operation = findOperation(doc, mapping.operationId);
  if (!operation) return `operation ${mapping.operationId} is not in the OpenAPI document`;
  if (mapping.where === 'query') {
    const properties = new Map<string, Property>();
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in !== 'query') continue;
      properties.set(parameter.name, {
        ...propertyOf(doc, parameter.schema, parameter.required === true),
        nullable: false,
      });
    }
    return { properties };
  }
  const schema = mappedSchema(doc, mapping, operation);
  if (typeof schema === 'string') return schema;
  const values = schemaValues(doc, schema);
  return { ...objectShape(doc, schema), ...(values && { values }) };
}

const list = (values: readonly string[] | undefined) => (values ?? []).join(' | ');

/**
 * In a query string every value is text: a boolean the SDK sends as `true`/`false` is, on the server,
 * a string enum that accepts those words.
 */
function queryKinds(ours: Property, theirs: Property): { ours?: Kind[]; theirs?: Kind[] } {
  const words = theirs.values?.includes('true') && theirs.values.includes('false');
  if (ours.kinds?.includes('boolean') && words) return { ours: ['string'], theirs: ['string'] };
  // A list of ids or values in a query string is one comma-separated string (the report filters):
  // the SDK also takes an array, which it joins, so its `array | string` is the server's string.
  if (theirs.kinds?.length === 1 && theirs.kinds[0] === 'string' && ours.kinds?.includes('array')) {
    return { ours: ours.kinds.filter((kind) => kind !== 'array'), theirs: theirs.kinds };
  }
  return { ours: ours.kinds, theirs: theirs.kinds };
}

/** Differences in the JSON types and allowed strings of one property both sides have. */
function compareTypes(label: string, name: string, where: Where, ours: Property, theirs: Property): string[] {
  const kinds = where === 'query' ? queryKinds(ours, theirs) : { ours: ours.kinds, theirs: theirs.kinds };
  if (kinds.ours && kinds.theirs && list(kinds.ours) !== list(kinds.theirs)) {
    return [`${label}: \`${name}\` is ${list(kinds.theirs)} on the server, ${list(kinds.ours)} in the SDK`];
  }
  if (ours.values && kinds.ours?.includes('string') && list(ours.values) !== list(theirs.values)) {
    const server = theirs.values ? list(theirs.values.map((v) => `'${v}'`)) : 'any string';
    return [
      `${label}: \`${name}\` is ${server} on the server, ${list(ours.values.map((v) => `'${v}'`))} in the SDK`,
    ];
  }
  return [];
}

/** Human-readable differences between the SDK type and the server schema; empty when they agree. */
export function compare(mapping: TypeMapping, sdk: Shape | undefined, server: Shape | string): string[] {
  const label = `${mapping.type} vs ${mapping.operationId} ${mapping.where}${mapping.field ? ` \`${mapping.field}\`` : ''}`;
  if (sdk === undefined) return [`${label}: ${mapping.type} is not exported by the SDK`];
  if (typeof server === 'string') return [`${label}: ${server}`];
  if (sdk.values) {
    return list(sdk.values) === list(server.values)
      ? []
      : [`${label}: the server allows ${list(server.values) || 'any string'}, the SDK ${list(sdk.values)}`];
  }
  const problems: string[] = [];
  const ignored = mapping.ignore ?? {};
  for (const [name, theirs] of server.properties) {
    if (name in ignored) continue;
    const ours = sdk.properties.get(name);
    if (!ours) {
      problems.push(`${label}: the server has \`${name}\`, the SDK type does not`);
      continue;
    }
    if (mapping.where === 'response') {
      // A response property the server always sends must not be optional in the SDK, and nullability must match.
      if (theirs.required && !ours.required)
        problems.push(`${label}: \`${name}\` is always sent but optional in the SDK`);
      if (theirs.nullable !== ours.nullable) {
        problems.push(`${label}: \`${name}\` is ${theirs.nullable ? '' : 'not '}nullable on the server`);
      }
    } else {
      if (theirs.required !== ours.required) {
        problems.push(`${label}: \`${name}\` is ${theirs.required ? 'required' : 'optional'} on the server`);
      }
      if (ours.nullable && !theirs.nullable)
        problems.push(`${label}: \`${name}\` accepts null in the SDK only`);
    }
    problems.push(...compareTypes(label, name, mapping.where, ours, theirs));
  }
  for (const name of sdk.properties.keys()) {
    if (!server.properties.has(name)) problems.push(`${label}: the SDK has \`${name}\`, the server does not`);
  }
  return problems;
}

/** Exported types that are neither mapped to the document nor excluded with a reason. */
export function unmappedTypes(
  shapes: Map<string, Shape>,
  mappings: readonly TypeMapping[],
  excluded: Record<string, string>,
): string[] {
  const mapped = new Set(mappings.map((mapping) => mapping.type));
  return [...shapes.keys()].filter((name) => !mapped.has(name) && !(name in excluded)).sort();
}
