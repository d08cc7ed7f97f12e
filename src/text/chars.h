// Character classes shared by the tokenizer, the sentence splitter and folding.
// ASCII is decided by a table; everything else asks ICU's character properties.
#pragma once

namespace orbat {

enum class CharClass {
  kSpace,       // white space of any script (NBSP, U+2028, ...)
  kLetter,      // Unicode letters
  kDigit,       // decimal digits of any script
  kMark,        // combining marks (harakat, accents in NFD text)
  kApostrophe,  // ' ` ‘ ’ ´ and the modifier letters ʻ ʼ ʾ ʿ used for ayn and hamza
  kHyphen,      // - U+2010 U+2011 (not the dashes, which are punctuation)
  kFormat,      // invisible format controls (ZWJ, LRM, soft hyphen, BOM)
  kOther,       // punctuation and symbols
};

CharClass Classify(char32_t c);

// Classify for ASCII, inline for the tokenizer's inner loop: one table lookup.
namespace chars_internal {
constexpr CharClass ClassOfAscii(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::kLetter;
  if (c >= '0' && c <= '9') return CharClass::kDigit;
  if (c == ' ' || (c >= '\t' && c <= '\r')) return CharClass::kSpace;
  if (c == '\'' || c == '`') return CharClass::kApostrophe;
  if (c == '-') return CharClass::kHyphen;
  return CharClass::kOther;
}
struct AsciiTable {
  CharClass cls[128];
  constexpr AsciiTable() : cls() {
    for (int c = 0; c < 128; ++c) cls[c] = ClassOfAscii(static_cast<unsigned char>(c));
  }
};
inline constexpr AsciiTable kAsciiTable{};
}  // namespace chars_internal

inline CharClass ClassifyAscii(unsigned char c) { return chars_internal::kAsciiTable.cls[c & 0x7F]; }

// The apostrophe-like marks that are letters in their own right (ʻ ʼ ʾ ʿ): they may
// begin or end a word, where a quote mark may not.
inline bool IsModifierApostrophe(char32_t c) {
  return c == 0x02BB || c == 0x02BC || c == 0x02BE || c == 0x02BF;
}

}  // namespace orbat
