/** The SDK's version, sent in the User-Agent header so server logs can tell client versions apart. */
export const VERSION = '0.1.0';
