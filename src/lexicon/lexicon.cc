#include "lexicon/lexicon.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "text/normalize.h"

namespace orbat {

using namespace std::string_view_literals;

const char* EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kGroup: return "group";
    case EntityType::kState: return "state";
    case EntityType::kPerson: return "person";
    case EntityType::kPlace: return "place";
    case EntityType::kMedia: return "media";
    case EntityType::kOther: return "other";
  }
  return "other";
}

std::optional<EntityType> ParseEntityType(std::string_view s) {
  if (s == "group"sv) return EntityType::kGroup;
  if (s == "state"sv) return EntityType::kState;
  if (s == "person"sv) return EntityType::kPerson;
  if (s == "place"sv) return EntityType::kPlace;
  if (s == "media"sv) return EntityType::kMedia;
  if (s == "other"sv) return EntityType::kOther;
  return std::nullopt;
}

namespace {

// Candidate order: groups, states, other bodies, media, persons, places.
int TypeRank(EntityType t) {
  switch (t) {
    case EntityType::kGroup: return 0;
    case EntityType::kState: return 1;
    case EntityType::kOther: return 2;
    case EntityType::kMedia: return 3;
    case EntityType::kPerson: return 4;
    case EntityType::kPlace: return 5;
  }
  return 6;
}

// Among places of equal population: a town before the province or district named
// after it, then regions.
int PlaceKindRank(std::string_view kind) {
  if (kind == "city"sv) return 0;
  if (kind == "admin1"sv) return 1;
  if (kind == "admin2"sv) return 2;
  if (kind == "region"sv) return 3;
  return 4;
}

// An acronym alias: written in capitals (periods, hyphens, '&', '/' and digits
// allowed), two to six letters, no space: "IS", "AQAP", "U.S.", "PFLP-GC".
bool IsAcronymWriting(std::string_view s) {
  int letters = 0;
  for (unsigned char c : s) {
    if (c >= 'A' && c <= 'Z') {
      ++letters;
    } else if (c >= 'a' && c <= 'z') {
      return false;
    } else if (c == ' ' || c >= 0x80) {
      return false;
    } else if (!(c == '.' || c == '-' || c == '&' || c == '/' || (c >= '0' && c <= '9'))) {
      return false;
    }
  }
  return letters >= 2 && letters <= 6;
}

size_t CountWords(std::string_view key) {
  if (key.empty()) return 0;
  return static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
}

std::string_view FirstWord(std::string_view key) {
  size_t sp = key.find(' ');
  return sp == std::string_view::npos ? key : key.substr(0, sp);
}

// Punctuation a name may contain without it being part of the key ("Al-Qa'ida/Islamic
// Army", "Blood & Honour"). Other punctuation ends a match.
bool IsSkippablePunct(const Token& t) {
  return t.kind == TokenKind::kPunct &&
         (t.fold == "/"sv || t.fold == "&"sv || t.fold == "."sv || t.fold == "'"sv ||
          t.fold == "\xE2\x80\x99"sv);
}

void SplitBar(std::string_view s, std::vector<std::string>& out) {
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find('|', i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view item = s.substr(i, j - i);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    i = j + 1;
  }
}

// Splits a line on tabs into views (no copies).
void SplitTabs(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  size_t i = 0;
  while (true) {
    size_t j = line.find('\t', i);
    if (j == std::string_view::npos) {
      out.push_back(line.substr(i));
      return;
    }
    out.push_back(line.substr(i, j - i));
    i = j + 1;
  }
}

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  std::streamoff n = in.tellg();
  if (n < 0) return false;
  out.resize(static_cast<size_t>(n));
  in.seekg(0, std::ios::beg);
  in.read(out.data(), n);
  return static_cast<bool>(in) || in.eof();
}

}  // namespace

