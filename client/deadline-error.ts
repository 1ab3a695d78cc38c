/** The run's deadline came before a request could be sent or answered: nothing was judged. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}
