// Keeps schema/burndown-v1.schema.json in step with the document interfaces of src/slo/document.ts (both directions),
// and checks every example document, and generated ones, against the schema with ajv.

import Ajv from 'ajv';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';

import { parseSloDocument } from './parse';
import { toSloDocument } from './serialize';
import { sloFileArb } from './testdata/arbitrary';

const SCHEMA_PATH = join(__dirname, '..', '..', 'schema', 'burndown-v1.schema.json');
const DOCUMENT_TS = join(__dirname, 'document.ts');
const TESTDATA = join(__dirname, 'testdata');
const ROOT = 'SloDocument';

type JsonSchema = Record<string, any>;
const schema: JsonSchema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));

/** A type shape both sides reduce to; extra schema keywords (pattern, minimum, description...) are not compared. */
type Shape =
  | { ref: string }
  | { type: 'string' | 'number' | 'boolean' }
  | { const: string }
  | { enum: string[] }
  | { array: Shape }
  | { map: Shape }
  | { anyOf: Shape[] }
  | { object: { properties: Record<string, Shape>; required: string[] } };

const byJson = (a: Shape, b: Shape) => JSON.stringify(a).localeCompare(JSON.stringify(b));

// ---- TypeScript side ----

interface TsModel {
  /** Named types reachable from SloDocument, by name. */
  shapes: Map<string, Shape>;
}

function readDocumentTypes(): TsModel {
  const program = ts.createProgram([DOCUMENT_TS], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    lib: ['lib.es5.d.ts'],
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(DOCUMENT_TS)!;
  const shapes = new Map<string, Shape>();
  const pending: ts.Declaration[] = [];

  const declarationOf = (name: ts.EntityName): ts.Declaration => {
    let symbol = checker.getSymbolAtLocation(name)!;
    if (symbol.flags & ts.SymbolFlags.Alias) {
      symbol = checker.getAliasedSymbol(symbol);
    }
    return symbol.declarations![0];
  };

  const shapeOf = (node: ts.TypeNode): Shape => {
    if (ts.isParenthesizedTypeNode(node)) {
      return shapeOf(node.type);
    }
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
    }
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) {
      return { const: node.literal.text };
    }
    if (ts.isArrayTypeNode(node)) {
      return { array: shapeOf(node.elementType) };
    }
    if (ts.isUnionTypeNode(node)) {
      const members = node.types.map(shapeOf);
      if (members.every((m): m is { const: string } => 'const' in m)) {
        return { enum: members.map((m) => m.const).sort() };
      }
      return { anyOf: members.sort(byJson) };
    }
    if (ts.isTypeLiteralNode(node)) {
      return objectShape(node.members);
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText();
      const args = node.typeArguments ?? [];
      if (name === 'Record' && args.length === 2 && args[0].kind === ts.SyntaxKind.StringKeyword) {
        return { map: shapeOf(args[1]) };
      }
      if (name === 'Array' && args.length === 1) {
        return { array: shapeOf(args[0]) };
      }
      const declaration = declarationOf(node.typeName);
      if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) {
        pending.push(declaration);
        return { ref: declaration.name.text };
      }
    }
    throw new Error(`document.ts: no schema mapping for type ${node.getText()}`);
  };

  const objectShape = (members: ts.NodeArray<ts.TypeElement>): Shape => {
    const properties: Record<string, Shape> = {};
    const required: string[] = [];
    for (const member of members) {
      if (!ts.isPropertySignature(member) || !member.type) {
        throw new Error(`document.ts: only plain properties are supported, got ${member.getText()}`);
      }
      const name = member.name.getText();
      properties[name] = shapeOf(member.type);
      if (!member.questionToken) {
        required.push(name);
      }
    }
    return { object: { properties, required: required.sort() } };
  };

  const root = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === ROOT
  );
  pending.push(root!);
  while (pending.length > 0) {
    const declaration = pending.pop()!;
    const name = (declaration as ts.InterfaceDeclaration | ts.TypeAliasDeclaration).name.text;
    if (shapes.has(name)) {
      continue;
    }
    if (ts.isInterfaceDeclaration(declaration)) {
      if (declaration.heritageClauses?.length) {
        throw new Error(`document.ts: ${name} extends another interface; the schema test does not follow extends`);
      }
      shapes.set(name, objectShape(declaration.members));
    } else if (ts.isTypeAliasDeclaration(declaration)) {
      shapes.set(name, shapeOf(declaration.type));
    }
  }
  return { shapes };
}

// ---- JSON Schema side ----

