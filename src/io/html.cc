// HtmlToText: a single forward pass over the page, no DOM and no regular expressions,
// so time is linear in the input and malformed markup (unclosed tags, quotes or
// comments) just ends the pass early instead of failing. Only what a reader sees in
// the body is kept; <head> contributes the title and the publication date.

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "io/internal.h"
#include "io/reader.h"

namespace orbat {

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

struct NamedEntity {
  const char* name;
  char32_t cp;
};

// The entities that occur in news and encyclopedia pages; anything rarer stays
// literal, which loses nothing a reader of the extracted text would need.
constexpr NamedEntity kEntities[] = {
    {"amp", '&'},       {"lt", '<'},        {"gt", '>'},        {"quot", '"'},
    {"apos", '\''},     {"nbsp", 0xA0},     {"ndash", 0x2013},  {"mdash", 0x2014},
    {"hellip", 0x2026}, {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"sbquo", 0x201A},
    {"ldquo", 0x201C},  {"rdquo", 0x201D},  {"bdquo", 0x201E},  {"laquo", 0xAB},
    {"raquo", 0xBB},    {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"bull", 0x2022},
    {"middot", 0xB7},   {"copy", 0xA9},     {"reg", 0xAE},      {"trade", 0x2122},
    {"deg", 0xB0},      {"plusmn", 0xB1},   {"times", 0xD7},    {"divide", 0xF7},
    {"frac12", 0xBD},   {"frac14", 0xBC},   {"frac34", 0xBE},   {"sect", 0xA7},
    {"para", 0xB6},     {"euro", 0x20AC},   {"pound", 0xA3},    {"cent", 0xA2},
    {"yen", 0xA5},      {"dagger", 0x2020}, {"prime", 0x2032},  {"shy", 0xAD},
    {"ensp", 0x2002},   {"emsp", 0x2003},   {"thinsp", 0x2009}, {"zwnj", 0x200C},
    {"zwj", 0x200D},    {"lrm", 0x200E},    {"rlm", 0x200F},    {"iexcl", 0xA1},
    {"iquest", 0xBF},   {"acute", 0xB4},    {"Agrave", 0xC0},   {"Aacute", 0xC1},
    {"Acirc", 0xC2},    {"Atilde", 0xC3},   {"Auml", 0xC4},     {"Aring", 0xC5},
    {"AElig", 0xC6},    {"Ccedil", 0xC7},   {"Egrave", 0xC8},   {"Eacute", 0xC9},
    {"Ecirc", 0xCA},    {"Euml", 0xCB},     {"Igrave", 0xCC},   {"Iacute", 0xCD},
    {"Icirc", 0xCE},    {"Iuml", 0xCF},     {"Ntilde", 0xD1},   {"Ograve", 0xD2},
    {"Oacute", 0xD3},   {"Ocirc", 0xD4},    {"Otilde", 0xD5},   {"Ouml", 0xD6},
    {"Oslash", 0xD8},   {"Ugrave", 0xD9},   {"Uacute", 0xDA},   {"Ucirc", 0xDB},
    {"Uuml", 0xDC},     {"Yacute", 0xDD},   {"szlig", 0xDF},    {"agrave", 0xE0},
    {"aacute", 0xE1},   {"acirc", 0xE2},    {"atilde", 0xE3},   {"auml", 0xE4},
    {"aring", 0xE5},    {"aelig", 0xE6},    {"ccedil", 0xE7},   {"egrave", 0xE8},
    {"eacute", 0xE9},   {"ecirc", 0xEA},    {"euml", 0xEB},     {"igrave", 0xEC},
    {"iacute", 0xED},   {"icirc", 0xEE},    {"iuml", 0xEF},     {"ntilde", 0xF1},
    {"ograve", 0xF2},   {"oacute", 0xF3},   {"ocirc", 0xF4},    {"otilde", 0xF5},
    {"ouml", 0xF6},     {"oslash", 0xF8},   {"ugrave", 0xF9},   {"uacute", 0xFA},
    {"ucirc", 0xFB},    {"uuml", 0xFC},     {"yacute", 0xFD},   {"yuml", 0xFF},
    {"OElig", 0x152},   {"oelig", 0x153},   {"Scaron", 0x160},  {"scaron", 0x161},
    {"Yuml", 0x178},    {"circ", 0x2C6},    {"tilde", 0x2DC},   {"minus", 0x2212},
};

// HTML5 reads numeric references 0x80-0x9F as Windows-1252, which is what pages
// written in that encoding meant (&#150; is an en dash, not a C1 control).
constexpr char16_t kCp1252[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

// Decodes the character reference at s[i] == '&'. On success sets *cp, advances i
// past it and returns true; otherwise leaves i alone (the '&' is literal text).
bool DecodeEntity(std::string_view s, size_t& i, char32_t* cp) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '#') {
    ++j;
    bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    size_t start = j;
    uint32_t value = 0;
    while (j < s.size() && j - start < 8) {
      char c = s[j];
      uint32_t d;
      if (IsDigit(c)) d = c - '0';
      else if (hex && Lower(c) >= 'a' && Lower(c) <= 'f') d = Lower(c) - 'a' + 10;
      else break;
      value = value * (hex ? 16 : 10) + d;
      ++j;
    }
    if (j == start) return false;
    if (j < s.size() && s[j] == ';') ++j;  // the semicolon is optional for numbers
    if (value >= 0x80 && value <= 0x9F) value = kCp1252[value - 0x80];
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) value = 0xFFFD;
    *cp = value;
    i = j;
    return true;
  }
  size_t start = j;
  while (j < s.size() && j - start < 10 && (IsAlpha(s[j]) || IsDigit(s[j]))) ++j;
  if (j == start || j >= s.size() || s[j] != ';') return false;
  std::string_view name = s.substr(start, j - start);
  for (const NamedEntity& e : kEntities) {
    if (name == e.name) {
      *cp = e.cp;
      i = j + 1;
      return true;
    }
  }
  return false;
}

