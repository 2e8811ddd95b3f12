// `is obscene` mechanism (spec 02 §5, decision): whole-word, case-insensitive match against the
// shipped list plus account additions.

import { DEFAULT_OBSCENE_WORDS } from "./obscene-words";

export type ObscenityCheck = (text: string) => boolean;

// Words are runs of letters/digits in any script; everything else (spaces, punctuation,
// apostrophes, hyphens) separates words. Scanned by hand: this runs on every evaluation of
// `is obscene`, and a Unicode-aware split regex costs several times more.
const NON_ASCII_WORD = /[\p{L}\p{N}]/u;

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return NON_ASCII_WORD.test(String.fromCharCode(c));
}

function tokens(text: string): string[] {
  const t = text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= t.length; i++) {
    const word = i < t.length && isWordChar(t.charCodeAt(i));
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(t.slice(start, i));
      start = -1;
    }
  }
  return out;
}

export function buildObscenityCheck(words: readonly string[]): ObscenityCheck {
  const single = new Set<string>();
  const phrases: string[] = [];
  // First words of phrases: the joined-phrase search only runs when one of them occurs.
  const phraseStarts = new Set<string>();
  for (const w of words) {
    if (typeof w !== "string") continue;
    const t = tokens(w);
    if (t.length === 1) single.add(t[0]);
    else if (t.length > 1) {
      phrases.push(" " + t.join(" ") + " ");
      phraseStarts.add(t[0]);
    }
  }
  return (text) => {
    const t = tokens(text);
    let phraseStart = false;
    for (let i = 0; i < t.length; i++) {
      if (single.has(t[i])) return true;
      if (phraseStarts.has(t[i])) phraseStart = true;
    }
    if (!phraseStart || t.length < 2) return false;
    const joined = " " + t.join(" ") + " ";
    for (const p of phrases) if (joined.includes(p)) return true;
    return false;
  };
}

const defaultCheck = buildObscenityCheck(DEFAULT_OBSCENE_WORDS);
// Account word lists are few and long-lived; cache their combined matcher by array identity.
const extraChecks = new WeakMap<readonly string[], ObscenityCheck>();

export function obscenityCheckFor(extra?: readonly string[]): ObscenityCheck {
  if (!extra || extra.length === 0) return defaultCheck;
  let check = extraChecks.get(extra);
  if (!check) {
    check = buildObscenityCheck([...DEFAULT_OBSCENE_WORDS, ...extra]);
    extraChecks.set(extra, check);
  }
  return check;
}
