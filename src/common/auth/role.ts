/**
 * A user's global role. Declared here, below users (whose schema stores it), because every caller carries
 * one (AuthUser, access tokens) and the guards check it.
 */
export enum Role {
  Admin = 'admin',
  Moderator = 'moderator',
  Member = 'member',
}