function schemaShape(node: JsonSchema, where: string, strict: string[]): Shape {
  if (node.$ref) {
    const m = /^#\/definitions\/(\w+)$/.exec(node.$ref);
    if (!m) {
      throw new Error(`${where}: unexpected $ref ${node.$ref}`);
    }
    return { ref: m[1] };
  }
  if (node.const !== undefined) {
    return { const: node.const };
  }
  if (node.enum) {
    return { enum: [...node.enum].sort() };
  }
  if (node.properties) {
    if (node.additionalProperties !== false) {
      strict.push(where);
    }
    const properties: Record<string, Shape> = {};
    for (const [key, value] of Object.entries<JsonSchema>(node.properties)) {
      properties[key] = schemaShape(value, `${where}.${key}`, strict);
    }
    return { object: { properties, required: [...(node.required ?? [])].sort() } };
  }
  if (node.anyOf || node.oneOf) {
    return {
      anyOf: (node.anyOf ?? node.oneOf)
        .map((n: JsonSchema, i: number) => schemaShape(n, `${where}|${i}`, strict))
        .sort(byJson),
    };
  }
  if (Array.isArray(node.type)) {
    return { anyOf: node.type.map((t: string) => schemaShape({ ...node, type: t }, where, strict)).sort(byJson) };
  }
  switch (node.type) {
    case 'array':
      return { array: schemaShape(node.items, `${where}[]`, strict) };
    case 'object':
      return { map: schemaShape(node.additionalProperties, `${where}{}`, strict) };
    case 'integer':
      return { type: 'number' };
    case 'string':
    case 'number':
    case 'boolean':
      return { type: node.type };
  }
  throw new Error(`${where}: cannot read schema node ${JSON.stringify(node)}`);
}

function schemaShapes(): { shapes: Map<string, Shape>; notStrict: string[] } {
  const notStrict: string[] = [];
  const shapes = new Map<string, Shape>([[ROOT, schemaShape(schema, ROOT, notStrict)]]);
  for (const [name, definition] of Object.entries<JsonSchema>(schema.definitions)) {
    shapes.set(name, schemaShape(definition, name, notStrict));
  }
  return { shapes, notStrict };
}

describe('schema/burndown-v1.schema.json matches src/slo/document.ts', () => {
  const fromTs = readDocumentTypes().shapes;
  const fromSchema = schemaShapes();

  it('defines exactly the named types document.ts uses (both directions)', () => {
    expect([...fromSchema.shapes.keys()].sort()).toEqual([...fromTs.keys()].sort());
  });

  it.each([...fromTs.keys()].sort())('%s: same properties, required lists, enums and types', (name) => {
    expect(fromSchema.shapes.get(name)).toEqual(fromTs.get(name));
  });

  it('rejects unknown fields in every object (additionalProperties: false)', () => {
    expect(fromSchema.notStrict).toEqual([]);
  });

  it('the comparison can fail: a changed required list or enum is noticed', () => {
    const broken = JSON.parse(JSON.stringify(schema));
    broken.definitions.SloDocumentSlo.required.pop();
    broken.definitions.Weekday.enum.push('someday');
    const strict: string[] = [];
    expect(schemaShape(broken.definitions.SloDocumentSlo, 'x', strict)).not.toEqual(fromTs.get('SloDocumentSlo'));
    expect(schemaShape(broken.definitions.Weekday, 'x', strict)).not.toEqual(fromTs.get('Weekday'));
  });
});

describe('documents validate against the schema', () => {
  // strictRequired would flag the oneOf/anyOf [{required: [bad]}, ...] alternatives, which name properties defined beside them.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  const validate = ajv.compile(schema);
  const examples = readdirSync(TESTDATA).filter((f) => /\.(ya?ml|json)$/.test(f));

  it('has the DESIGN.md example among the examples', () => {
    expect(examples).toContain('design-example.yaml');
  });

  it.each(examples)('testdata/%s is valid for the schema and the parser', (name) => {
    const text = readFileSync(join(TESTDATA, name), 'utf8');
    expect(parseSloDocument(text).errors).toEqual([]);
    validate(parseYaml(text));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('the document form of generated SLO files is valid', () => {
    fc.assert(
      fc.property(sloFileArb, (file) => {
        validate(toSloDocument(file));
        expect(validate.errors ?? []).toEqual([]);
      }),
      { numRuns: 200 }
    );
  });

  it.each([
    [
      'an unknown field',
      {
        apiVersion: 'burndown/v1',
        slos: [
          {
            id: 'a',
            name: 'A',
            indicator: { ratio: { bad: 'b', total: 't' } },
            objective: 0.9,
            window: { rolling: '1d' },
            owner: 'me',
          },
        ],
      },
    ],
    [
      'two window kinds',
      {
        apiVersion: 'burndown/v1',
        slos: [
          {
            id: 'a',
            name: 'A',
            indicator: { ratio: { bad: 'b', total: 't' } },
            objective: 0.9,
            window: { rolling: '1d', calendar: 'month' },
          },
        ],
      },
    ],
    [
      'a bad duration',
      {
        apiVersion: 'burndown/v1',
        slos: [
          {
            id: 'a',
            name: 'A',
            indicator: { ratio: { bad: 'b', total: 't' } },
            objective: 0.9,
            window: { rolling: '1 day' },
          },
        ],
      },
    ],
    [
      'both bad and good',
      {
        apiVersion: 'burndown/v1',
        slos: [
          {
            id: 'a',
            name: 'A',
            indicator: { ratio: { bad: 'b', good: 'g', total: 't' } },
            objective: 0.9,
            window: { rolling: '1d' },
          },
        ],
      },
    ],
    ['a wrong apiVersion', { apiVersion: 'burndown/v2', slos: [] }],
  ])('rejects %s', (_, document) => {
    expect(validate(document)).toBe(false);
  });
});