// Builds the visible text: white space collapses to one space, block boundaries to
// line breaks, and nothing is left dangling at either end.
class TextBuilder {
 public:
  void Space() { pending_space_ = true; }
  void Break(int lines) { pending_breaks_ = std::max(pending_breaks_, lines); }
  void Append(std::string_view s) {
    if (s.empty()) return;
    if (!out_.empty()) {
      if (pending_breaks_ > 0) out_.append(pending_breaks_, '\n');
      else if (pending_space_) out_ += ' ';
    }
    pending_breaks_ = 0;
    pending_space_ = false;
    out_.append(s);
  }
  void AppendCodePoint(char32_t cp) {
    std::string buf;
    AppendUtf8(buf, cp);
    Append(buf);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  bool pending_space_ = false;
  int pending_breaks_ = 0;
};

// Appends decoded text (entities resolved, white space collapsed) to *out.
void AppendText(std::string_view s, TextBuilder* out) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (IsSpace(c)) {
      out->Space();
      ++i;
      continue;
    }
    if (c == '&') {
      char32_t cp;
      if (DecodeEntity(s, i, &cp)) {
        // A no-break space separates words like any other space; keeping U+00A0
        // would only make tokenizers downstream treat it specially.
        if (cp == 0xA0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') out->Space();
        else out->AppendCodePoint(cp);
        continue;
      }
    }
    size_t j = i + 1;
    while (j < s.size() && !IsSpace(s[j]) && s[j] != '&') ++j;
    out->Append(s.substr(i, j - i));
    i = j;
  }
}

std::string CollapsedText(std::string_view s) {
  TextBuilder b;
  AppendText(s, &b);
  return b.Take();
}

// Line-break weight of a block element: 2 for paragraph-like ones (an empty line, as
// in the plain-text corpus), 1 for other blocks, 0 for inline elements.
int BlockBreak(std::string_view tag) {
  static constexpr std::string_view kParagraph[] = {"p", "h1", "h2", "h3", "h4", "h5",
                                                    "h6", "blockquote"};
  static constexpr std::string_view kBlock[] = {
      "br", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "section",
      "article", "header", "footer", "nav", "aside", "main", "pre", "hr", "figure",
      "figcaption", "address", "form", "fieldset", "details", "summary", "caption",
      "body", "center", "option", "legend"};
  for (std::string_view t : kParagraph) if (tag == t) return 2;
  for (std::string_view t : kBlock) if (tag == t) return 1;
  return 0;
}

// Elements whose content is not text a reader sees; skipped up to their end tag.
bool IsSkippedElement(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "noscript" || tag == "template" ||
         tag == "svg" || tag == "math" || tag == "iframe" || tag == "object";
}

// Publication-date meta keys, best first. The first few are the ones news sites use;
// the rest are common enough in scholarly and CMS pages to be worth a look.
constexpr std::string_view kDateKeys[] = {
    "article:published_time", "og:published_time", "date",  "dc.date",
    "dc.date.issued",         "pubdate",           "datepublished", "publish-date",
    "publishdate",            "dcterms.date",      "dcterms.issued", "dcterms.created",
    "citation_publication_date", "citation_date", "parsely-pub-date", "sailthru.date"};
