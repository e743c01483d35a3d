// The events the parts of the page send each other, with what each carries.
// Types only: the page never loads this file; `cargo xtask test` type-checks
// the page's JavaScript against it (tests/tsconfig.json).

/** What one line of the scrollback was made from (terminal.js). */
interface LineRecord {
  node: HTMLElement;
  kind: string;
  text: string;
  meta: {
    tag?: string | null;
    code?: string | null;
    /** What the session knew just before a server line (the façade's Facts). */
    context?: { exists: number | null; mailbox: string | null; command: string | null };
    need?: string;
    echo?: boolean;
  };
}

interface DocumentEventMap {
  /** A line typed into the main pane, as the façade's redactor showed it. */
  'playground:typed': CustomEvent<{ shown: string; need: string }>;
  /** A pane sent something to the engine: other panes and the inspector look again. */
  'playground:sent': CustomEvent<{ id: number }>;
  /** The main pane now talks to a real server (`target`) or to the sandbox (null). */
  'playground:bridge': CustomEvent<{ target: string | null }>;
  /** A lesson asks for fresh demo data; cancelled when the workbench did it. */
  'playground:reset-demo': CustomEvent<undefined>;
  /** A lesson asks the second pane to run `text`. */
  'playground:run-other': CustomEvent<{ text: string }>;
}
