/**
 * Locale data for the `format` helper's `locale` option: month/day names, long-date formats,
 * ordinals and week rules for dates (moment.js conventions), delimiters, abbreviations, ordinals
 * and currency for numbers (numeral.js conventions). A small set of locales relevant to US lead
 * traffic and its partners; an unknown locale falls back to `en`, as moment and numeral do.
 * Locale names match case-insensitively and `_` equals `-` (`en_GB` = `en-gb`).
 */

export interface DateLocale {
  months: readonly string[];
  monthsShort: readonly string[];
  weekdays: readonly string[];
  weekdaysShort: readonly string[];
  weekdaysMin: readonly string[];
  /** LT, LTS, L, LL, LLL, LLLL. The lower-case forms are derived (see `longDateFormat`). */
  longDate: Readonly<Record<"LT" | "LTS" | "L" | "LL" | "LLL" | "LLLL", string>>;
  /** `token` is the moment token family the ordinal is for: D, M, Q, DDD, d, w, W. */
  ordinal(n: number, token: string): string;
  /** First day of the week (0 = Sunday) and the January day that is always in week 1 (doy rule). */
  week: { dow: number; doy: number };
  meridiem(hour: number, lower: boolean): string;
}

export interface NumberLocale {
  thousands: string;
  decimal: string;
  abbreviations: { thousand: string; million: string; billion: string; trillion: string };
  ordinal(n: number): string;
  currency: string;
}

const defaultMeridiem = (hour: number, lower: boolean): string =>
  hour < 12 ? (lower ? "am" : "AM") : lower ? "pm" : "PM";

function englishOrdinalSuffix(n: number): string {
  const b = n % 10;
  if (Math.floor((n % 100) / 10) === 1) return "th";
  return b === 1 ? "st" : b === 2 ? "nd" : b === 3 ? "rd" : "th";
}

const enMonths = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
const enWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const en: DateLocale = {
  months: enMonths,
  monthsShort: enMonths.map((m) => m.slice(0, 3)),
  weekdays: enWeekdays,
  weekdaysShort: enWeekdays.map((d) => d.slice(0, 3)),
  weekdaysMin: enWeekdays.map((d) => d.slice(0, 2)),
  longDate: {
    LT: "h:mm A",
    LTS: "h:mm:ss A",
    L: "MM/DD/YYYY",
    LL: "MMMM D, YYYY",
    LLL: "MMMM D, YYYY h:mm A",
    LLLL: "dddd, MMMM D, YYYY h:mm A",
  },
  ordinal: (n) => `${n}${englishOrdinalSuffix(n)}`,
  week: { dow: 0, doy: 6 },
  meridiem: defaultMeridiem,
};

const enGb: DateLocale = {
  ...en,
  longDate: {
    LT: "HH:mm",
    LTS: "HH:mm:ss",
    L: "DD/MM/YYYY",
    LL: "D MMMM YYYY",
    LLL: "D MMMM YYYY HH:mm",
    LLLL: "dddd, D MMMM YYYY HH:mm",
  },
  week: { dow: 1, doy: 4 },
};

const fr: DateLocale = {
  months: [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
  ],
  monthsShort: [
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
  ],
  weekdays: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
  weekdaysShort: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
  weekdaysMin: ["di", "lu", "ma", "me", "je", "ve", "sa"],
  longDate: {
    LT: "HH:mm",
    LTS: "HH:mm:ss",
    L: "DD/MM/YYYY",
    LL: "D MMMM YYYY",
    LLL: "D MMMM YYYY HH:mm",
    LLLL: "dddd D MMMM YYYY HH:mm",
  },
  ordinal: (n, token) => {
    if (token === "D") return n === 1 ? "1er" : String(n);
    if (token === "w" || token === "W") return `${n}${n === 1 ? "re" : "e"}`;
    return `${n}${n === 1 ? "er" : "e"}`;
  },
  week: { dow: 1, doy: 4 },
  meridiem: defaultMeridiem,
};

