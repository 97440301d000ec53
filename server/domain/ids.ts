/** Random identifiers the server makes: public slugs (not guessable) and segment and cue ids. */
import { randomBytes } from 'node:crypto';

export const newSlug = () => randomBytes(8).toString('base64url').replace(/[-_]/g, '').slice(0, 10).toLowerCase();
/** Matches the run-sheet's id rule /^[A-Za-z0-9_-]{1,40}$/. */
export const newSegmentId = () => `s${randomBytes(6).toString('base64url').replace(/[-_]/g, 'x')}`;
