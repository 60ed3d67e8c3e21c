// The catalogue against the code: every event type in it is emitted somewhere (so nothing listens for an event
// that never comes — listeners are typed to the catalogue), and every emit names its type exactly (a literal
// or a union of literals the compiler can list), so the type check sees what each one sends.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from './event-catalogue';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The event types each `….emit({ type, … })` in the server's code can send, as the compiler sees them. */
function emittedTypes(): { types: Set<string>; vague: string[] } {
  const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const files = parsed.fileNames.filter((file) => file.startsWith(path.join(root, 'server')) && !file.endsWith('.test.ts'));
  const program = ts.createProgram(files, parsed.options);
  const checker = program.getTypeChecker();
  const types = new Set<string>();
  const vague: string[] = [];
  for (const source of program.getSourceFiles()) {
    if (!files.includes(source.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'emit' &&
        node.arguments[0] &&
        ts.isObjectLiteralExpression(node.arguments[0])
      ) {
        const property = node.arguments[0].properties.find(
          (p): p is ts.PropertyAssignment | ts.ShorthandPropertyAssignment =>
            (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText() === 'type',
        );
        if (property) {
          const type = checker.getTypeAtLocation(ts.isPropertyAssignment(property) ? property.initializer : property.name);
          for (const member of type.isUnion() ? type.types : [type]) {
            if (member.isStringLiteral()) types.add(member.value);
            else vague.push(`${path.relative(root, source.fileName)}: ${property.getText()} (${checker.typeToString(member)})`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { types, vague };
}

describe('the event catalogue', () => {
  it('has every event type emitted somewhere, and every emit names types the compiler can list', () => {
    const { types, vague } = emittedTypes();
    expect(vague).toEqual([]);
    expect(EVENT_TYPES.filter((type) => !types.has(type))).toEqual([]);
    expect([...types].filter((type) => !(EVENT_TYPES as readonly string[]).includes(type))).toEqual([]);
  }, 120_000);
});
