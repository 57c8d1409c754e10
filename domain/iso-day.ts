/**
 * An ISO day (`2009-12-05`, or the day part of an instant's ISO text) as people write it:
 * `05/12/2009`. Pure string work, no zone and no library, so the workflow bundle and every surface
 * can use it; an instant's day in a zone is `localDateOf` (`date-phrases.ts`) first.
 */
export const isoDayVn = (iso: string): string => iso.slice(0, 10).split('-').reverse().join('/');
