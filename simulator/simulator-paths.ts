/** Where the simulator serves: the API base (the operation's path goes under it) and the token endpoint. */
export const simulatorPaths = {
  api: '/capi',
  token: '/user/oauth/token',
} as const;
