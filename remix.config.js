/** Remix v2, classic compiler. Flags are the v3 ones verified in stack-notes. */
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.ts", "**/*.test.tsx"],
  serverBuildPath: "build/index.js",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // React and its router go into the server bundle, where the compiler defines
  // NODE_ENV as the build's mode: production builds render with React's production
  // build whatever NODE_ENV the server runs under (NODE_ENV there means secure cookies).
  serverDependenciesToBundle: [
    /^react(-dom)?(\/.*)?$/,
    /^react-router(-dom)?(\/.*)?$/,
    /^@remix-run\/(react|router)(\/.*)?$/,
    /^scheduler$/,
  ],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
