// UTF-8 helpers. Orbat keeps document text as the original UTF-8 bytes and works in
// byte offsets internally; the spec counts offsets in Unicode code points, so output
// converts with CodePointOffsets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace orbat {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
// On failure *bad_offset (if given) receives the byte offset of the first bad sequence.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

// Number of code points in `s` (which must be valid UTF-8).
size_t CodePointCount(std::string_view s);

// Maps byte offsets of one text to code-point offsets. Construction is O(n); a lookup
// counts at most one checkpoint stride (128 bytes) from a table of running counts.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text);
  size_t ToCodePoint(size_t byte_offset) const;

 private:
  std::string_view text_;
  std::vector<size_t> checkpoints_;  // code-point count at every 4096th byte
};

// Decodes the code point at s[i] and advances i; invalid bytes decode as U+FFFD.
char32_t DecodeUtf8(std::string_view s, size_t& i);
void AppendUtf8(std::string& out, char32_t cp);

}  // namespace orbat
