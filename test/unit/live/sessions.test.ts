import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/handlers';
import { LiveSessions, liveHost } from '../../../electron/live/sessions';
import { map } from '../helpers';
import { tempFolder, tempLibrary } from '../store/helpers';

const running: LiveSessions[] = [];
afterEach(async () => {
  for (const live of running.splice(0)) await live.stopAll();
});

function backend() {
  const library = tempLibrary();
  const live = new LiveSessions(library, tempFolder(), () => '127.0.0.1');
  running.push(live);
  const first = library.createStream('Ticket to production', map({ name: 'Ticket to production' })).summary.id;
  const second = library.createStream('Incident recovery', map({ name: 'Incident recovery' })).summary.id;
  return { backend: { library, live }, first, second };
}

describe('the app’s live session', () => {
  it('starts for a map through the API, with a join link, its QR code and the facilitator’s way in', async () => {
    const { backend: app, first } = backend();
    const started = await dispatch(app, 'startLiveSession', { id: first });
    expect(started.ok).toBe(true);
    const info = started.ok
      ? (started.value as { joinUrl: string; address: string; qrCodeSvg: string; facilitator: { url: string } })
      : undefined;
    expect(info?.joinUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/join#code=[\w-]{43}$/);
    expect(info?.joinUrl).toContain(info?.address);
    expect(info?.qrCodeSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);
    expect(info?.facilitator.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(await dispatch(app, 'liveSession', { id: first })).toEqual(started);
    expect(await dispatch(app, 'startLiveSession', { id: first })).toEqual(started);
  });

  it('runs one session at a time, and says which one runs', async () => {
    const { backend: app, first, second } = backend();
    await dispatch(app, 'startLiveSession', { id: first });
    expect(await dispatch(app, 'startLiveSession', { id: second })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'A live session is running for "Ticket to production": end it first.' },
    });
    expect(await dispatch(app, 'liveSession', { id: second })).toEqual({ ok: true, value: null });
  });

  it('stops: the join link no longer answers, and the map is given back as the library holds it', async () => {
    const { backend: app, first } = backend();
    const started = await dispatch(app, 'startLiveSession', { id: first });
    const { joinUrl } = started.ok ? (started.value as { joinUrl: string }) : { joinUrl: '' };
    expect((await fetch(new URL('/join', joinUrl))).status).toBe(404); // an empty folder here: no page, but an answer
    const stopped = await dispatch(app, 'stopLiveSession', { id: first });
    expect(stopped).toMatchObject({ ok: true, value: { summary: { id: first }, revision: 1 } });
    await expect(fetch(new URL('/join', joinUrl))).rejects.toThrow();
    expect(await dispatch(app, 'liveSession', { id: first })).toEqual({ ok: true, value: null });
  });

  it('refuses a map that is not there before it listens, and says so where there are no sessions', async () => {
    const { backend: app } = backend();
    expect(await dispatch(app, 'startLiveSession', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    const { library } = app;
    expect(
      await dispatch({ library }, 'startLiveSession', { id: library.listStreams()[0]!.maps[0]!.id }),
    ).toMatchObject({
      ok: false,
      error: { message: 'Live sessions are not available here.' },
    });
  });

  it('listens where FLOWMAP_LIVE_HOST says, else on the local network, else on 127.0.0.1', () => {
    expect(liveHost({ FLOWMAP_LIVE_HOST: '10.1.2.3' })).toBe('10.1.2.3');
    expect(liveHost({})).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
});