Result<Lexicon> Lexicon::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Error{dir, 0, "lexicon directory not found"};
  std::vector<std::string> files;
  for (const auto& de : fs::directory_iterator(dir, ec)) {
    if (de.is_regular_file() && de.path().extension() == ".tsv"sv) files.push_back(de.path().string());
  }
  if (ec) return Error{dir, 0, "cannot list lexicon directory: " + ec.message()};
  // Sorted, with local.tsv last so that analyst rows can extend entries of any file.
  std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
    bool la = fs::path(a).filename() == "local.tsv"sv;
    bool lb = fs::path(b).filename() == "local.tsv"sv;
    if (la != lb) return lb;
    return a < b;
  });

  Lexicon lex;
  lex.entries_.reserve(60000);
  lex.name_keys_.reserve(60000);
  lex.by_key_.reserve(200000);
  lex.max_len_by_first_.reserve(100000);
  std::unordered_map<std::string, uint32_t> by_id;
  by_id.reserve(60000);
  std::string text;
  std::vector<std::string_view> cols;
  for (const std::string& path : files) {
    if (!ReadFile(path, text)) return Error{path, 0, "cannot read file"};
    int col_id = -1, col_name = -1, col_type = -1, col_aliases = -1, col_country = -1,
        col_kind = -1, col_pop = -1, col_dem = -1;
    bool have_header = false;
    long line_no = 0;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string_view line(text.data() + pos, nl - pos);
      pos = nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      SplitTabs(line, cols);
      if (!have_header) {
        for (size_t i = 0; i < cols.size(); ++i) {
          int c = static_cast<int>(i);
          if (cols[i] == "id"sv) col_id = c;
          else if (cols[i] == "name"sv) col_name = c;
          else if (cols[i] == "type"sv) col_type = c;
          else if (cols[i] == "aliases"sv) col_aliases = c;
          else if (cols[i] == "country"sv) col_country = c;
          else if (cols[i] == "kind"sv) col_kind = c;
          else if (cols[i] == "population"sv) col_pop = c;
          else if (cols[i] == "demonyms"sv) col_dem = c;
        }
        if (col_id < 0 || col_name < 0 || col_type < 0) {
          return Error{path, line_no, "header must name the columns id, name and type"};
        }
        have_header = true;
        continue;
      }
      auto col = [&](int c) -> std::string_view {
        return c >= 0 && static_cast<size_t>(c) < cols.size() ? cols[c] : std::string_view();
      };
      int needed = std::max({col_id, col_name, col_type});
      if (cols.size() <= static_cast<size_t>(needed)) {
        return Error{path, line_no, "expected at least " + std::to_string(needed + 1) +
                                        " tab-separated columns, found " +
                                        std::to_string(cols.size())};
      }
      std::optional<EntityType> type = ParseEntityType(col(col_type));
      if (!type) return Error{path, line_no, "unknown type '" + std::string(col(col_type)) + "'"};
      if (col(col_id).empty() || col(col_name).empty()) {
        return Error{path, line_no, "empty id or name"};
      }
      LexEntry e;
      e.id = std::string(col(col_id));
      e.name = std::string(col(col_name));
      e.type = *type;
      SplitBar(col(col_aliases), e.aliases);
      e.country = std::string(col(col_country));
      e.kind = std::string(col(col_kind));
      std::string_view pop = col(col_pop);
      if (!pop.empty()) {
        long v = 0;
        for (char ch : pop) {
          if (ch < '0' || ch > '9') return Error{path, line_no, "population is not a number"};
          v = v * 10 + (ch - '0');
        }
        e.population = v;
      }
      SplitBar(col(col_dem), e.demonyms);
      auto it = by_id.find(e.id);
      if (it != by_id.end()) {
        // An analyst row with an existing id adds names to that entry.
        uint32_t idx = it->second;
        LexEntry& old = lex.entries_[idx];
        std::vector<std::string> added;
        if (e.name != old.name) added.push_back(e.name);
        for (auto& a : e.aliases) added.push_back(std::move(a));
        for (const std::string& a : added) {
          if (a == old.name ||
              std::find(old.aliases.begin(), old.aliases.end(), a) != old.aliases.end()) {
            continue;
          }
          old.aliases.push_back(a);
          lex.Index(idx, a);
        }
        for (const std::string& d : e.demonyms) {
          old.demonyms.push_back(d);
          if (old.type == EntityType::kState) lex.by_demonym_.emplace(FoldWord(d), idx);
        }
        continue;
      }
      uint32_t idx = lex.Add(std::move(e));
      by_id.emplace(lex.entries_[idx].id, idx);
    }
    if (!have_header) return Error{path, 0, "no header line"};
  }
  return lex;
}

uint32_t Lexicon::Add(LexEntry entry) {
  uint32_t idx = static_cast<uint32_t>(entries_.size());
  entries_.push_back(std::move(entry));
  const LexEntry& e = entries_[idx];
  name_keys_.push_back(MatchKey(e.name));
  Index(idx, e.name);
  for (const std::string& a : e.aliases) Index(idx, a);
  if (e.type == EntityType::kState) {
    for (const std::string& d : e.demonyms) {
      std::string f = FoldWord(d);
      if (!f.empty()) by_demonym_.emplace(std::move(f), idx);  // first state wins
    }
  }
  return idx;
}

