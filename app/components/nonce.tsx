/**
 * The CSP nonce of the response being rendered, for Remix's inline scripts. Only the
 * server knows it; in the browser it is undefined (browsers hide nonces from the DOM,
 * so hydration has nothing to compare).
 */
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
