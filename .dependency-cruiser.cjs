// @ts-check
/**
 * The module graph's rules, checked by `npm run lint` (docs/architecture.md, "Layers"): no import cycles
 * anywhere, and in src/ imports only go down the layer order below ("features talk down, and hear up":
 * a lower feature that must react to a higher one listens to its domain events).
 */

// realtime/ holds two layers: the socket event map with the server events' payloads and the publisher every
// feature announces through (they import nothing of a feature), and the gateway, which authenticates sockets
// and reads conversations and presence.
const REALTIME_PUBLISHER =
  '(events|server-events|realtime\\.publisher|chat-server\\.ref|realtime-publisher\\.module)\\.ts$';

/** Lowest first: a layer may import the layers before it, never one after it. */
const LAYERS = [
  { name: 'config', path: '^src/config/' },
  { name: 'common', path: '^src/common/' },
  // Serving the built web client and its Content-Security-Policy read only the config.
  { name: 'web client', path: '^src/web-client/' },
  { name: 'audit', path: '^src/audit/' },
  // Keys of other services and the guard checking them record into audit only.
  { name: 'api keys', path: '^src/api-keys/' },
  { name: 'realtime publisher', path: `^src/realtime/${REALTIME_PUBLISHER}` },
  { name: 'users', path: '^src/users/' },
  { name: 'conversations', path: '^src/conversations/' },
  { name: 'presence', path: '^src/presence/' },
  { name: 'mail', path: '^src/mail/' },
  { name: 'auth', path: '^src/auth/' },
  { name: 'realtime gateway', path: `^src/realtime/(?!${REALTIME_PUBLISHER})` },
  { name: 'messages', path: '^src/messages/' },
  { name: 'moderation', path: '^src/moderation/' },
  { name: 'upload', path: '^src/upload/' },
  { name: 'notifications', path: '^src/notifications/' },
  // Calls read conversations, presence, blocks and push subscriptions, post their `call` messages through
  // messages and their missed calls into the inbox.
  { name: 'calls', path: '^src/calls/' },
  // Search reads conversations, messages and blocks, and hears messages' text changes through their events.
  { name: 'search', path: '^src/search/' },
  // Data export and deletion read from and erase in every feature below.
  { name: 'account', path: '^src/account/' },
  { name: 'health', path: '^src/health/' },
  { name: 'app', path: '^src/[^/]+$' },
];

const layerRules = LAYERS.slice(0, -1).map((layer, index) => {
  const above = LAYERS.slice(index + 1);
  return {
    name: `layer-${layer.name.replace(/ /g, '-')}`,
    comment: `${layer.name} may not import the layers above it (${above.map((a) => a.name).join(', ')})`,
    severity: 'error',
    from: { path: layer.path },
    to: { path: above.map((a) => a.path) },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: move what both sides need to the lower one (or to where both depend on it)',
      severity: 'error',
      from: { path: '^(src|test|bench|scripts)/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'layer-unknown',
      comment: 'A src/ folder without a place in LAYERS: add it where its imports put it',
      severity: 'error',
      from: { path: '^src/', pathNot: LAYERS.map((layer) => layer.path) },
      to: {},
    },
    {
      name: 'src-not-to-tooling',
      comment: 'The app never imports the tests, the benchmark or the scripts',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the checker cannot resolve would escape the rules above',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Built output (the benchmark's snapshot builds under bench/.build), results and the Go test server.
    exclude: { path: ['^dist/', '^bench/(\\.build|results)/', '^test/support/ferretdb/'] },
    // Type-only imports count: a cycle or an upward import through types is one all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
