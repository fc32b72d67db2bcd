/**
 * The templates a new value stream can start from: vsm/1 files in `assets/templates/`, read and
 * validated when asked for, each with a one-line description of what it maps. A template that is
 * missing or invalid is left out of the list and refused by name when asked for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMPLATE_IDS, type TemplateId, type TemplateSummary } from '../../shared/api/types';
import { describeIssues } from '../../shared/model/issues';
import type { VsmDocument } from '../../shared/model/schema';
import { parseDocumentText } from '../../shared/model/text';
import { LibraryError } from '../store/errors';

/** The templates in the source tree; the desktop app passes its own folder when packaged. */
export const SOURCE_TEMPLATES_FOLDER = fileURLToPath(new URL('../../assets/templates/', import.meta.url));

/** What the new-stream form calls each template, and what it maps. */
const OFFERED: Record<TemplateId, { name: string; description: string }> = {
  guided: {
    name: 'Guided workshop',
    description: 'No steps yet, a parking lot in the notes: the room builds the map stage by stage.',
  },
  'ticket-to-production': {
    name: 'Ticket to production',
    description: 'From a ticket on the backlog through review and test to production.',
  },
  'incident-recovery': {
    name: 'Incident recovery',
    description: "DORA's recovery value stream: from detecting a failure to the service restored.",
  },
  'platform-onboarding': {
    name: 'Platform onboarding',
    description: "A new team's way onto the internal platform, up to its first deployment.",
  },
  'customer-bug-fix': {
    name: 'Customer bug fix',
    description: "From a customer's bug report to the fix confirmed with them.",
  },
};

/** A template's document, read and validated; a missing or invalid file is a clear error. */
export function readTemplate(id: TemplateId, folder = SOURCE_TEMPLATES_FOLDER): VsmDocument {
  const file = `${id}.json`;
  let text: string;
  try {
    text = readFileSync(join(folder, file), 'utf8');
  } catch {
    throw new LibraryError('not-found', `The template "${id}" is missing: ${file} is not in ${folder}.`);
  }
  const parsed = parseDocumentText(text, 'json');
  if (!parsed.ok) {
    throw new LibraryError('invalid', `The template "${id}" is not a valid map: ${describeIssues(parsed).join('; ')}`);
  }
  return parsed.document;
}

/** The templates that can be used, in the order the new-stream form offers them. */
export function listTemplates(folder = SOURCE_TEMPLATES_FOLDER): TemplateSummary[] {
  return TEMPLATE_IDS.flatMap((id) => {
    try {
      const document = readTemplate(id, folder);
      return [{ id, ...OFFERED[id], steps: document.steps.length }];
    } catch (error) {
      console.error(`Flowmap: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  });
}
