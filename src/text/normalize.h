// Text normalization and the folded form used for all name matching.
//
// Documents keep their original bytes (evidence offsets point into them); matching
// works on a folded form that erases what writers vary: case, diacritics, apostrophe
// and ayn/hamza marks (' ‘ ’ ʿ ʾ `), hyphens, and the spelling of the Arabic article.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace orbat {

// Unicode NFC (ICU). Invalid UTF-8 is replaced, never dropped silently.
std::string Nfc(std::string_view s);

// Folds one word (no spaces inside): NFKD, marks removed, case-folded, apostrophe-like
// marks removed, Arabic letter variants unified (أ إ آ ٱ -> ا, ة -> ه, ى -> ي,
// tatweel and harakat removed). "Ḥurrās" -> "hurras", "Qa'ida" -> "qaida",
// "Ma’an" -> "maan". ASCII input takes a fast path without ICU.
std::string FoldWord(std::string_view word);

// Folds a whole name or phrase to space-separated folded words: hyphens and other
// punctuation split words; the Arabic article in its assimilated spellings
// (al-, el-, ad-, ash-, as-, at-, az-, ar-, an-, adh-, ath-) becomes "al";
// a leading "the" is dropped. "Ahrar ash-Sham" -> "ahrar al sham",
// "The Islamic State" -> "islamic state", "Jabhat Fateh al-Sham" -> "jabhat fateh al sham".
std::string FoldName(std::string_view name);

// The key the lexicon indexes names by: FoldName without any "al" article word, so
// "Jabhat al-Nusra" and "Jabhat Nusra" meet ("jabhat nusra").
std::string MatchKey(std::string_view name);

// The words of a folded name or phrase (split at spaces; views into `folded`).
std::vector<std::string_view> FoldedWords(std::string_view folded);

}  // namespace orbat
