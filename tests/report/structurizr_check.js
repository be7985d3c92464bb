// Parse a Structurizr DSL file with the structurizr-parser npm package (lexer, parser and its
// C4 interpreter) and print {"errors": [...], "workspace": {...}} as JSON.
const fs = require("fs");
const { StructurizrLexer, StructurizrParser, C4Interpreter } = require("structurizr-parser");

const text = fs.readFileSync(process.argv[2], "utf8");
const lexed = StructurizrLexer.tokenize(text);
StructurizrParser.input = lexed.tokens;
const cst = StructurizrParser.workspaceWrapper();
const errors = [
  ...lexed.errors.map((e) => `lex: ${e.message} (line ${e.line})`),
  ...StructurizrParser.errors.map((e) => `parse: ${e.message} (line ${e.token && e.token.startLine})`),
];
let workspace = null;
if (errors.length === 0) {
  try {
    workspace = C4Interpreter.visit(cst);
  } catch (e) {
    errors.push(`interpret: ${e.message}`);
  }
}
process.stdout.write(JSON.stringify({ errors, workspace }));
