/**
 * The agenda in presentation mode: the stage and the prompt for the room, and the timebox in
 * digits large enough for the back row of a room on a 1280×720 projector. It stands in a strip
 * below the map, which is laid out in the height left above it.
 */
import { STAGE_BY_ID, stagePosition } from '../../shared/workshop/agenda';
import type { agendaActions } from './agenda-actions';
import type { AgendaState } from './agenda-state';
import { AgendaTimer } from './AgendaBar';

/** The strip's height in screen pixels. */
export const PRESENT_AGENDA_HEIGHT = 96;

export function PresentAgenda({
  agenda,
  bound,
  top,
}: {
  agenda: AgendaState;
  bound: ReturnType<typeof agendaActions>;
  top: number;
}) {
  const stage = STAGE_BY_ID[agenda.current];
  const position = stagePosition(agenda, agenda.current);
  return (
    <section className="present-agenda" aria-label="Agenda" style={{ top, height: PRESENT_AGENDA_HEIGHT }}>
      <div className="present-agenda-stage" aria-live="polite">
        <h2>
          {position && <span className="present-agenda-position">{`${position.number}/${position.of} `}</span>}
          {stage.title}
        </h2>
        <p>{stage.prompt}</p>
      </div>
      <AgendaTimer agenda={agenda} bound={bound} large />
    </section>
  );
}
