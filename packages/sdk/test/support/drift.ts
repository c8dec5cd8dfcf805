// Compares the SDK's exported types with the server's OpenAPI document. The SDK side is read with the
// TypeScript compiler from src/index.ts (property names, optionality, nullability); the server side is
// the schema of a named operation's request body, query parameters or response.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface Shape {
  /** property name -> { required, nullable } */
  properties: Map<string, { required: boolean; nullable: boolean }>;
}

type Where = 'response' | 'body' | 'query';

export interface TypeMapping {
  type: string;
  operationId: string;
  where: Where;
  /** For list responses: compare the items of `data` (or of the named array property) instead of the page. */
  items?: boolean | string;
  /** Server-accepted properties the SDK deliberately leaves out, each with the reason. */
  ignore?: Record<string, string>;
}

const srcIndex = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/index.ts');

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
    const properties = new Map<string, { required: boolean; nullable: boolean }>();
    for (const property of checker.getPropertiesOfType(type)) {
      const propertyType = checker.getTypeOfSymbol(property);
      const parts = propertyType.isUnion() ? propertyType.types : [propertyType];
      properties.set(property.name, {
        required: (property.flags & ts.SymbolFlags.Optional) === 0,
        nullable: parts.some((part) => (part.flags & ts.TypeFlags.Null) !== 0),
      });
    }
    shapes.set(exported.name, { properties });
  }
  return shapes;
}

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
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

function objectShape(doc: OpenApi, schema: JsonSchema | undefined): Shape {
  let resolved = resolve(doc, schema);
  // A nullable object is often written anyOf: [object, null].
  const variants = [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])].map((s) => resolve(doc, s));
  const object = variants.find((v) => v.properties);
  if (!resolved.properties && object) resolved = object;
  const required = new Set(resolved.required ?? []);
  const properties = new Map<string, { required: boolean; nullable: boolean }>();
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    properties.set(name, { required: required.has(name), nullable: isNullable(doc, property) });
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

/** The server's shape for one mapping, or a string saying why it could not be found. */
export function serverShape(doc: OpenApi, mapping: TypeMapping): Shape | string {
  const operation = findOperation(doc, mapping.operationId);
  if (!operation) return `operation ${mapping.operationId} is not in the OpenAPI document`;
  if (mapping.where === 'query') {
    const properties = new Map<string, { required: boolean; nullable: boolean }>();
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in !== 'query') continue;
      properties.set(parameter.name, { required: parameter.required === true, nullable: false });
    }
    return { properties };
  }
  if (mapping.where === 'body') {
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    if (!schema) return `operation ${mapping.operationId} has no JSON request body`;
    return objectShape(doc, schema);
  }
  const success = Object.entries(operation.responses ?? {}).find(([status]) => status.startsWith('2'));
  const schema = success?.[1].content?.['application/json']?.schema;
  if (!schema) return `operation ${mapping.operationId} has no JSON success response`;
  if (!mapping.items) return objectShape(doc, schema);
  const list = typeof mapping.items === 'string' ? mapping.items : 'data';
  return objectShape(doc, resolve(doc, resolve(doc, schema).properties?.[list]).items);
}

/** Human-readable differences between the SDK type and the server schema; empty when they agree. */
export function compare(mapping: TypeMapping, sdk: Shape | undefined, server: Shape | string): string[] {
  const label = `${mapping.type} vs ${mapping.operationId} ${mapping.where}`;
  if (sdk === undefined) return [`${label}: ${mapping.type} is not exported by the SDK`];
  if (typeof server === 'string') return [`${label}: ${server}`];
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
  }
  for (const name of sdk.properties.keys()) {
    if (!server.properties.has(name)) problems.push(`${label}: the SDK has \`${name}\`, the server does not`);
  }
  return problems;
}
