/**
 * A figure the documentation states: a pattern with one capture group per number (a space in it matches any
 * run of whitespace, so a sentence may wrap), and the values the registries give for them.
 */
export interface ReadmeFigure {
  readonly pattern: RegExp;
  readonly values: readonly string[];
}
