/** TOTP windows and replays, and recovery codes: pure functions, no clock but the one given. */
import { describe, expect, it } from "vitest";
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from "./recovery-codes";
import { base32Key, matchTotp, newTotpKey, totpCodeAt, totpKeyUri, totpStep } from "./totp";

// RFC 6238 appendix B's SHA-1 key, "12345678901234567890".
const RFC_KEY = new TextEncoder().encode("12345678901234567890");

describe("TOTP", () => {
  it("computes RFC 6238's test vectors (last 6 digits)", () => {
    expect(totpCodeAt(RFC_KEY, totpStep(new Date(59_000)))).toBe("287082");
    expect(totpCodeAt(RFC_KEY, totpStep(new Date(1_111_111_109_000)))).toBe("081804");
    expect(totpCodeAt(RFC_KEY, totpStep(new Date(2_000_000_000_000)))).toBe("279037");
  });

  it("accepts the previous, current and next step, and nothing further", () => {
    const now = new Date("2026-11-30T12:00:10Z");
    const step = totpStep(now);
    for (const offset of [-1, 0, 1])
      expect(matchTotp(RFC_KEY, totpCodeAt(RFC_KEY, step + offset), now, null)).toBe(step + offset);
    for (const offset of [-3, -2, 2, 3])
      expect(matchTotp(RFC_KEY, totpCodeAt(RFC_KEY, step + offset), now, null)).toBeNull();
  });

  it("refuses a replay: the same step, or an earlier one, once a code was used", () => {
    const now = new Date("2026-11-30T12:00:10Z");
    const step = totpStep(now);
    const code = totpCodeAt(RFC_KEY, step);
    expect(matchTotp(RFC_KEY, code, now, null)).toBe(step);
    expect(matchTotp(RFC_KEY, code, now, step)).toBeNull();
    expect(matchTotp(RFC_KEY, totpCodeAt(RFC_KEY, step - 1), now, step)).toBeNull();
    expect(matchTotp(RFC_KEY, totpCodeAt(RFC_KEY, step + 1), now, step)).toBe(step + 1);
  });

  it("reads spaces leniently and refuses what is not six digits", () => {
    const now = new Date("2026-11-30T12:00:10Z");
    const code = totpCodeAt(RFC_KEY, totpStep(now));
    expect(matchTotp(RFC_KEY, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).not.toBeNull();
    for (const typed of ["", "12345", "1234567", "abcdef", `${code}0`])
      expect(matchTotp(RFC_KEY, typed, now, null)).toBeNull();
  });

  it("makes 160-bit keys, an otpauth address and Base32 text an app can take", () => {
    const key = newTotpKey();
    expect(key).toHaveLength(20);
    expect(newTotpKey()).not.toEqual(key);
    expect(totpKeyUri(RFC_KEY, "officer@example.gov.uk")).toMatch(
      /^otpauth:\/\/totp\/Parley:officer%40example\.gov\.uk\?.*secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ/,
    );
    expect(base32Key(RFC_KEY).replace(/ /g, "")).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  });
});

describe("recovery codes", () => {
  it("are ten, distinct, and hash the same however they are typed", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const code = codes[0]!;
    expect(hashRecoveryCode("s", code.toUpperCase().replace("-", " "))).toBe(
      hashRecoveryCode("s", code),
    );
    expect(hashRecoveryCode("other", code)).not.toBe(hashRecoveryCode("s", code));
    expect(normaliseRecoveryCode(" AbCdE-fGhJk ")).toBe("abcdefghjk");
  });
});
