// `is obscene` mechanism (spec 02 §5, decision): whole-word, case-insensitive match against the
// shipped list plus account additions.

import { DEFAULT_OBSCENE_WORDS } from "./obscene-words";

export type ObscenityCheck = (text: string) => boolean;

// Words are runs of letters/digits (any script); apostrophes are dropped so "f'ing"-style splits
// and possessives ("ass's") still form whole words.
const SEPARATORS = /[^\p{L}\p{N}']+/u;

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/'/g, "")
    .split(SEPARATORS)
    .filter((t) => t !== "");
}

export function buildObscenityCheck(words: readonly string[]): ObscenityCheck {
  const single = new Set<string>();
  const phrases: string[] = [];
  for (const w of words) {
    if (typeof w !== "string") continue;
    const t = tokens(w);
    if (t.length === 1) single.add(t[0]);
    else if (t.length > 1) phrases.push(" " + t.join(" ") + " ");
  }
  return (text) => {
    const t = tokens(text);
    for (let i = 0; i < t.length; i++) if (single.has(t[i])) return true;
    if (phrases.length === 0 || t.length < 2) return false;
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
