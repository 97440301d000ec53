/** The live screens' own rules, pure: keys, countdown text, stock and time inputs, cues, run-sheet rows, alert tones, host product card, text fitting. */
export * from './keys';
export * from './time';
export * from './stock';
export * from './cues';
export * from './runsheet';
export * from './alerts';
export * from './messages';
export * from './product';
export * from './fit';
export * from './rehearsal';
export * from './figures';
