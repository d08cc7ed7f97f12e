#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <functional>
#include <unordered_map>
#include <vector>

#include "base/utf8.h"
#include "text/chars.h"
#include "text/segment.h"
#include "base/string_map.h"

namespace orbat {

using namespace std::string_view_literals;

namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// ‘ and ’ are by far the most common non-ASCII bytes in English news; catching them
// here keeps most words off the ICU path.
bool IsCurlyQuoteAt(std::string_view s, size_t i) {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
         static_cast<unsigned char>(s[i + 1]) == 0x80 &&
         (static_cast<unsigned char>(s[i + 2]) == 0x98 ||
          static_cast<unsigned char>(s[i + 2]) == 0x99);
}

char32_t UnifyArabic(char32_t c) {
  switch (c) {
    case 0x0623: case 0x0625: case 0x0622: case 0x0671: return 0x0627;  // alef forms
    case 0x0629: return 0x0647;  // teh marbuta -> heh
    case 0x0649: return 0x064A;  // alef maksura -> yeh
    default: return c;
  }
}

// Full Unicode path for the part of a word after its ASCII prefix. Apostrophes go
// before NFKD because U+00B4 decomposes to a space plus a mark; case folding goes
// before NFKD because folding can itself produce combining marks (İ -> i + U+0307).
void FoldRest(std::string_view rest, std::string& out) {
  icu::UnicodeString u;
  for (size_t i = 0; i < rest.size();) {
    char32_t c = DecodeUtf8(rest, i);
    if (Classify(c) != CharClass::kApostrophe) u.append(static_cast<UChar32>(c));
  }
  u.foldCase();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  icu::UnicodeString d = U_SUCCESS(status) ? nfkd->normalize(u, status) : u;
  if (U_FAILURE(status)) d = u;
  for (int32_t k = 0; k < d.length();) {
    UChar32 c = d.char32At(k);
    k += U16_LENGTH(c);
    switch (Classify(c)) {
      case CharClass::kMark: case CharClass::kFormat: case CharClass::kSpace:
      case CharClass::kApostrophe:
        continue;
      default:
        break;
    }
    if (c == 0x0640) continue;  // tatweel only stretches the line
    AppendUtf8(out, UnifyArabic(c));
  }
}

std::string JoinFoldsUncached(std::string_view name, bool drop_articles) {
  std::vector<Token> tokens = Tokenize(name, 0, name.size());
  std::string out;
  bool first = true;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kPunct || t.fold.empty()) continue;
    bool leading_the = first && t.fold == "the"sv;
    first = false;
    if (leading_the || (drop_articles && t.fold == "al"sv)) continue;
    if (!out.empty()) out += ' ';
    out += t.fold;
  }
  return out;
}

// Names are folded over and over (every mention, every lexicon probe), and the same
// few thousand recur; tokenizing each again costs far more than a hash lookup. One
// cache per thread and mode, emptied when it grows past a bound so memory stays flat.
// A name is cached the second time it is seen (a table of recent hashes remembers the
// first), so loading the lexicon's 100,000 distinct names does not fill the cache.
struct FoldCache {
  static constexpr size_t kMaxEntries = 1 << 16;
  StringMap<std::string> map;
  std::vector<size_t> seen = std::vector<size_t>(1 << 14, 0);
};

std::string JoinFolds(std::string_view name, bool drop_articles) {
  thread_local FoldCache caches[2];
  FoldCache& cache = caches[drop_articles ? 1 : 0];
  if (auto it = cache.map.find(name); it != cache.map.end()) return it->second;
  std::string folded = JoinFoldsUncached(name, drop_articles);
  size_t h = StringViewHash{}(name);
  size_t& slot = cache.seen[h & (cache.seen.size() - 1)];
  if (slot != h) {
    slot = h;
    return folded;
  }
  if (cache.map.size() >= FoldCache::kMaxEntries) cache.map.clear();
  cache.map.emplace(std::string(name), folded);
  return folded;
}

}  // namespace

std::string Nfc(std::string_view s) {
  if (IsAscii(s)) return std::string(s);
  // fromUTF8 turns each ill-formed sequence into U+FFFD.
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) u = nfc->normalize(u, status);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string FoldWord(std::string_view word) {
  // Written in place: most words are short ASCII, and appending a byte at a time
  // costs more than the folding.
  std::string out(word.size(), '\0');
  size_t n = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    unsigned char c = word[i];
    if (c < 0x80) {
      if (c == '\'' || c == '`') continue;
      out[n++] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    } else if (IsCurlyQuoteAt(word, i)) {
      i += 2;
    } else {
      out.resize(n);
      FoldRest(word.substr(i), out);
      return out;
    }
  }
  out.resize(n);
  return out;
}

std::string FoldName(std::string_view name) { return JoinFolds(name, false); }

std::string MatchKey(std::string_view name) { return JoinFolds(name, true); }

std::vector<std::string_view> FoldedWords(std::string_view folded) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < folded.size()) {
    size_t b = folded.find_first_not_of(" \t\n", i);
    if (b == std::string_view::npos) break;
    size_t e = folded.find_first_of(" \t\n", b);
    if (e == std::string_view::npos) e = folded.size();
    out.push_back(folded.substr(b, e - b));
    i = e;
  }
  return out;
}

}  // namespace orbat
