/** The architecture's boundaries (STYLE.md) are lint rules: prove that they fire. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({
  // Type-aware rules need files on disk; the boundary rules do not.
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.message);
}

describe('import boundaries', () => {
  it('keeps Node, Electron, React and the app out of shared/', async () => {
    for (const source of [
      'node:fs',
      'fs',
      'electron',
      'react',
      '@xyflow/react',
      '../../electron/store/db',
      '../../cli/main',
    ]) {
      const messages = await restrictedImports(
        'shared/model/example.ts',
        `import x from '${source}';\nexport default x;\n`,
      );
      expect(messages, source).toHaveLength(1);
    }
    expect(
      await restrictedImports('shared/model/example.ts', "import * as z from 'zod';\nexport default z;\n"),
    ).toEqual([]);
  });

  it('keeps Node and Electron out of renderer/, and React Flow inside renderer/canvas/', async () => {
    expect(
      await restrictedImports(
        'renderer/panels/Example.ts',
        "import { readFile } from 'node:fs/promises';\nexport default readFile;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'renderer/panels/Example.ts',
        "import { ReactFlow } from '@xyflow/react';\nexport default ReactFlow;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'renderer/canvas/Example.ts',
        "import { ReactFlow } from '@xyflow/react';\nexport default ReactFlow;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'cli/example.ts',
        "import { ReactFlow } from '@xyflow/react';\nexport default ReactFlow;\n",
      ),
    ).toHaveLength(1);
  });
});
