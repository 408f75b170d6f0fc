/** The policy module: who may see and do what, each rule written once. */
export * from "./capabilities";
export * from "./issue-phase";
export * from "./moderation";
export * from "./rule";
export * from "./visibility";
export * from "./post-moderation-state";
export * from "./issue-closing";
export * from "./analysis";
export * from "./listening";
export * from "./sign-in";
