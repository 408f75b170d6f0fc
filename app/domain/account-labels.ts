/** Words about accounts shared by server and pages (a *.server module's values are stripped from the browser bundle). */
export const FORMER_PARTICIPANT = "Former participant";
