// Redirect targets and whether each stays on this site (apps/server/src/lib/same-site-path.ts): one
// table for the server's tests and the web app's, so both refuse the same open redirects.
export const sameSitePathCases = [
  { path: '/', sameSite: true, why: 'the home page' },
  { path: '/reports/time?period=this_week&group_by=client', sameSite: true, why: 'a deep link with a query' },
  { path: '/time#today', sameSite: true, why: 'a path with a fragment' },
  { path: '', sameSite: false, why: 'nothing' },
  { path: 'reports/time', sameSite: false, why: 'a relative path' },
  { path: 'https://evil.example/', sameSite: false, why: 'another site' },
  { path: 'javascript:alert(1)', sameSite: false, why: 'a script' },
  { path: '//evil.example/', sameSite: false, why: 'a protocol-relative URL' },
  { path: '/\\evil.example/', sameSite: false, why: 'a backslash, which browsers read as a slash' },
  { path: '/reports\\time', sameSite: false, why: 'a backslash anywhere' },
  { path: '/\t/evil.example/', sameSite: false, why: 'a tab, which the URL parser drops' },
  { path: '/\n/evil.example/', sameSite: false, why: 'a newline, which the URL parser drops' },
  { path: '/\u0000/evil.example/', sameSite: false, why: 'another control character' },
];