constexpr int kTimeElementRank = 100;  // <time datetime> is a fallback only

int DateKeyRank(std::string_view key) {
  for (size_t i = 0; i < std::size(kDateKeys); ++i) {
    if (EqualsIgnoreCase(key, kDateKeys[i])) return static_cast<int>(i);
  }
  return -1;
}

// Elements that may appear in <head>; any other start tag there means the head was
// left open and the body has begun.
bool IsHeadElement(std::string_view tag) {
  return tag == "meta" || tag == "link" || tag == "title" || tag == "script" ||
         tag == "style" || tag == "noscript" || tag == "base" || tag == "template";
}

constexpr size_t kMaxTitleBytes = 4096;

struct Attribute {
  std::string_view name;
  std::string_view value;  // raw: entities not yet decoded
};

class HtmlScanner {
 public:
  explicit HtmlScanner(std::string_view html) : in_(html) {}

  void Run() {
    while (pos_ < in_.size()) {
      const char* lt = static_cast<const char*>(
          std::memchr(in_.data() + pos_, '<', in_.size() - pos_));
      size_t next = lt ? static_cast<size_t>(lt - in_.data()) : in_.size();
      if (next > pos_) EmitText(in_.substr(pos_, next - pos_));
      pos_ = next;
      if (pos_ < in_.size()) Markup();
    }
  }

  std::string TakeText() { return text_.Take(); }
  const std::string& title() const { return title_.empty() ? og_title_ : title_; }
  const std::string& date() const { return date_; }

 private:
  void EmitText(std::string_view s) {
    if (!in_head_) AppendText(s, &text_);
  }

  bool StartsWith(size_t at, std::string_view prefix) const {
    return in_.compare(at, prefix.size(), prefix) == 0;
  }

  // Position just past the next '>' from `from`, or the end of the input.
  size_t PastNext(char c, size_t from) const {
    size_t p = in_.find(c, from);
    return p == std::string_view::npos ? in_.size() : p + 1;
  }

  // in_[pos_] == '<'.
  void Markup() {
    size_t p = pos_ + 1;
    if (StartsWith(pos_, "<!--")) {
      size_t end = in_.find("-->", pos_ + 4);
      pos_ = end == std::string_view::npos ? in_.size() : end + 3;
      return;
    }
    if (p < in_.size() && (in_[p] == '!' || in_[p] == '?')) {  // doctype, CDATA, PI
      pos_ = PastNext('>', p);
      return;
    }
    if (p < in_.size() && in_[p] == '/') {
      size_t name_begin = p + 1;
      size_t q = name_begin;
      while (q < in_.size() && (IsAlpha(in_[q]) || IsDigit(in_[q]))) ++q;
      std::string tag = ToLower(in_.substr(name_begin, q - name_begin));
      pos_ = PastNext('>', q);
      EndTag(tag);
      return;
    }
    if (p < in_.size() && IsAlpha(in_[p])) {
      StartTag();
      return;
    }
    EmitText("<");  // a bare "<" as in "a < b"
    pos_ = p;
  }

  void EndTag(std::string_view tag) {
    if (tag == "head") { in_head_ = false; return; }
    if (tag == "td" || tag == "th") { text_.Space(); return; }
    if (int b = BlockBreak(tag); b > 0) text_.Break(b);
  }

  // Parses "<name attr=value ...>" at pos_, leaving pos_ past the '>'.
  void StartTag() {
    size_t p = pos_ + 1;
    size_t name_begin = p;
    while (p < in_.size() && (IsAlpha(in_[p]) || IsDigit(in_[p]) || in_[p] == '-' ||
                              in_[p] == ':')) {
      ++p;
    }
    std::string tag = ToLower(in_.substr(name_begin, p - name_begin));
    const bool keep_attributes = tag == "meta" || tag == "time";
    attributes_.clear();
    while (p < in_.size()) {
      while (p < in_.size() && (IsSpace(in_[p]) || in_[p] == '/')) ++p;
      if (p >= in_.size()) break;
      if (in_[p] == '>') { ++p; break; }
      size_t an = p;
      while (p < in_.size() && !IsSpace(in_[p]) && in_[p] != '=' && in_[p] != '>' &&
             in_[p] != '/') {
        ++p;
      }
      if (p == an) { ++p; continue; }  // a stray '=' where a name should be
      std::string_view name = in_.substr(an, p - an);
      std::string_view value;
      size_t q = p;
      while (q < in_.size() && IsSpace(in_[q])) ++q;
      if (q < in_.size() && in_[q] == '=') {
        ++q;
        while (q < in_.size() && IsSpace(in_[q])) ++q;
        if (q < in_.size() && (in_[q] == '"' || in_[q] == '\'')) {
          size_t close = in_.find(in_[q], q + 1);
          if (close == std::string_view::npos) close = in_.size();
          value = in_.substr(q + 1, close - q - 1);
          p = std::min(close + 1, in_.size());
        } else {
          size_t vb = q;
          while (q < in_.size() && !IsSpace(in_[q]) && in_[q] != '>') ++q;
          value = in_.substr(vb, q - vb);
          p = q;
        }
      }
      if (keep_attributes) attributes_.push_back({name, value});
    }
    pos_ = p;
    HandleStartTag(tag);
  }