void Lexicon::Index(uint32_t id, std::string_view written) {
  std::string key = MatchKey(written);
  if (key.empty()) return;
  const uint32_t flag = IsAcronymWriting(written) ? kAcronymOnly : 0u;

  const size_t words = CountWords(key);
  const std::string_view first = FirstWord(key);
  auto ml = max_len_by_first_.find(std::string(first));
  if (ml == max_len_by_first_.end()) {
    max_len_by_first_.emplace(std::string(first), words);
  } else if (ml->second < words) {
    ml->second = words;
  }

  std::vector<uint32_t>& ids = by_key_[key];
  for (uint32_t& x : ids) {
    if ((x & ~kAcronymOnly) == id) {
      if (!flag) x &= ~kAcronymOnly;  // also written as a word: matches in any case
      return;
    }
  }
  // Candidate order: type, then entries named exactly so, then population, then (among
  // places of equal population) towns before provinces and districts.
  auto better = [&](uint32_t a_id, uint32_t b_id) {
    const LexEntry& a = entries_[a_id];
    const LexEntry& b = entries_[b_id];
    int ta = TypeRank(a.type), tb = TypeRank(b.type);
    if (ta != tb) return ta < tb;
    bool an = name_keys_[a_id] == key, bn = name_keys_[b_id] == key;
    if (an != bn) return an;
    if (a.population != b.population) return a.population > b.population;
    if (a.type == EntityType::kPlace) {
      int ka = PlaceKindRank(a.kind), kb = PlaceKindRank(b.kind);
      if (ka != kb) return ka < kb;
    }
    return a_id < b_id;
  };
  size_t pos = ids.size();
  for (size_t i = 0; i < ids.size(); ++i) {
    if (better(id, ids[i] & ~kAcronymOnly)) {
      pos = i;
      break;
    }
  }
  ids.insert(ids.begin() + static_cast<long>(pos), id | flag);
}

std::vector<uint32_t> Lexicon::Lookup(std::string_view name) const {
  auto it = by_key_.find(MatchKey(name));
  if (it == by_key_.end()) return {};
  std::vector<uint32_t> out = it->second;
  for (uint32_t& x : out) x &= ~kAcronymOnly;
  return out;
}

std::optional<uint32_t> Lexicon::LookupDemonym(std::string_view word) const {
  std::string f = FoldWord(word);
  auto it = by_demonym_.find(f);
  if (it != by_demonym_.end()) return it->second;
  // Plurals: "Syrians", "Iraqis".
  if (f.size() > 3 && f.back() == 's') {
    f.pop_back();
    it = by_demonym_.find(f);
    if (it != by_demonym_.end()) return it->second;
  }
  return std::nullopt;
}

std::vector<LexMatch> Lexicon::Match(const std::vector<Token>& tokens) const {
  std::vector<LexMatch> out;
  const size_t n = tokens.size();
  std::string key;
  key.reserve(128);
  std::vector<size_t> word_pos;  // token index of each key word
  word_pos.reserve(32);
  size_t i = 0;
  while (i < n) {
    const Token& t0 = tokens[i];
    // A name starts with a capitalized word (or a number, or a non-cased script):
    // lower-case tokens, the bulk of any text, cost one branch.
    if (t0.kind == TokenKind::kPunct || (t0.kind == TokenKind::kWord && !t0.capitalized) ||
        t0.fold.empty() || t0.fold == "al"sv || t0.fold == "the"sv) {
      ++i;
      continue;
    }
    auto ml = max_len_by_first_.find(t0.fold);
    if (ml == max_len_by_first_.end()) {
      ++i;
      continue;
    }
    const size_t max_words = ml->second;
    key.clear();
    word_pos.clear();
    size_t best_last = 0;  // exclusive end of the best match, 0 when none
    std::vector<uint32_t> best_ids;
    for (size_t j = i; j < n && word_pos.size() < max_words; ++j) {
      const Token& t = tokens[j];
      if (t.kind == TokenKind::kPunct) {
        if (IsSkippablePunct(t)) continue;
        break;
      }
      if (t.fold.empty()) break;
      if (t.fold == "al"sv) continue;
      if (!key.empty()) key += ' ';
      key += t.fold;
      word_pos.push_back(j);
      auto it = by_key_.find(key);
      if (it == by_key_.end()) continue;
      // Case constraints over the span's words.
      bool all_caps = true, any_cap = false;
      for (size_t wp : word_pos) {
        const Token& w = tokens[wp];
        bool caps = w.all_caps || (w.capitalized && w.end - w.begin == 1);
        if (w.kind == TokenKind::kNumber) caps = true;
        all_caps = all_caps && caps;
        any_cap = any_cap || w.capitalized;
      }
      if (!any_cap) continue;  // "islamic state" in lower case is prose, not a name
      if (word_pos.size() == 1 && !tokens[word_pos[0]].capitalized) continue;
      std::vector<uint32_t> ok;
      ok.reserve(it->second.size());
      for (uint32_t x : it->second) {
        if ((x & kAcronymOnly) && !all_caps) continue;
        ok.push_back(x & ~kAcronymOnly);
      }
      if (ok.empty()) continue;
      best_last = j + 1;
      best_ids = std::move(ok);
    }
    if (best_last == 0) {
      ++i;
      continue;
    }
    LexMatch m;
    m.first = i;
    // A written article right before the name belongs to it ("al-Nusra Front").
    if (i > 0 && tokens[i - 1].fold == "al"sv && tokens[i - 1].kind == TokenKind::kWord &&
        (out.empty() || out.back().last <= i - 1)) {
      m.first = i - 1;
    }
    m.last = best_last;
    m.entries = std::move(best_ids);
    out.push_back(std::move(m));
    i = best_last;
  }
  return out;
}

}  // namespace orbat
