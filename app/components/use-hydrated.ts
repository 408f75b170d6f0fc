import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** True once React has hydrated: what needs JavaScript may then be offered. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