  void HandleStartTag(const std::string& tag) {
    if (tag == "head") { in_head_ = true; return; }
    if (tag == "body") { in_head_ = false; text_.Break(1); return; }
    if (in_head_ && !IsHeadElement(tag)) in_head_ = false;  // as a browser would
    if (tag == "title") {
      std::string_view content = SkipElement(tag);
      // An unclosed <title> swallows the page; that is no title.
      if (title_.empty() && content.size() <= kMaxTitleBytes) title_ = CollapsedText(content);
      return;
    }
    if (IsSkippedElement(tag)) { SkipElement(tag); return; }
    if (tag == "meta") { Meta(); return; }
    if (tag == "time") { Time(); return; }
    if (tag == "td" || tag == "th") { text_.Space(); return; }
    if (int b = BlockBreak(tag); b > 0) text_.Break(b);
  }

  // Skips to just past "</tag ...>" (case-insensitive) and returns the content before
  // it; an element that is never closed runs to the end, as in a browser.
  std::string_view SkipElement(std::string_view tag) {
    size_t content_begin = pos_;
    size_t p = pos_;
    while (true) {
      size_t lt = in_.find("</", p);
      if (lt == std::string_view::npos) {
        pos_ = in_.size();
        return in_.substr(content_begin);
      }
      size_t q = lt + 2;
      if (q + tag.size() <= in_.size() && EqualsIgnoreCase(in_.substr(q, tag.size()), tag) &&
          (q + tag.size() == in_.size() || !IsAlpha(in_[q + tag.size()]))) {
        pos_ = PastNext('>', q + tag.size());
        return in_.substr(content_begin, lt - content_begin);
      }
      p = q;
    }
  }

  bool HasAttr(std::string_view name) const {
    for (const Attribute& a : attributes_) {
      if (EqualsIgnoreCase(a.name, name)) return true;
    }
    return false;
  }

  std::string_view Attr(std::string_view name) const {
    for (const Attribute& a : attributes_) {
      if (EqualsIgnoreCase(a.name, name)) return a.value;
    }
    return {};
  }

  void OfferDate(int rank, std::string_view raw) {
    if (rank >= date_rank_) return;
    std::string iso = io_internal::NormalizeDate(CollapsedText(raw));
    if (iso.empty()) return;
    date_ = std::move(iso);
    date_rank_ = rank;
  }

  void Meta() {
    std::string_view content = Attr("content");
    for (std::string_view key_attr : {"property", "name", "itemprop", "http-equiv"}) {
      std::string_view key = Attr(key_attr);
      if (key.empty()) continue;
      if (int rank = DateKeyRank(key); rank >= 0) OfferDate(rank, content);
      if (og_title_.empty() && (EqualsIgnoreCase(key, "og:title") ||
                                EqualsIgnoreCase(key, "twitter:title"))) {
        og_title_ = CollapsedText(content);
      }
    }
  }

  void Time() {
    std::string_view datetime = Attr("datetime");
    if (datetime.empty()) return;
    bool published = EqualsIgnoreCase(Attr("itemprop"), "datePublished") ||
                     HasAttr("pubdate");
    OfferDate(published ? DateKeyRank("datepublished") : kTimeElementRank, datetime);
  }

  std::string_view in_;
  size_t pos_ = 0;
  TextBuilder text_;
  bool in_head_ = false;
  std::vector<Attribute> attributes_;
  std::string title_;
  std::string og_title_;
  std::string date_;
  int date_rank_ = 1 << 30;
};

}  // namespace

std::string HtmlToText(std::string_view html, std::string* title, std::string* date) {
  HtmlScanner scanner(html);
  scanner.Run();
  if (title) *title = scanner.title();
  if (date) *date = scanner.date();
  return scanner.TakeText();
}

}  // namespace orbat
