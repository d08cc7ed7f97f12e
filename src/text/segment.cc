#include "text/segment.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>

#include "base/utf8.h"
#include "text/chars.h"
#include "text/normalize.h"

namespace orbat {

namespace {

struct CodePoint {
  char32_t c = 0;
  size_t len = 0;  // 0 at the end of the text
  CharClass cls = CharClass::kSpace;
};

CodePoint NonAsciiAt(std::string_view s, size_t i) {
  size_t j = i;
  char32_t c = DecodeUtf8(s, j);
  return {c, j - i, Classify(c)};
}

// The tokenizer's inner loop: ASCII inline, the rest out of line.
inline CodePoint At(std::string_view s, size_t i) {
  if (i >= s.size()) return {};
  unsigned char b = s[i];
  if (b < 0x80) [[likely]] return {b, 1, ClassifyAscii(b)};
  return NonAsciiAt(s, i);
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// ---- Sentences ----

bool IsBlank(char32_t c) {
  CharClass k = Classify(c);
  return k == CharClass::kSpace || k == CharClass::kFormat;
}

// Shrinks [*b, *e) past white space (and invisible format characters) at both ends.
void Trim(std::string_view s, size_t* b, size_t* e) {
  while (*b < *e) {
    size_t j = *b;
    char32_t c = DecodeUtf8(s.substr(0, *e), j);
    if (!IsBlank(c)) break;
    *b = j;
  }
  while (*e > *b) {
    size_t start = *e - 1;
    while (start > *b && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t j = start;
    char32_t c = DecodeUtf8(s.substr(0, *e), j);
    if (!IsBlank(c)) break;
    *e = start;
  }
}

bool InList(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// ICU's suppression list misses some abbreviations and does not know that "Dec." or
// "No." before a number never ends a sentence; `at` is a boundary ICU proposed inside
// `line`. True when the boundary should be dropped.
bool KeepTogether(std::string_view line, size_t at) {
  size_t b = 0, e = at;
  Trim(line, &b, &e);
  // A break with no space before it ("lit.'Guardians", "U.S.-backed") is not a sentence
  // end in running text.
  if (e == at) return true;
  if (e == 0 || line[e - 1] != '.') return false;
  size_t w = e - 1;
  while (w > 0 && (IsAsciiLetter(line[w - 1]) || line[w - 1] == '.')) --w;
  std::string_view word = line.substr(w, e - 1 - w);
  if (word.empty()) return false;
  if (word.size() == 1 && IsAsciiUpper(word[0])) return true;  // "George W. Bush"
  if (word.find('.') != std::string_view::npos) return true;   // "U.S.", "e.g."
  if (InList(word, {"Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt",
                    "Cpl", "Adm", "Brig", "Cmdr", "Gov", "Sen", "Rep", "Pres", "Prof",
                    "Rev", "Fr", "St", "Mt", "Ft", "Jr", "Sr", "Hon", "Amb", "Sh",
                    "lit", "approx", "ca", "cf", "vs", "viz"})) {
    return true;
  }
  bool number_follows = at < line.size() && IsAsciiDigit(line[at]);
  return number_follows &&
         InList(word, {"No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
                       "Sep", "Sept", "Oct", "Nov", "Dec", "Art", "Vol", "p", "pp"});
}

// The prototype is built once (loading the rules and suppressions is slow); each
// thread iterates with its own clone.
icu::BreakIterator* SentenceIterator() {
  static const icu::BreakIterator* prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::BreakIterator* bi =
        icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status);
    if (U_FAILURE(status)) {
      delete bi;
      return static_cast<icu::BreakIterator*>(nullptr);
    }
    return bi;
  }();
  thread_local std::unique_ptr<icu::BreakIterator> mine(prototype ? prototype->clone()
                                                                  : nullptr);
  return mine.get();
}

void PushTrimmed(std::string_view text, size_t b, size_t e, std::vector<Span>& out) {
  Trim(text, &b, &e);
  if (b < e) out.push_back({b, e});
}

bool MayHoldSeveralSentences(std::string_view line) {
  for (unsigned char c : line) {
    if (c == '.' || c == '!' || c == '?' || c >= 0x80) return true;
  }
  return false;
}

void SplitLine(std::string_view text, size_t b, size_t e, std::vector<Span>& out) {
  Trim(text, &b, &e);
  if (b >= e) return;
  std::string_view line = text.substr(b, e - b);
  icu::BreakIterator* bi = MayHoldSeveralSentences(line) ? SentenceIterator() : nullptr;
  if (bi == nullptr) {
    out.push_back({b, e});
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  // UTF-8 UText: the iterator's positions are byte offsets into `line`.
  utext_openUTF8(&ut, line.data(), static_cast<int64_t>(line.size()), &status);
  bi->setText(&ut, status);
  if (U_FAILURE(status)) {
    utext_close(&ut);
    out.push_back({b, e});
    return;
  }
  size_t start = 0;
  for (int32_t p = bi->next(); p != icu::BreakIterator::DONE; p = bi->next()) {
    size_t at = static_cast<size_t>(p);
    if (at < line.size() && KeepTogether(line, at)) continue;
    PushTrimmed(text, b + start, b + at, out);
    start = at;
  }
  if (start < line.size()) PushTrimmed(text, b + start, e, out);
  utext_close(&ut);
}

// ---- Tokens ----

bool IsWordChar(CharClass k) {
  return k == CharClass::kLetter || k == CharClass::kDigit || k == CharClass::kMark;
}


void SetCase(Token& t, std::string_view w) {
  bool seen = false;
  bool all_upper = true;
  int letters = 0;
  for (size_t i = 0; i < w.size();) {
    unsigned char b = w[i];
    char32_t c = b < 0x80 ? w[i++] : DecodeUtf8(w, i);
    if ((b < 0x80 ? ClassifyAscii(b) : Classify(c)) != CharClass::kLetter) continue;
    bool upper, cased;
    if (c < 0x80) {
      upper = IsAsciiUpper(static_cast<char>(c));
      cased = true;
    } else {
      upper = u_isupper(c) || u_istitle(c);
      cased = u_hasBinaryProperty(c, UCHAR_CASED);
    }
    if (!seen) t.capitalized = upper || !cased;
    seen = true;
    ++letters;
    all_upper = all_upper && upper;
  }
  t.all_caps = letters >= 2 && all_upper;
}

// "U.S.", "e.g.", and a capital initial followed by a capitalized word ("W. Bush").
// Returns the end of the initialism at `i`, or `i` when there is none.
size_t ScanInitialism(std::string_view s, size_t i, bool after_capitalized) {
  size_t p = i;
  int pairs = 0;  // single letters, each followed by a period
  while (p + 1 < s.size() && IsAsciiLetter(s[p]) && s[p + 1] == '.') {
    ++pairs;
    p += 2;
  }
  bool letter_follows = p < s.size() && IsAsciiLetter(s[p]);
  if (pairs >= 2 && !letter_follows) return p;
  if (pairs == 1 && after_capitalized && IsAsciiUpper(s[i]) && p + 1 < s.size() &&
      s[p] == ' ' && IsAsciiUpper(s[p + 1])) {
    return p;
  }
  return i;
}

struct WordEnd {
  size_t end = 0;
  size_t possessive = 0;  // length of a following "’s", 0 when none
  bool number = false;
};

// Scans the word or number that starts at `i` (a letter, digit, mark or a leading
// apostrophe that belongs to the word).
WordEnd ScanWord(std::string_view s, size_t i) {
  WordEnd r;
  CodePoint first = At(s, i);
  r.number = first.cls == CharClass::kDigit;
  size_t p = i + first.len;
  while (p < s.size()) {
    CodePoint c = At(s, p);
    if (c.cls == CharClass::kLetter || c.cls == CharClass::kMark) {
      r.number = false;
    } else if (c.cls == CharClass::kDigit || c.cls == CharClass::kFormat) {
      // part of the word
    } else if (c.cls == CharClass::kApostrophe) {
      CodePoint next = At(s, p + c.len);
      if ((next.c == 's' || next.c == 'S') && !IsModifierApostrophe(c.c) &&
          !IsWordChar(At(s, p + c.len + 1).cls)) {
        r.possessive = c.len + 1;
        break;
      }
      if (next.cls != CharClass::kLetter && !IsModifierApostrophe(c.c)) break;
    } else if (r.number && c.c == ',' && p + 3 < s.size() && IsAsciiDigit(s[p + 1]) &&
               IsAsciiDigit(s[p + 2]) && IsAsciiDigit(s[p + 3]) &&
               (p + 4 >= s.size() || !IsAsciiDigit(s[p + 4]))) {
      c.len = 4;  // thousands separator: "1,600"
    } else if (r.number && c.c == '.' && p + 1 < s.size() && IsAsciiDigit(s[p + 1])) {
      c.len = 2;  // decimal point
    } else {
      break;
    }
    p += c.len;
  }
  r.end = p;
  return r;
}

// A quote mark before a letter opens a quotation when the word after it also ends in
// one ('aggressors'); otherwise it is an ayn or hamza written with a quote (‘Aziz).
bool ApostropheStartsWord(std::string_view s, size_t i, const CodePoint& apo) {
  CodePoint next = At(s, i + apo.len);
  if (next.cls != CharClass::kLetter) return false;
  if (IsModifierApostrophe(apo.c)) return true;
  WordEnd w = ScanWord(s, i + apo.len);
  if (w.possessive) return true;
  CodePoint after = At(s, w.end);
  return after.cls != CharClass::kApostrophe || IsModifierApostrophe(after.c);
}

Token MakeToken(std::string_view s, size_t b, size_t e, TokenKind kind, bool space) {
  Token t;
  t.begin = b;
  t.end = e;
  t.kind = kind;
  t.space_before = space;
  std::string_view w = s.substr(b, e - b);
  if (kind == TokenKind::kPunct) {
    t.fold = std::string(w);
  } else {
    t.fold = FoldWord(w);
    if (kind == TokenKind::kWord) SetCase(t, w);
  }
  return t;
}

}  // namespace

bool IsArticleSpelling(std::string_view word) {
  return InList(word, {"al", "el", "ad", "ash", "as", "at", "az", "ar", "an", "adh", "ath"});
}

std::vector<Span> SplitSentences(std::string_view text) {
  std::vector<Span> out;
  size_t line = 0;
  while (line <= text.size()) {
    size_t nl = text.find('\n', line);
    if (nl == std::string_view::npos) nl = text.size();
    SplitLine(text, line, nl, out);
    line = nl + 1;
  }
  return out;
}

std::vector<Token> Tokenize(std::string_view text, size_t begin, size_t end) {
  std::string_view s = text.substr(0, std::min(end, text.size()));
  std::vector<Token> tokens;
  if (s.size() > begin) tokens.reserve((s.size() - begin) / 5 + 1);
  bool space = true;
  size_t i = begin;
  while (i < s.size()) {
    CodePoint c = At(s, i);
    switch (c.cls) {
      case CharClass::kSpace:
        space = true;
        i += c.len;
        continue;
      case CharClass::kFormat:
        i += c.len;
        continue;
      case CharClass::kHyphen: {
        CodePoint next = At(s, i + c.len);
        bool joins = !space && !tokens.empty() && tokens.back().end == i &&
                     (IsWordChar(next.cls) || next.cls == CharClass::kApostrophe);
        if (joins) {
          Token& prev = tokens.back();
          prev.hyphen_after = true;
          if (prev.kind == TokenKind::kWord && IsArticleSpelling(prev.fold)) prev.fold = "al";
          i += c.len;
          continue;  // `space` stays false: the next token is joined
        }
        break;
      }
      case CharClass::kApostrophe:
        if (!ApostropheStartsWord(s, i, c)) break;
        [[fallthrough]];
      case CharClass::kLetter:
      case CharClass::kMark:
      case CharClass::kDigit: {
        bool after_cap = !tokens.empty() && tokens.back().capitalized;
        size_t init = IsAsciiLetter(s[i]) ? ScanInitialism(s, i, after_cap) : i;
        if (init > i) {
          Token t = MakeToken(s, i, init, TokenKind::kWord, space);
          t.fold.erase(std::remove(t.fold.begin(), t.fold.end(), '.'), t.fold.end());
          tokens.push_back(std::move(t));
          i = init;
          space = false;
          continue;
        }
        WordEnd w = ScanWord(s, i);
        tokens.push_back(MakeToken(s, i, w.end, w.number ? TokenKind::kNumber : TokenKind::kWord,
                                   space));
        if (w.possessive) {
          Token poss = MakeToken(s, w.end, w.end + w.possessive, TokenKind::kPunct, false);
          poss.fold = "'s";
          tokens.push_back(std::move(poss));
        }
        i = w.end + w.possessive;
        space = false;
        continue;
      }
      case CharClass::kOther:
        break;
    }
    tokens.push_back(MakeToken(s, i, i + c.len, TokenKind::kPunct, space));
    i += c.len;
    space = false;
  }
  return tokens;
}

}  // namespace orbat
