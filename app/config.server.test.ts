import { describe, expect, it } from "vitest";
import { ConfigurationError, readConfig } from "./config.server";

describe("configuration from the environment", () => {
  it("runs on its documented defaults with nothing set", () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      editWindowMinutes: 30,
      unansweredAfterDays: 5,
      responseWeeks: 12,
      production: false,
      seedDemo: true,
      runWorker: true,
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  it("reads what is set, treating blank as unset", () => {
    const config = readConfig({
      PORT: "8080",
      PARLEY_EDIT_WINDOW_MINUTES: "10",
      PARLEY_UNANSWERED_DAYS: "2",
      DATABASE_URL: "",
      PUBLIC_ORIGIN: "https://parley.example.gov.uk/some/path",
      PARLEY_WORKER: "off",
    });
    expect(config).toMatchObject({
      port: 8080,
      editWindowMinutes: 10,
      unansweredAfterDays: 2,
      databaseUrl: undefined,
      publicOrigin: "https://parley.example.gov.uk",
      runWorker: false,
    });
  });

  it("refuses bad values at start, naming every one", () => {
    const attempt = () =>
      readConfig({ PORT: "eighty", PARLEY_SESSION_MAX_DAYS: "-1", PUBLIC_ORIGIN: "parley" });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/PORT must be a whole number/);
    expect(attempt).toThrow(/PARLEY_SESSION_MAX_DAYS must be a number of 0 or more, not "-1"/);
    expect(attempt).toThrow(/PUBLIC_ORIGIN must be an absolute URL/);
  });
});

describe("the metrics token", () => {
  it("is off by default, and refused when too short to guard anything", () => {
    expect(readConfig({}).metricsToken).toBeUndefined();
    expect(readConfig({ PARLEY_METRICS_TOKEN: "a-long-enough-scrape-token" }).metricsToken).toBe(
      "a-long-enough-scrape-token",
    );
    expect(() => readConfig({ PARLEY_METRICS_TOKEN: "short" })).toThrow(
      /PARLEY_METRICS_TOKEN must be at least 16 characters/,
    );
  });
});
