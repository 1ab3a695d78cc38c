/** One problem with one configuration variable. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/**
 * Bad configuration, reported once with every problem found, each naming its variable, so a user
 * fixes them all in one go. Values of secrets are never quoted.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], options?: { cause?: unknown }) {
    super(
      `Invalid configuration: ${problems.map((problem) => `${problem.variable}: ${problem.message}`).join('; ')}`,
      options,
    );
    this.problems = problems;
  }
}
