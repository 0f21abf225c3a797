// The sign-in part's async shell: `completeAuthorization` and `BlueButtonSession`. The sign-in
// .wasm decides everything (what to send, what an answer means, every error's code and words)
// and sends nothing; this file sends what it plans with `fetch` and keeps the one refresh under
// way, which every caller joins (Blue Button rotates refresh tokens: a second refresh with the
// old one would fail). Copied into the package by scripts/write-entries.mjs.
import { SessionCore, completeStart } from './web/bluebutton_auth.js';

/** The words of whatever `fetch` or a body stream threw. */
function messageOf(e) {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : 'unknown error';
}

/**
 * Sends one request the .wasm planned (`{ url, method, headers, body?, cap }`), never following
 * a redirect, reading at most `cap` body bytes; returns the answer the .wasm reads:
 * `{ url, status, headers, body }`, or `{ url, failure, message? }` when there is none.
 */
async function send({ url, method, headers, body, cap }) {
  let response;
  try {
    response = await fetch(url, { method, headers, body, redirect: 'manual' });
  } catch (e) {
    return { url, failure: 'network', message: messageOf(e) };
  }
  const refuse = (failure) => {
    response.body?.cancel().catch(() => {});
    return { url, failure };
  };
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    return refuse('redirect');
  }
  if (Number(response.headers.get('content-length')) > cap) return refuse('too_large');
  const chunks = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > cap) {
          reader.cancel().catch(() => {});
          return { url, failure: 'too_large' };
        }
        chunks.push(value);
      }
    } catch (e) {
      return { url, failure: 'network', message: messageOf(e) };
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { url, status: response.status, headers: [...response.headers], body: bytes };
}

/** Only this module makes sessions (from a `SessionCore`). */
const MAKE = Symbol('BlueButtonSession');
let coreOf;

/** A signed-in session: tokens in memory, single-flight refresh, sign-out. */
export class BlueButtonSession {
  #core;
  /** The refresh under way (a promise of its `TokenInfo`), or null. */
  #refreshing = null;

  static {
    coreOf = (session) => session.#core;
  }

  constructor(core, make) {
    if (make !== MAKE) {
      throw Object.assign(new Error('BlueButtonSession: make a session with completeAuthorization(), BlueButtonSession.fromTokenResponse() or BlueButtonSession.restore()'), { name: 'BlueButtonError', code: 'invalid_argument' });
    }
    this.#core = core;
  }

  /** A session from a token response obtained elsewhere (e.g. by the app's own server). */
  static fromTokenResponse(json, options) {
    return new BlueButtonSession(SessionCore.fromTokenResponse(json, options), MAKE);
  }

  /** Restores a session saved with `persist: true` in this tab, or `undefined`. */
  static restore(clientSecret) {
    const core = SessionCore.restore(clientSecret);
    return core === undefined ? undefined : new BlueButtonSession(core, MAKE);
  }

  /** A valid access token (refreshes once, shared, when expired or about to be). */
  async accessToken() {
    const token = this.#core.validToken();
    if (token !== undefined) return token;
    await this.refresh();
    return this.#core.currentToken();
  }

  /** Facts about the tokens, without the secrets; throws after sign-out. */
  tokenInfo() {
    return this.#core.tokenInfo();
  }

  /**
   * Refreshes now (joins a refresh already under way); returns the new token facts.
   * `refresh({ scopes })` asks for narrower scopes, after a refresh under way.
   */
  async refresh(options) {
    if (options === undefined || options === null) {
      return this.#refreshing ?? this.#startRefresh(undefined);
    }
    await this.#refreshing?.catch(() => {});
    return this.#startRefresh(options);
  }

  #startRefresh(options) {
    const request = this.#core.refreshRequest(options);
    const running = send(request)
      .then((answer) => this.#core.finishRefresh(answer))
      .finally(() => {
        if (this.#refreshing === running) this.#refreshing = null;
      });
    this.#refreshing = running;
    return running;
  }

  /** Revokes the tokens at the server (best effort: all are tried) and forgets them here. */
  async signOut() {
    let failed = false;
    let first;
    for (const request of this.#core.signOut()) {
      try {
        SessionCore.revoked(await send(request));
      } catch (e) {
        if (!failed) [failed, first] = [true, e];
      }
    }
    if (failed) throw first;
  }

  /** Frees the session's memory in the .wasm; the session cannot be used afterwards. */
  free() {
    this.#core.free();
  }

  [Symbol.dispose]() {
    this.free();
  }
}

/**
 * `session.client()`'s API, resolved and checked by the sign-in .wasm: `{ env, version }`.
 * Internal to the package (client.js).
 */
export function clientTarget(session, env, version) {
  return coreOf(session).clientTarget(env, version);
}

/**
 * Completes a sign-in: checks state and expiry, removes the OAuth parameters from the address
 * bar, exchanges the code, and returns a `BlueButtonSession`.
 */
export async function completeAuthorization(optionsOrUrl, tokenOptions) {
  const completion = completeStart(optionsOrUrl, tokenOptions);
  try {
    const request = completion.request();
    const answer = request === undefined ? undefined : await send(request);
    return new BlueButtonSession(completion.finish(answer), MAKE);
  } finally {
    completion.free();
  }
}
