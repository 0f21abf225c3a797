/// <reference lib="esnext.disposable" />
import type { CompleteOptions, Env, RefreshOptions, TokenInfo, TokenOptions } from './web/bluebutton_auth.js';

/** Where a session from `fromTokenResponse` refreshes and revokes its tokens. */
export interface SessionOptions extends TokenOptions {
  env: Env;
  version?: 1 | 2 | 3;
  clientId: string;
}

/** A signed-in session: tokens in memory, single-flight refresh, sign-out. */
export class BlueButtonSession {
  private constructor();
  /** Frees the session's memory in the .wasm; the session cannot be used afterwards. */
  free(): void;
  [Symbol.dispose](): void;
  /**
   * A session from a token response obtained elsewhere (e.g. by the app's own server):
   * `json` is the token endpoint's JSON text; `options` say where to refresh and revoke.
   */
  static fromTokenResponse(json: string, options: SessionOptions): BlueButtonSession;
  /** Restores a session saved with `persist: true` in this tab, or `undefined`. */
  static restore(clientSecret?: string | null): BlueButtonSession | undefined;
  /** A valid access token (refreshes once, shared, when expired or about to be). */
  accessToken(): Promise<string>;
  /** Facts about the tokens, without the secrets; throws after sign-out. */
  tokenInfo(): TokenInfo;
  /**
   * Refreshes now (joins a refresh already under way); returns the new token facts.
   * `refresh({ scopes })` asks for narrower scopes (v3: each granted, or the same resource
   * with fewer letters); a wider list rejects with `invalid_option` and keeps the session.
   */
  refresh(options?: RefreshOptions | null): Promise<TokenInfo>;
  /** Revokes the tokens at the server and forgets them here. */
  signOut(): Promise<void>;
}

/**
 * Completes a sign-in: checks state and expiry, removes the OAuth parameters from the address
 * bar, exchanges the code, and returns a `BlueButtonSession`. Called as
 * `completeAuthorization()` or `completeAuthorization({ url?, relayUrl?, clientSecret?,
 * persist? })` (the older `completeAuthorization(url, options)` still works). A denied
 * sign-in rejects with `code = "authorization_error"`.
 */
export function completeAuthorization(
  options?: CompleteOptions | string | null,
  tokenOptions?: TokenOptions,
): Promise<BlueButtonSession>;
