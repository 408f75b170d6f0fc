/** Search shapes shared by the server and the search page. */
export const DOCUMENT_TYPES = ["issue", "thread", "post", "outcome"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Text split where a match was marked; rendered as React text, so always escaped. */
export type Highlighted = { text: string; match: boolean }[];
