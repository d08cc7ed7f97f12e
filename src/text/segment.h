// Sentence and token segmentation with exact byte offsets into the original text.
//
// Sentences never cross a line break (encyclopedia infobox lines, headings and list
// items are statements of their own); inside a line ICU's sentence BreakIterator with
// the "standard" abbreviation suppressions decides, so "U.S. troops", "Gen. Smith",
// "Dec. 13" and "St. Louis" do not end a sentence. A guard of our own also keeps
// initials ("George W. Bush"), initialisms ("the U.N. Security"), titles and "No."/month
// abbreviations before a number together, and never breaks where no space follows the
// period ("lit.'Guardians"); the price is that "... in the U.S. The next day" stays one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace orbat {

struct Span {
  size_t begin = 0;  // byte offset, inclusive
  size_t end = 0;    // byte offset, exclusive
};

// Sentences of `text`, trimmed of surrounding white space; empty lines yield nothing.
std::vector<Span> SplitSentences(std::string_view text);

enum class TokenKind { kWord, kNumber, kPunct };

struct Token {
  size_t begin = 0;       // byte offsets into the text passed to Tokenize
  size_t end = 0;
  TokenKind kind = TokenKind::kWord;
  std::string fold;       // FoldWord of the token; for the Arabic article "al"; for an
                          // initialism its letters ("U.S." -> "us"); for punctuation
                          // the character itself ("'s" for a possessive)
  bool capitalized = false;  // first letter upper case (or a non-cased script letter)
  bool all_caps = false;     // two or more letters, all upper case ("ISIS", "AQAP")
  bool hyphen_after = false; // joined to the next token by a hyphen ("al-Nusra")
  bool space_before = true;  // white space (or start) precedes the token
};

// Tokens of text[begin, end): words (letters, digits, apostrophes inside a word:
// "Asa’ib" is one token), numbers ("1,600", "2/17/2016" is split at "/"), and single
// punctuation characters. Hyphens are not tokens: they set hyphen_after.
// An assimilated Arabic article before a hyphen (ash-, ad-, el-, ...) folds to "al".
// A possessive ending is a punctuation token of its own ("Hamas’s" -> "Hamas" + "’s",
// fold "'s"), so names match without it. Initialisms keep their periods in one token
// ("U.S.", and "W." in "George W. Bush"). An apostrophe before a word is part of it
// ("‘Aziz", an ayn) unless the word closes with a quote too ('aggressors').
std::vector<Token> Tokenize(std::string_view text, size_t begin, size_t end);

// The Arabic article in one of its written forms ("al", "el", "ad", "ash", ...),
// lower case as it is written before a hyphen in "ash-Sham", "ad-Dawla".
bool IsArticleSpelling(std::string_view word);

}  // namespace orbat
