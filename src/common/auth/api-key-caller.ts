/**
 * A service calling with an API key instead of a user's access token: set on the request by the api-keys
 * guard on routes marked with its `@ApiKeyAuth`. Declared here, beside `AuthUser`, because the rate limits
 * (common) count per key and the user auth guard (auth) must know to stand aside.
 */
export interface ApiKeyCaller {
  readonly keyId: string;
  readonly name: string;
  readonly scopes: readonly string[];
}
