/**
 * Data a console page loads from the service once it is shown (a Lit reactive controller, so the page renders
 * again when the data or the refusal changes): what ConsolePage.renderLoaded draws.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a page has of data it loads: the data once there, the refusal (kept as thrown), and loading it again. */
export interface Loading<T> {
  data?: T;
  /** Why the latest load failed; undefined while none did. Explained in the editor's language when drawn. */
  problem?: unknown;
  load: () => unknown;
}

export class Loader<T> implements ReactiveController, Loading<T> {
  data?: T;
  problem?: unknown;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetch: () => Promise<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.load();
  }

  /** Loads (again): the retry button, or after a change the data depends on. */
  load = async (): Promise<void> => {
    this.problem = undefined;
    this.host.requestUpdate();
    try {
      this.data = await this.fetch();
    } catch (error) {
      this.problem = error;
    }
    this.host.requestUpdate();
  };
}
