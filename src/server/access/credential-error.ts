/**
 * Why credentials were refused. `reason` is for metrics and logs (a fixed set of labels); the
 * client sees `message`, which never tells an unknown key from a revoked or expired one.
 */
export type CredentialFailure =
  | 'malformed' // not a Bearer credential, or neither a key nor a JWT
  | 'bad_key' // unknown, revoked or expired API key
  | 'bad_token' // bad signature, algorithm, issuer, audience or claims
  | 'expired_token' // exp in the past (beyond the skew) or nbf in the future
  | 'tokens_off'; // a JWT sent to a server that verifies none

export class CredentialError extends Error {
  constructor(readonly reason: CredentialFailure, message: string, readonly detail?: string) {
    super(message);
    this.name = 'CredentialError';
  }
}

/** What every refused API key gets: unknown, revoked and expired keys look the same. */
export const BAD_KEY_MESSAGE = 'the API key is not valid';
