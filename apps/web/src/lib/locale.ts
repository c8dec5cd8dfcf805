// What the browser tells us about where the user is, for the setup wizard's defaults.

const EURO = [
  'AT',
  'BE',
  'CY',
  'DE',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PT',
  'SI',
  'SK',
];
const CURRENCY_BY_REGION: Record<string, string> = {
  US: 'USD',
  GB: 'GBP',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  CH: 'CHF',
  JP: 'JPY',
  CN: 'CNY',
  IN: 'INR',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  CZ: 'CZK',
  HU: 'HUF',
  RO: 'RON',
  BR: 'BRL',
  MX: 'MXN',
  ZA: 'ZAR',
  SG: 'SGD',
  HK: 'HKD',
  KR: 'KRW',
  IL: 'ILS',
  AE: 'AED',
  TR: 'TRY',
  AR: 'ARS',
  CL: 'CLP',
  CO: 'COP',
  ID: 'IDR',
  MY: 'MYR',
  PH: 'PHP',
  TH: 'THB',
  VN: 'VND',
  NG: 'NGN',
  KE: 'KES',
  EG: 'EGP',
  SA: 'SAR',
  UA: 'UAH',
  IS: 'ISK',
  BG: 'BGN',
};
for (const region of EURO) CURRENCY_BY_REGION[region] = 'EUR';

export const CURRENCIES = [...new Set(Object.values(CURRENCY_BY_REGION))].sort();

export function detectTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The currency of the region in the browser's language tag (en-GB -> GBP); USD when unknown. */
export function detectCurrency(languages: readonly string[] = navigator.languages): string {
  for (const language of languages) {
    const region = new Intl.Locale(language).maximize().region;
    const currency = region === undefined ? undefined : CURRENCY_BY_REGION[region];
    if (currency) return currency;
  }
  return 'USD';
}

export function timezones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
