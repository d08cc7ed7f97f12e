#include "export/pretty.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <string_view>
#include <vector>

#include "base/utf8.h"

namespace orbat {

namespace {

// ANSI styles, applied only when options.color is set.
class Style {
 public:
  explicit Style(bool on) : on_(on) {}
  std::string Bold(std::string_view s) const { return Wrap("1", s); }
  std::string Dim(std::string_view s) const { return Wrap("2", s); }
  std::string Cyan(std::string_view s) const { return Wrap("36", s); }
  std::string Yellow(std::string_view s) const { return Wrap("33", s); }
  std::string Green(std::string_view s) const { return Wrap("32", s); }

 private:
  std::string Wrap(const char* code, std::string_view s) const {
    if (!on_) return std::string(s);
    return std::string("\x1b[") + code + "m" + std::string(s) + "\x1b[0m";
  }
  bool on_;
};

std::string FormatNumber(double v) {
  char buf[64];
  if (std::trunc(v) == v && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%g", v);
  }
  return buf;
}

std::string FormatTime(const TimeSpan& t) {
  if (t.start.empty() && t.end.empty()) return "";
  if (t.end.empty()) return t.start;
  if (t.start.empty()) return "until " + t.end;
  return t.start + ".." + t.end;
}

// Byte offset of every code point in s, plus s.size() at the end.
std::vector<size_t> CodePointStarts(const std::string& s) {
  std::vector<size_t> starts;
  size_t i = 0;
  while (i < s.size()) {
    starts.push_back(i);
    DecodeUtf8(s, i);
  }
  starts.push_back(s.size());
  return starts;
}

}  // namespace

std::string TrimAround(const std::string& sentence, const std::string& focus, size_t width) {
  std::vector<size_t> starts = CodePointStarts(sentence);
  size_t total = starts.size() - 1;
  if (total <= width || width == 0) return sentence;
  size_t center = 0;  // code-point index the window is centered on
  size_t hit = focus.empty() ? std::string::npos : sentence.find(focus);
  if (hit != std::string::npos) {
    size_t first = 0, last = 0;
    for (size_t k = 0; k < total; ++k) {
      if (starts[k] <= hit) first = k;
      if (starts[k] < hit + focus.size()) last = k;
    }
    center = (first + last) / 2;
  }
  size_t begin = center > width / 2 ? center - width / 2 : 0;
  if (begin + width > total) begin = total - width;
  size_t end = begin + width;
  std::string out;
  if (begin > 0) out += "…";
  out += sentence.substr(starts[begin], starts[end] - starts[begin]);
  if (end < total) out += "…";
  return out;
}

std::string RenderPretty(const DocumentFacts& doc, const PrettyOptions& options) {
  Style st(options.color);
  std::string out;
  out += st.Bold("== " + doc.doc) + "  date " + (doc.date.empty() ? "unknown" : doc.date) + "\n";
  if (!doc.title.empty()) out += "   " + doc.title + "\n";
  if (!doc.source.empty()) out += "   source: " + doc.source + "\n";

  std::map<std::string, const EntityOut*> by_name;
  for (const EntityOut& e : doc.entities) by_name.emplace(e.name, &e);

  // Subjects in order of their first fact, so the rendering follows the document.
  std::vector<std::string> subjects;
  std::map<std::string, std::vector<const Fact*>> facts_of;
  size_t shown = 0;
  for (const Fact& f : doc.facts) {
    if (f.negated) continue;
    auto [it, fresh] = facts_of.try_emplace(f.s);
    if (fresh) subjects.push_back(f.s);
    it->second.push_back(&f);
    ++shown;
  }
  out += std::to_string(shown) + " facts, " + std::to_string(doc.entities.size()) +
         " entities\n";

  for (const std::string& s : subjects) {
    auto e = by_name.find(s);
    std::string type = e == by_name.end() ? "?" : EntityTypeName(e->second->type);
    out += "\n" + st.Bold(s) + " (" + type + ")\n";
    for (const Fact* f : facts_of[s]) {
      std::string line = "  " + st.Cyan(f->p) + "  " + f->o;
      if (f->value) line += "  value " + FormatNumber(*f->value);
      std::string time = FormatTime(f->time);
      if (!time.empty()) line += "  " + st.Green("[" + time + "]");
      if (!f->hedge.empty()) line += "  " + st.Yellow("(" + f->hedge + ")");
      char conf[32];
      std::snprintf(conf, sizeof conf, "  %.2f", f->confidence);
      line += conf;
      out += line + "\n";
      if (f->evidence.sentence.empty()) {
        out += "      " + st.Dim("(no evidence)") + "\n";
      } else {
        std::string quote = TrimAround(f->evidence.sentence, f->o, options.evidence_width);
        out += "      " + st.Dim("\"" + quote + "\"") + " [" +
               std::to_string(f->evidence.begin) + "," + std::to_string(f->evidence.end) +
               ")\n";
      }
    }
  }

  if (!doc.entities.empty()) {
    out += "\n" + st.Bold("Entities") + "\n";
    for (EntityType t : {EntityType::kGroup, EntityType::kState, EntityType::kPerson,
                         EntityType::kPlace, EntityType::kMedia, EntityType::kOther}) {
      std::string line;
      for (const EntityOut& e : doc.entities) {
        if (e.type != t) continue;
        if (!line.empty()) line += "; ";
        line += e.name;
        if (!e.aliases.empty()) {
          line += " (";
          for (size_t k = 0; k < e.aliases.size(); ++k) {
            if (k) line += ", ";
            line += e.aliases[k];
          }
          line += ")";
        }
      }
      if (!line.empty()) out += "  " + st.Cyan(EntityTypeName(t)) + ": " + line + "\n";
    }
  }
  return out;
}

}  // namespace orbat
