/** The settings the app keeps in its library, each with its schema and default. */
import * as z from 'zod';
import { calendarSchema } from '../../shared/model/schema';
import { DEFAULT_CALENDAR } from '../../shared/model/duration';
import type { Library } from './library';

const SETTINGS = {
  /** Map ids, most recently opened first. */
  recentMaps: z.array(z.string()).max(20).default([]),
  /** Where the window was, to open it there again. */
  windowState: z
    .strictObject({
      x: z.number().int(),
      y: z.number().int(),
      width: z.number().int().min(200),
      height: z.number().int().min(150),
      maximized: z.boolean(),
    })
    .nullable()
    .default(null),
  /** The calendar new maps start with. */
  defaultCalendar: calendarSchema.default(DEFAULT_CALENDAR),
  /** Whether the example maps were offered (added to a new library) already. */
  examplesOffered: z.boolean().default(false),
  /** The day (YYYY-MM-DD, UTC) of the last automatic backup. */
  lastBackupDay: z.string().nullable().default(null),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]>;

/** A setting's value; a missing or unreadable stored value gives the default. */
export function getSetting<K extends SettingKey>(library: Library, key: K): SettingValue<K> {
  const schema: z.ZodType = SETTINGS[key];
  const parsed = schema.safeParse(library.readSetting(key));
  // Each schema has a default, so parsing `undefined` gives it.
  return (parsed.success ? parsed.data : schema.parse(undefined)) as SettingValue<K>;
}

/** Stores a setting after checking it against its schema. */
export function setSetting<K extends SettingKey>(library: Library, key: K, value: SettingValue<K>): void {
  library.writeSetting(key, SETTINGS[key].parse(value));
}

/** Puts a map first in the recent list. */
export function noteRecentMap(library: Library, mapId: string): void {
  const recent = getSetting(library, 'recentMaps').filter((id) => id !== mapId);
  setSetting(library, 'recentMaps', [mapId, ...recent].slice(0, 20));
}
