/** How the fields of a map's parts are named in a sentence, wherever Flowmap tells of a change. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  id: 'id',
  name: 'name',
  team: 'team',
  processTime: 'process time',
  leadTime: 'lead time',
  percentCompleteAccurate: '%C&A',
  people: 'people',
  notes: 'notes',
  position: 'place',
  waitTime: 'wait time',
  queue: 'queue',
  rework: 'rework probability',
  text: 'text',
  step: 'step',
  votes: 'votes',
  capability: 'capability',
  votesBy: 'dots',
  status: 'status',
  owner: 'owner',
  due: 'due date',
  effect: 'expected effect',
  state: 'state',
  calendar: 'calendar',
  hoursPerDay: 'hours per day',
  daysPerWeek: 'days per week',
};

/** `leadTime` -> `lead time`; a field without words of its own keeps its name. */
export function fieldWords(field: string): string {
  return FIELD_WORDS[field] ?? field;
}
