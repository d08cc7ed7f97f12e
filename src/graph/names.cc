#include "graph/names.h"

#include "text/normalize.h"

namespace orbat::graph {

namespace {

bool Vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

std::string LooseWord(const std::string& w) {
  // Only plain ASCII words are loosened; other scripts keep their folded form.
  for (unsigned char c : w)
    if (c >= 0x80) return w;
  std::string s;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    char n = i + 1 < w.size() ? w[i + 1] : '\0';
    if (c == 'a' && n == 'e') { s += "ai"; ++i; continue; }
    if (c == 'e' && n == 'e') { s += 'i'; ++i; continue; }
    if (c == 'o' && (n == 'o' || n == 'u')) { s += 'u'; ++i; continue; }
    if (c == 'e' && n == 'i') { s += "ai"; ++i; continue; }
    if (c == 'y') c = 'i';
    else if (c == 'e') c = 'a';
    else if (c == 'o') c = 'u';
    s += c;
  }
  // Collapse doubled letters.
  std::string out;
  for (char c : s)
    if (out.empty() || out.back() != c) out += c;
  // A final h after a vowel ("ummah", "fatah") is dropped.
  if (out.size() > 2 && out.back() == 'h' && Vowel(out[out.size() - 2])) out.pop_back();
  return out;
}

}  // namespace

std::string LooseKey(std::string_view name) {
  std::string key = MatchKey(name);
  if (key.empty()) return {};
  std::string out = "~";
  size_t start = 0;
  while (start <= key.size()) {
    size_t pos = key.find(' ', start);
    std::string w = key.substr(start, pos == std::string::npos ? std::string::npos : pos - start);
    if (!w.empty()) {
      if (out.size() > 1) out += ' ';
      out += LooseWord(w);
    }
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return out;
}

}  // namespace orbat::graph