const es: DateLocale = {
  months: [
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
  ],
  monthsShort: [
    "ene.", "feb.", "mar.", "abr.", "may.", "jun.",
    "jul.", "ago.", "sep.", "oct.", "nov.", "dic.",
  ],
  weekdays: ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
  weekdaysShort: ["dom.", "lun.", "mar.", "mié.", "jue.", "vie.", "sáb."],
  weekdaysMin: ["do", "lu", "ma", "mi", "ju", "vi", "sá"],
  longDate: {
    LT: "H:mm",
    LTS: "H:mm:ss",
    L: "DD/MM/YYYY",
    LL: "D [de] MMMM [de] YYYY",
    LLL: "D [de] MMMM [de] YYYY H:mm",
    LLLL: "dddd, D [de] MMMM [de] YYYY H:mm",
  },
  ordinal: (n) => `${n}º`,
  week: { dow: 1, doy: 4 },
  meridiem: defaultMeridiem,
};

const de: DateLocale = {
  months: [
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
  ],
  monthsShort: [
    "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni",
    "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez.",
  ],
  weekdays: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
  weekdaysShort: ["So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."],
  weekdaysMin: ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
  longDate: {
    LT: "HH:mm",
    LTS: "HH:mm:ss",
    L: "DD.MM.YYYY",
    LL: "D. MMMM YYYY",
    LLL: "D. MMMM YYYY HH:mm",
    LLLL: "dddd, D. MMMM YYYY HH:mm",
  },
  ordinal: (n) => `${n}.`,
  week: { dow: 1, doy: 4 },
  meridiem: defaultMeridiem,
};

// Maps, not object literals: a locale name comes from the template and must never reach
// Object.prototype ("constructor", "__proto__").
const DATE_LOCALES: ReadonlyMap<string, DateLocale> = new Map([
  ["en", en],
  ["en-us", en],
  ["en-gb", enGb],
  ["fr", fr],
  ["es", es],
  ["de", de],
]);

const numEn: NumberLocale = {
  thousands: ",",
  decimal: ".",
  abbreviations: { thousand: "k", million: "m", billion: "b", trillion: "t" },
  ordinal: englishOrdinalSuffix,
  currency: "$",
};

const NUMBER_LOCALES: ReadonlyMap<string, NumberLocale> = new Map<string, NumberLocale>([
  ["en", numEn],
  ["en-us", numEn],
  ["en-gb", { ...numEn, currency: "£" }],
  ["fr", {
    thousands: " ",
    decimal: ",",
    abbreviations: { thousand: "k", million: "M", billion: "Md", trillion: "Bn" },
    ordinal: (n) => (n === 1 ? "er" : "e"),
    currency: "€",
  }],
  ["de", {
    thousands: " ",
    decimal: ",",
    abbreviations: { thousand: "k", million: "m", billion: "b", trillion: "t" },
    ordinal: () => ".",
    currency: "€",
  }],
  ["es", {
    thousands: ".",
    decimal: ",",
    abbreviations: { thousand: "k", million: "mm", billion: "b", trillion: "t" },
    ordinal: (n) => {
      const b = n % 10;
      return b === 1 || b === 3 ? "er" : b === 2 ? "do" : b === 7 || b === 0 ? "mo" : b === 8 ? "vo" : b === 9 ? "no" : "to";
    },
    currency: "€",
  }],
]);

function normalizeLocaleName(name: string): string {
  return name.trim().toLowerCase().replace(/_/g, "-");
}

export function dateLocale(name: string | undefined): DateLocale {
  if (!name) return en;
  const key = normalizeLocaleName(name);
  return DATE_LOCALES.get(key) ?? DATE_LOCALES.get(key.split("-")[0]) ?? en;
}

export function numberLocale(name: string | undefined): NumberLocale {
  if (!name) return numEn;
  const key = normalizeLocaleName(name);
  return NUMBER_LOCALES.get(key) ?? NUMBER_LOCALES.get(key.split("-")[0]) ?? numEn;
}

/** Names accepted by the `locale` option (for documentation and UI pickers). */
export const SUPPORTED_LOCALES: readonly string[] = ["en", "en-us", "en-gb", "fr", "es", "de"];
