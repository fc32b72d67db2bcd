/**
 * Where a JSON text first breaks the grammar. `JSON.parse` on Node 20 often says only
 * "Unexpected token" without a position; a person fixing a hand-edited map wants the line.
 * Used only after `JSON.parse` has failed, so it favours clarity over speed.
 */

/** The offset of the first syntax error, or undefined when none is found. */
export function locateJsonError(text: string): number | undefined {
  let at = 0;
  const fail = (): never => {
    throw new SyntaxAt(at);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const expect = (char: string) => {
    space();
    if (text[at] !== char) fail();
    at++;
  };
  const string = () => {
    expect('"');
    while (at < text.length && text[at] !== '"') {
      const char = text[at]!;
      if (char < ' ') fail();
      if (char === '\\') {
        at++;
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail();
          at += 4;
        } else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail();
      }
      at++;
    }
    if (at >= text.length) fail();
    at++;
  };
  // Containers are handled with an explicit stack, so deep nesting cannot overflow the call stack.
  const value = () => {
    const stack: ('[' | '{')[] = [];
    for (;;) {
      space();
      const char = text[at];
      if (char === '{' || char === '[') {
        at++;
        space();
        const close = char === '{' ? '}' : ']';
        if (text[at] === close) at++;
        else {
          stack.push(char);
          if (char === '{') {
            string();
            expect(':');
          }
          continue;
        }
      } else if (char === '"') string();
      else {
        const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
          text.slice(at, at + 400),
        );
        if (!literal) fail();
        at += literal![0].length;
      }
      // After a value: close containers or go on to the next element.
      for (;;) {
        const open = stack[stack.length - 1];
        if (!open) return;
        space();
        if (text[at] === ',') {
          at++;
          if (open === '{') {
            string();
            expect(':');
          }
          break;
        }
        if (text[at] !== (open === '{' ? '}' : ']')) fail();
        at++;
        stack.pop();
      }
    }
  };
  try {
    value();
    space();
    return at < text.length ? at : undefined;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    throw error;
  }
}

class SyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}
