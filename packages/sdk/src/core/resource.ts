import type { Keito } from '../client.js';

/** Base of every resource class: holds the client whose transport it uses. */
export abstract class APIResource {
  protected readonly _client: Keito;

  constructor(client: Keito) {
    this._client = client;
  }
}
