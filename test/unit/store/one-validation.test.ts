/**
 * A save validates its document once: where the request comes in. The real validation runs; the
 * spy only counts its calls.
 */
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/api/handlers';
import { addStep } from '../../../shared/model/commands';
import { validateDocument } from '../../../shared/model/validate';
import { tempLibrary } from './helpers';

vi.mock('../../../shared/model/validate', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../shared/model/validate')>();
  return { ...real, validateDocument: vi.fn(real.validateDocument) };
});

describe('a save through the API', () => {
  it('validates the document once, and answers with the summary and revision only', async () => {
    const library = tempLibrary();
    const opened = library.createStream('Once');
    const edited = addStep(opened.document, { name: 'Plan', processTime: 30 });
    if (!edited.ok) throw new Error(edited.error);
    vi.mocked(validateDocument).mockClear();

    const answer = await dispatch({ library }, 'saveMap', {
      id: opened.summary.id,
      document: edited.document,
      baseRevision: opened.revision,
    });
    expect(validateDocument).toHaveBeenCalledTimes(1);
    expect(answer).toEqual({ ok: true, value: { summary: library.openMap(opened.summary.id).summary, revision: 2 } });
  });
});
