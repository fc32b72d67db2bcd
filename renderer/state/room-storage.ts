/**
 * Settings of the room kept per map in this browser's storage (the agenda, the voting round): the
 * `vsm/1` format has no field for them. Screens follow them with useRoomSetting.
 */

/** The part of the Web Storage API (localStorage) a setting needs. */
export interface RoomStorage {
  getItem: (key: string) => string | null;
  setItem: (key: string, value: string) => void;
}
