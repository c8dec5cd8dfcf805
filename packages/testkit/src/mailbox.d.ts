export interface ReceivedMail {
  /** Recipients, lower case. */
  to: string[];
  /** The message as received: headers and body. */
  raw: string;
}

export interface TestMailbox {
  /** SMTP_URL for a Keito server that should send here. */
  url: string;
  /**
   * The next mail to an address (case-insensitive), of those `match` accepts (any by default); fails
   * after `timeoutMs` (15 s by default). Mails it passes over stay for later calls.
   */
  waitFor(to: string, timeoutMs?: number, match?: (mail: ReceivedMail) => boolean): Promise<ReceivedMail>;
  close(): Promise<void>;
  /** With `startMailbox({ http: true })`: GET `${httpUrl}/next?to=...` answers the next mail's raw text. */
  httpUrl?: string;
}

/**
 * A real SMTP server on a free port (or on `port`, to bring back a mail server that was down) that
 * keeps every message it accepts, until `close()`.
 */
export declare function startMailbox(options?: { port?: number; http?: boolean }): Promise<TestMailbox>;

/** The invitation link in a mail's text, undoing quoted-printable line folding. */
export declare function invitationLink(mail: ReceivedMail): string;
