#include "extract/mentions.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include "text/normalize.h"
#include "base/string_map.h"

namespace orbat {

using namespace std::string_view_literals;

namespace {

Result<StringSet> LoadWordList(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{path, 0, "cannot open word list"};
  StringSet out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    // FoldName drops a leading "the", which would turn the stopword "The" into "".
    if (!line.empty()) out.insert(line.find(' ') == std::string::npos ? FoldWord(line) : FoldName(line));
  }
  return out;
}

bool IsWord(const Token& t) { return t.kind == TokenKind::kWord; }
bool IsCap(const Token& t) { return IsWord(t) && (t.capitalized || t.all_caps); }

std::string Written(std::string_view text, const std::vector<Token>& tokens, size_t first,
                    size_t last) {
  if (first >= last) return "";
  return std::string(text.substr(tokens[first].begin, tokens[last - 1].end - tokens[first].begin));
}

// Connectors that may sit inside a name between capitalized words.
bool IsConnector(const std::vector<Token>& tokens, size_t i) {
  const Token& t = tokens[i];
  // "Alliance to Support Islam", "Committee to Protect ...": "to" inside a name only
  // right after a word that heads organization names.
  static const StringSet to_heads = {"alliance", "committee", "committees", "movement",
                                                 "front", "council", "league", "union", "society"};
  if (t.fold == "to"sv && i > 0 && to_heads.count(tokens[i - 1].fold) && i + 1 < tokens.size() &&
      (tokens[i + 1].capitalized || tokens[i + 1].all_caps))
    return true;
  if (!IsWord(t) || t.capitalized || t.all_caps) return false;
  static const StringSet inner = {"al", "of", "the", "wa", "wal", "fi", "bin",
                                              "ibn", "ul", "e", "i", "ag", "ad", "el", "bayt",
                                              "min", "li", "lil", "des", "de", "du", "la"};
  if (!inner.count(t.fold)) return false;
  // A connector needs a capitalized word after it.
  return i + 1 < tokens.size() && IsCap(tokens[i + 1]);
}

struct Claim {
  std::vector<char> taken;
  explicit Claim(size_t n) : taken(n, 0) {}
  bool Free(size_t a, size_t b) const {
    for (size_t i = a; i < b; ++i)
      if (taken[i]) return false;
    return true;
  }
  void Take(size_t a, size_t b) {
    for (size_t i = a; i < b; ++i) taken[i] = 1;
  }
};

// Capitalized run starting at i: capitalized words joined by connectors.
size_t RunEnd(const std::vector<Token>& tokens, size_t i, size_t limit) {
  size_t j = i;
  while (j < limit && (IsCap(tokens[j]) || (j > i && IsConnector(tokens, j)))) ++j;
  // Don't end on a connector.
  while (j > i && !IsCap(tokens[j - 1])) --j;
  return j;
}

}  // namespace

Result<MentionWords> MentionWords::Load(const std::string& dir, const std::string& lexicon_dir) {
  MentionWords w;
  struct { const char* file; StringSet* set; } lists[] = {
      {"org_heads.txt", &w.org_heads},         {"org_prefixes.txt", &w.org_prefixes},
      {"lower_heads.txt", &w.lower_heads},     {"person_titles.txt", &w.person_titles},
      {"person_cues.txt", &w.person_cues},     {"organs.txt", &w.organs},
      {"offices.txt", &w.offices},             {"stopwords.txt", &w.stopwords},
      {"units.txt", &w.units},                 {"media_heads.txt", &w.media_heads},
      {"place_nouns.txt", &w.place_nouns},     {"not_names.txt", &w.not_names},
      {"fighter_nouns.txt", &w.fighter_nouns}, {"descriptors.txt", &w.descriptors},
      {"agent_nouns.txt", &w.agent_nouns},     {"directions.txt", &w.directions}};
  for (auto& l : lists) {
    auto r = LoadWordList(dir + "/" + l.file);
    if (!r) return r.error();
    *l.set = std::move(*r);
  }
  if (!lexicon_dir.empty()) {
    std::string names = lexicon_dir + "/given_names.txt";
    if (std::ifstream(names)) {
      auto r = LoadWordList(names);
      if (!r) return r.error();
      w.given_names = std::move(*r);
    }
  }
  return w;
}

std::vector<Token> SplitPossessives(std::string_view text, std::vector<Token> tokens) {
  std::vector<Token> out;
  out.reserve(tokens.size() + 4);
  for (Token& t : tokens) {
    std::string_view w = text.substr(t.begin, t.end - t.begin);
    size_t cut = std::string_view::npos;
    if (w.size() > 3 && (w.ends_with("'s") || w.ends_with("'S"))) cut = w.size() - 2;
    else if (w.size() > 5 && w.ends_with("\xE2\x80\x99s")) cut = w.size() - 4;
    if (t.kind != TokenKind::kWord || cut == std::string_view::npos) {
      out.push_back(std::move(t));
      continue;
    }
    Token base = t;
    base.end = t.begin + cut;
    base.fold = FoldWord(w.substr(0, cut));
    base.hyphen_after = false;
    Token poss = t;
    poss.begin = base.end;
    poss.kind = TokenKind::kPunct;
    poss.fold = "'s";
    poss.capitalized = poss.all_caps = false;
    poss.space_before = false;
    out.push_back(std::move(base));
    out.push_back(std::move(poss));
  }
  return out;
}

std::vector<Mention> FindMentions(std::string_view text, const std::vector<Token>& tokens,
                                  const Lexicon& lexicon, const MentionWords& words,
                                  EntityTable& entities) {
  const size_t n = tokens.size();
  std::vector<Mention> out;
  Claim claim(n);
  auto add = [&](size_t first, size_t last, int entity, EntityType type) {
    Mention m;
    m.first = first;
    m.last = last;
    m.entity = entity;
    m.type = type;
    claim.Take(first, last);
    out.push_back(std::move(m));
  };
  auto fold_at = [&](size_t i) -> const std::string& {
    static const std::string empty;
    return i < n ? tokens[i].fold : empty;
  };

  // 1. Shape runs that end in an organization head word, or start with an Arabic
  //    organization prefix, are names even when the lexicon knows a part of them
  //    ("Nour al-Din al-Zenki Movement", "Syrian Liberation Front").
  std::vector<std::pair<size_t, size_t>> org_runs;
  for (size_t i = 0; i < n;) {
    if (!IsCap(tokens[i])) { ++i; continue; }
    size_t j = RunEnd(tokens, i, n);
    size_t a = i;
    while (a < j && words.stopwords.count(tokens[a].fold) && !tokens[a].all_caps) ++a;
    while (a < j && !IsCap(tokens[a])) ++a;
    if (a < j) {
      bool head = words.org_heads.count(tokens[j - 1].fold) > 0 && j - a >= 2;
      bool prefix = words.org_prefixes.count(tokens[a].fold) > 0 && j - a >= 2;
      // "Army of Conquest", "Front for the Liberation of ...": an English head first.
      if (!prefix && j - a >= 3 && words.org_heads.count(tokens[a].fold) &&
          (tokens[a + 1].fold == "of"sv || tokens[a + 1].fold == "for"sv))
        prefix = true;
      bool status = words.not_names.count(FoldName(Written(text, tokens, a, j))) ||
                    (j - a > 2 && words.not_names.count(FoldName(Written(text, tokens, a + 1, j))));
      if ((head || prefix) && !status) org_runs.push_back({a, j});
    }
    i = std::max(j, i + 1);
  }

  // 2. Lexicon matches. A name right after a strong person cue ("leader Kamal
  //    al-Nirab", "Leader: X") is a person even where the lexicon knows a place
  //    inside it.
  std::vector<LexMatch> lex = lexicon.Match(tokens);
  std::vector<std::pair<size_t, size_t>> cued;
  // "- Leader: A , (2000–2006) , B": on a person label line every name is a person.
  size_t label = 0;
  while (label < n && tokens[label].kind == TokenKind::kPunct) ++label;
  bool person_line = label + 1 < n && words.person_cues.count(tokens[label].fold) &&
                     tokens[label].capitalized &&
                     (tokens[label + 1].fold == ":"sv || IsCap(tokens[label + 1]));
  for (size_t i = 0; i < n; ++i) {
    if (!IsCap(tokens[i])) continue;
    // "Hassan Nasrallah led the group": a known given name opens a person's name.
    bool given = words.given_names.count(tokens[i].fold) && (i == 0 || !IsCap(tokens[i - 1]));
    if (i == 0 && !given) continue;
    bool cue = i > 0 && ((person_line && i > label) || words.person_cues.count(tokens[i - 1].fold) ||
               // two-word cues: "leadership of", "led by"
               (i >= 2 && words.person_cues.count(tokens[i - 2].fold + " " + tokens[i - 1].fold)) ||
               words.person_titles.count(tokens[i - 1].fold) ||
               (tokens[i - 1].fold == "."sv && i >= 2 && words.person_titles.count(tokens[i - 2].fold)) ||
               (tokens[i - 1].fold == ":"sv && i >= 2 && words.person_cues.count(tokens[i - 2].fold)) ||
               (tokens[i - 1].fold == ","sv && i >= 2 && tokens[i - 2].kind == TokenKind::kPunct &&
                !cued.empty() && cued.back().second + 4 >= i));
    size_t j = RunEnd(tokens, i, n);
    // "Hassan Soufan, general commander of the SLF": a role right after the name.
    if (!cue && j + 1 < n && tokens[j].fold == ","sv) {
      size_t k = j + 1;
      if (k < n && (tokens[k].fold == "the"sv || tokens[k].fold == "a"sv)) ++k;
      for (size_t r = k; r < n && r < k + 3; ++r)
        if (words.person_cues.count(tokens[r].fold) && tokens[r].fold != "by"sv && tokens[r].fold != "under"sv &&
            tokens[r].fold != "led"sv && tokens[r].fold != "founded"sv && tokens[r].fold != "headed"sv &&
            tokens[r].fold != "named"sv && !IsCap(tokens[r]))
          cue = true;
    }
    // "Abu Musab al-Barnawi": a kunya with a nisba is a person's name.
    bool kunya = tokens[i].fold == "abu"sv && j - i >= 3;
    if (!cue && !kunya && !given) continue;
    bool group = false;
    for (const LexMatch& m : lex)
      if (m.first < j && i < m.last && !m.entries.empty() &&
          ((kunya || (given && !cue)) ? (m.first <= i && m.last >= j)
                                      : lexicon.entry(m.entries[0]).type != EntityType::kPlace))
        group = true;
    // Without a cue, a given name alone does not make a group's name a person's.
    if (given && !cue && !kunya)
      for (const LexMatch& m : lex)
        if (m.first < j && i < m.last && !m.entries.empty() &&
            lexicon.entry(m.entries[0]).type == EntityType::kGroup)
          group = true;
    if (!group && j - i >= 2 && j - i <= 5 && !words.org_heads.count(tokens[j - 1].fold)) {
      int ent = entities.FromShape(Written(text, tokens, i, j), EntityType::kPerson, tokens[i].begin);
      add(i, j, ent, EntityType::kPerson);
      cued.push_back({i, j});
    }
    i = std::max(i, j);
  }
  // Groups that share a name ("National Liberation Army" of Colombia, of Bolivia, of
  // Tunisia): the one this document already named wins, else the one whose country
  // the document (so far, and this sentence) speaks of, else the lexicon's order.
  std::unordered_map<std::string, int> countries;
  bool countries_ready = false;
  auto pick = [&](const LexMatch& m) {
    uint32_t best = m.entries[0];
    if (m.entries.size() < 2 || lexicon.entry(best).type != EntityType::kGroup) return best;
    if (!countries_ready) {
      countries = entities.CountryMentions();
      for (const LexMatch& o : lex) {
        if (o.entries.empty()) continue;
        const LexEntry& oe = lexicon.entry(o.entries[0]);
        if ((oe.type == EntityType::kState || oe.type == EntityType::kPlace) && !oe.country.empty())
          ++countries[oe.country];
      }
      countries_ready = true;
    }
    int best_score = 0;
    for (uint32_t id : m.entries) {
      const LexEntry& c = lexicon.entry(id);
      if (c.type != EntityType::kGroup) break;
      auto it = countries.find(c.country);
      int score = entities.Uses(id) ? 1 << 20 : it != countries.end() ? it->second : 0;
      if (score > best_score) best_score = score, best = id;
    }
    return best;
  };
  for (const LexMatch& m : lex) {
    if (m.entries.empty() || !claim.Free(m.first, m.last)) continue;
    // A status rather than an actor ("a Foreign Terrorist Organization").
    if (words.not_names.count(FoldName(Written(text, tokens, m.first, m.last)))) continue;
    // A lexicon name that is also a common capitalized word ("Elements", a UCDP actor)
    // needs more than one word to count.
    if (m.last - m.first == 1 && !tokens[m.first].all_caps && words.stopwords.count(tokens[m.first].fold))
      continue;
    // "Sami al-Oraydi": a place that starts with the article right after an unknown
    // capitalized word is the end of a person's name, not a place.
    if (lexicon.entry(m.entries[0]).type == EntityType::kPlace && tokens[m.first].fold == "al"sv &&
        m.first > 0 && IsCap(tokens[m.first - 1]) && claim.Free(m.first - 1, m.first) &&
        !words.stopwords.count(tokens[m.first - 1].fold)) {
      bool known = false;
      for (const LexMatch& o : lex) known |= o.last == m.first;
      if (!known) continue;
    }
    // "Sambisa Forest": a one-word place right after an unknown capitalized word is the
    // tail of a longer name the lexicon does not know.
    if (lexicon.entry(m.entries[0]).type == EntityType::kPlace && m.last - m.first == 1 &&
        m.first > 0 && IsCap(tokens[m.first - 1]) && claim.Free(m.first - 1, m.first) &&
        !words.stopwords.count(tokens[m.first - 1].fold) && !tokens[m.first - 1].all_caps) {
      bool known = false;
      for (const LexMatch& o : lex) known |= o.last == m.first;
      if (!known) continue;
    }
    // "The Jerusalem Post", "Khaleej Times": a place before a media head names the outlet.
    if (lexicon.entry(m.entries[0]).type == EntityType::kPlace && m.last < n &&
        words.media_heads.count(tokens[m.last].fold) && IsCap(tokens[m.last]))
      continue;
    // "Sami" + "al-Oraydi": a one-word place followed by an article name is a person's
    // given name.
    if (lexicon.entry(m.entries[0]).type == EntityType::kPlace && m.last - m.first == 1 &&
        m.last + 1 < n && tokens[m.last].fold == "al"sv && IsCap(tokens[m.last + 1])) {
      bool claimed_after = false;
      for (const LexMatch& o : lex) claimed_after |= o.first == m.last;
      if (!claimed_after) continue;
    }
    // A longer organization run around this match wins.
    bool inside_run = false;
    for (auto [a, b] : org_runs)
      if (a <= m.first && m.last <= b && (b - a) > (m.last - m.first)) inside_run = true;
    if (inside_run) continue;
    uint32_t best = pick(m);
    const LexEntry& e = lexicon.entry(best);
    size_t last = m.last;
    // An acronym the lexicon knows may abbreviate a name this document already spelled
    // out ("AQIM" after "al-Qaida in the Islamic Maghreb"): it is that entity.
    if (m.last - m.first == 1 && tokens[m.first].all_caps && e.type == EntityType::kGroup) {
      std::string_view w = text.substr(tokens[m.first].begin, tokens[m.first].end - tokens[m.first].begin);
      int found = -1;
      for (int d = 0; d < entities.size() && found < 0; ++d)
        if (!entities.merged(d) && entities[d].type == EntityType::kGroup && entities[d].lexicon_id.empty() &&
            IsAcronymOf(w, entities[d].name))
          found = d;
      if (found >= 0) {
        entities.Declare(found, w);
        add(m.first, m.last, entities.Root(found), EntityType::kGroup);
        continue;
      }
    }
    // "al-Qaeda in the Islamic Maghreb", "Ansar al-Sharia in Libya": a group "in" a
    // capitalized place is a group of its own.
    if (e.type == EntityType::kGroup && fold_at(last) == "in"sv) {
      size_t k = last + 1;
      if (fold_at(k) == "the"sv) ++k;
      size_t end = k < n ? RunEnd(tokens, k, n) : k;
      // Only a country or a region makes a new group ("al-Qaeda in Yemen", "... in the
      // Arabian Peninsula"), not a place where a group happened to be ("Boko Haram in
      // the Sambisa Forest").
      bool region = false;
      for (const LexMatch& o : lex)
        if (o.first == k && !o.entries.empty()) {
          const LexEntry& pe = lexicon.entry(o.entries[0]);
          region = pe.type == EntityType::kState || pe.kind == "region"sv || pe.kind == "country"sv;
          end = std::max(end, o.last);
        }
      static const StringSet features = {
          "forest", "mountains", "mountain", "river", "valley", "desert", "camp", "district",
          "province", "governorate", "city", "town", "village", "county", "area", "basin", "lake",
          "prison", "hospital", "mosque", "square", "street", "airport", "base"};
      // A name the lexicon does not know is a region only when it sounds like one
      // ("... in the Islamic Maghreb"), not a town ("Islamic State in Kobani").
      static const StringSet region_words = {
          "peninsula", "maghreb", "levant", "sahel", "sinai", "caucasus", "khorasan", "horn",
          "gulf", "land", "lands", "countries", "west", "east", "north", "south", "subcontinent"};
      bool unknown = true;
      for (const LexMatch& o : lex) unknown &= !(o.first < end && k < o.last);
      if (unknown && end > k && !features.count(tokens[end - 1].fold) && region_words.count(tokens[end - 1].fold))
        region = true;
      if (k < n && IsCap(tokens[k]) && !words.stopwords.count(tokens[k].fold) && region) {
        std::string name = Written(text, tokens, m.first, end);
        int ent = entities.FromShape(name, EntityType::kGroup, tokens[m.first].begin);
        add(m.first, end, ent, EntityType::kGroup);
        continue;
      }
    }
    // "Syrian government forces", "Israel Defense Forces": a state with an organ noun
    // is the state acting through it; named by the written phrase (also when the
    // lexicon files "Somali government" under Somalia).
    if (e.type == EntityType::kState && words.organs.count(tokens[last - 1].fold) && last - m.first > 1 &&
        !(last < n && words.organs.count(tokens[last].fold))) {
      int ent = entities.FromShape(Written(text, tokens, m.first, last), EntityType::kState,
                                   tokens[m.first].begin);
      entities[ent].lexicon_id = e.id;
      add(m.first, last, ent, EntityType::kState);
      continue;
    }
    if (e.type == EntityType::kState && last < n && words.organs.count(tokens[last].fold)) {
      size_t end = last + 1;
      while (end < n && words.organs.count(tokens[end].fold)) ++end;
      int ent = entities.FromShape(Written(text, tokens, m.first, end), EntityType::kState,
                                   tokens[m.first].begin);
      entities[ent].lexicon_id = e.id;
      add(m.first, end, ent, EntityType::kState);
      continue;
    }
    // "the Khorasan group", "the Dughmush clan", "the Fatah coalition": a name with a
    // lower-case collective noun is a group of its own unless it already is that group.
    bool definite = m.first > 0 && tokens[m.first - 1].fold == "the"sv;
    if (last < n && definite && words.lower_heads.count(tokens[last].fold) && !IsCap(tokens[last])) {
      static const StringSet same = {"group", "movement", "organization",
                                                 "organisation", "faction", "government", "party"};
      if (!(e.type == EntityType::kGroup && same.count(tokens[last].fold))) {
        int ent = entities.FromShape(Written(text, tokens, m.first, last + 1),
                                     EntityType::kGroup, tokens[m.first].begin);
        add(m.first, last + 1, ent, EntityType::kGroup);
        continue;
      }
      if (e.type == EntityType::kGroup) last += 1;  // "the Hamas government" is Hamas
    }
    // "Abu Abdul ‘Aziz" + "al-Qatari": a known person's name may go on in the text.
    if (e.type == EntityType::kPerson) {
      size_t end = RunEnd(tokens, m.first, n);
      if (end > last && claim.Free(last, end)) last = end;
    }
    // "northern Mali", "south-eastern Yemen": part of a known place is a place of its
    // own (the precision the text gives), located in the same country.
    if ((e.type == EntityType::kPlace || e.type == EntityType::kState) && m.first > 0 &&
        words.directions.count(tokens[m.first - 1].fold) && tokens[m.first - 1].kind == TokenKind::kWord &&
        claim.Free(m.first - 1, m.first)) {
      size_t start = m.first - 1;
      if (start > 0 && tokens[start - 1].hyphen_after && words.directions.count(tokens[start - 1].fold) &&
          claim.Free(start - 1, start))
        --start;
      int ent = entities.FromShape(Written(text, tokens, start, last), EntityType::kPlace, tokens[start].begin);
      if (entities[ent].country.empty()) entities[ent].country = e.country;
      add(start, last, ent, EntityType::kPlace);
      continue;
    }
    int ent = entities.FromLexicon(best, Written(text, tokens, m.first, last), tokens[m.first].begin);
    add(m.first, last, ent, e.type);
  }

  // 3. Organization runs the lexicon did not cover.
  for (auto [a, b] : org_runs) {
    if (!claim.Free(a, b)) continue;
    std::string name = Written(text, tokens, a, b);
    EntityType type = EntityType::kGroup;
    // "Lebanese Army", "Syrian Armed Forces": a demonym with an organ is a state actor.
    if (lexicon.LookupDemonym(tokens[a].fold) && b - a <= 3 &&
        words.organs.count(tokens[b - 1].fold))
      type = EntityType::kState;
    int ent = entities.FromShape(name, type, tokens[a].begin);
    add(a, b, ent, type);
  }

  // 3b. "the Dughmush clan", "the Khorasan group": an unknown name with a collective
  //     noun after "the" is a group.
  for (size_t i = 1; i < n; ++i) {
    if (claim.taken[i] || !IsCap(tokens[i]) || tokens[i - 1].fold != "the"sv) continue;
    size_t j = RunEnd(tokens, i, n);
    if (j - i > 3 || j >= n || !claim.Free(i, j + 1) || words.stopwords.count(tokens[i].fold)) continue;
    if (!words.lower_heads.count(tokens[j].fold) || IsCap(tokens[j])) continue;
    int ent = entities.FromShape(Written(text, tokens, i, j + 1), EntityType::kGroup, tokens[i].begin);
    add(i, j + 1, ent, EntityType::kGroup);
  }

  // 3c. Places by their context: "the towns of Ariha and Tramla", "settlements of
  //     Kafr Losen, Aqrabat, and Qah". Known places in the list keep their entries.
  for (size_t i = 1; i + 1 < n; ++i) {
    if (tokens[i].fold != "of"sv || !words.place_nouns.count(tokens[i - 1].fold) || IsCap(tokens[i - 1]))
      continue;
    size_t k = i + 1;
    while (k < n) {
      if (claim.taken[k]) {
        while (k < n && claim.taken[k]) ++k;
      } else if (IsCap(tokens[k]) && !words.stopwords.count(tokens[k].fold)) {
        size_t j = RunEnd(tokens, k, n);
        while (j > k && !claim.Free(k, j)) --j;
        if (j == k) break;
        int ent = entities.FromShape(Written(text, tokens, k, j), EntityType::kPlace, tokens[k].begin);
        add(k, j, ent, EntityType::kPlace);
        k = j;
      } else {
        break;
      }
      // Separators of the list: ",", "and", ", and".
      size_t next = k;
      if (next < n && tokens[next].fold == ","sv) ++next;
      if (next < n && tokens[next].fold == "and"sv) ++next;
      if (next == k || next >= n || !(IsCap(tokens[next]) || claim.taken[next])) break;
      k = next;
    }
  }

  // 3d. An unknown acronym spelling out a name already in the document ("SLF" after
  //     "Syrian Liberation Front").
  for (size_t i = 0; i < n; ++i) {
    if (claim.taken[i] || !tokens[i].all_caps || tokens[i].kind != TokenKind::kWord) continue;
    std::string_view w = text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    if (w.size() < 2 || w.size() > 8) continue;
    for (int e = 0; e < entities.size(); ++e) {
      if (entities.merged(e) || entities[e].type != EntityType::kGroup) continue;
      // Cheap screen: the acronym's first letter starts the name.
      if (entities[e].initials.empty() || entities[e].initials[0] != tolower(static_cast<unsigned char>(w[0])))
        continue;
      if (IsAcronymOf(w, entities[e].name) ||
          (!entities[e].written.empty() && IsAcronymOf(w, entities[e].written.front()))) {
        int ent = entities.FromShape(w, EntityType::kGroup, tokens[i].begin);
        if (ent != e) entities.Declare(e, w), ent = entities.Root(ent);
        add(i, i + 1, entities.Root(e), EntityType::kGroup);
        break;
      }
    }
  }

  // 3e. "Tuareg rebels", "Syrian rebels", "Kurdish fighters": a capitalized word that is
  //     no name yet, before a collective noun for armed men, names an actor of its own
  //     (not the state a demonym points at).
  for (size_t i = 0; i + 1 < n; ++i) {
    if (claim.taken[i] || claim.taken[i + 1] || !IsCap(tokens[i]) || tokens[i].all_caps ||
        words.stopwords.count(tokens[i].fold) || words.descriptors.count(tokens[i].fold) ||
        !words.fighter_nouns.count(tokens[i + 1].fold) ||
        IsCap(tokens[i + 1]))
      continue;
    // "Haqqani fighters" after "the Haqqani Network": the men of a group already named.
    std::optional<int> named = entities.FindByWord(tokens[i].fold, EntityType::kGroup);
    int ent = named ? *named
                    : entities.FromShape(Written(text, tokens, i, i + 2), EntityType::kGroup, tokens[i].begin);
    add(i, i + 2, ent, EntityType::kGroup);
    ++i;
  }

  // 4. Demonyms: with an organ noun they are the state acting ("Israeli forces",
  //    "Pakistani security forces"); before a few nouns or as "-funded"/"-backed" they
  //    point at the state itself ("Israeli territory", "Iranian-funded").
  for (size_t i = 0; i < n; ++i) {
    if (claim.taken[i] || !IsCap(tokens[i])) continue;
    auto state = lexicon.LookupDemonym(tokens[i].fold);
    if (!state) continue;
    size_t end = i + 1;
    while (end < n && !claim.taken[end] && words.organs.count(tokens[end].fold)) ++end;
    if (end > i + 1) {
      int ent = entities.FromShape(Written(text, tokens, i, end), EntityType::kState, tokens[i].begin);
      entities[ent].lexicon_id = lexicon.entry(*state).id;
      add(i, end, ent, EntityType::kState);
      continue;
    }
    static const StringSet state_nouns = {
        "territory", "targets", "target", "invasion", "occupation", "interests", "positions",
        "posts", "outpost", "border", "funded", "backed", "supported", "controlled",
        "led", "sponsored", "trained", "armed", "officials", "authorities"};
    if (end < n && state_nouns.count(tokens[end].fold)) {
      int ent = entities.FromLexicon(*state, lexicon.entry(*state).name, tokens[i].begin);
      add(i, i + 1, ent, EntityType::kState);
    }
  }

  // 5. Persons by shape: after a title or a cue word, a kunya ("Abu X al-Y"), or a
  //    capitalized name with an Arabic name particle ("Qais al-Khazali").
  for (size_t i = 0; i < n; ++i) {
    if (claim.taken[i] || !IsCap(tokens[i])) continue;
    size_t j = RunEnd(tokens, i, n);
    while (j > i && !claim.Free(i, j)) --j;
    if (j <= i) continue;
    size_t a = i;
    bool titled = false;
    while (a < j && (words.person_titles.count(tokens[a].fold) ||
                     (tokens[a].fold == "mr"sv || tokens[a].fold == "dr"sv))) {
      ++a;
      titled = true;
      if (a < j && tokens[a].kind == TokenKind::kPunct) ++a;
    }
    if (a < n && a < j && tokens[a].kind == TokenKind::kPunct && titled) ++a;
    // "Mr." leaves a period token between title and name.
    if (titled && a >= j && a < n && IsCap(tokens[a])) j = RunEnd(tokens, a, n);
    if (a >= j) { i = j; continue; }
    // Leading sentence words are not part of a name.
    while (a < j && words.stopwords.count(tokens[a].fold) && !titled) ++a;
    while (a < j && !IsCap(tokens[a])) ++a;
    if (a >= j) { i = j; continue; }
    size_t len = j - a;
    bool cue = a > 0 && words.person_cues.count(tokens[a - 1].fold);
    if (!cue && a > 1 && tokens[a - 1].fold == "by"sv && words.person_cues.count(tokens[a - 2].fold))
      cue = true;
    bool kunya = tokens[a].fold == "abu"sv && len >= 2;
    bool particle = false;
    for (size_t k = a + 1; k < j; ++k)
      if (tokens[k].fold == "al"sv || tokens[k].fold == "bin"sv || tokens[k].fold == "ibn"sv ||
          tokens[k].fold == "ag"sv)
        particle = true;
    bool plausible_len = len >= 2 && len <= 5;
    bool is_person = (titled && len >= 1 && len <= 5) || kunya || (cue && len <= 5) ||
                     (particle && plausible_len && !lexicon.LookupDemonym(tokens[a].fold));
    if (!is_person) {
      // A lone capitalized word naming a person (or group) already in this document.
      if (len == 1 && !words.stopwords.count(tokens[a].fold)) {
        if (auto p = entities.FindByWord(Written(text, tokens, a, j), EntityType::kPerson)) {
          ++entities[*p].mentions;
          add(a, j, *p, EntityType::kPerson);
        } else if (auto g = entities.FindByWord(Written(text, tokens, a, j), EntityType::kGroup)) {
          ++entities[*g].mentions;
          add(a, j, *g, EntityType::kGroup);
        }
      }
      i = j;
      continue;
    }
    int ent = entities.FromShape(Written(text, tokens, a, j), EntityType::kPerson, tokens[a].begin);
    add(a, j, ent, EntityType::kPerson);
    i = j;
  }

  // 6. Media outlets by shape ("Mareeg Online", "The Jerusalem Post") or by apposition
  //    ("Thabat, a media organization associated with al-Qaeda").
  static const StringSet media_kinds = {"media", "news", "propaganda", "press"};
  static const StringSet outlet_nouns = {"organization", "organisation", "outlet",
                                                     "agency", "wing", "channel", "foundation",
                                                     "arm", "office", "center", "centre", "network"};
  for (size_t i = 0; i + 3 < n; ++i) {
    if (claim.taken[i] || !IsCap(tokens[i]) || words.stopwords.count(tokens[i].fold)) continue;
    size_t j = RunEnd(tokens, i, n);
    if (!claim.Free(i, j) || j + 2 >= n || tokens[j].fold != ","sv) { i = std::max(i, j); continue; }
    size_t k = j + 1;
    if (tokens[k].fold == "a"sv || tokens[k].fold == "an"sv || tokens[k].fold == "the"sv) ++k;
    if (k + 1 < n && media_kinds.count(tokens[k].fold) && outlet_nouns.count(tokens[k + 1].fold)) {
      int ent = entities.FromShape(Written(text, tokens, i, j), EntityType::kMedia, tokens[i].begin);
      add(i, j, ent, EntityType::kMedia);
    }
    i = std::max(i, j);
  }

  for (size_t i = 0; i < n; ++i) {
    if (claim.taken[i] || !IsCap(tokens[i])) continue;
    size_t j = RunEnd(tokens, i, n);
    while (j > i && !claim.Free(i, j)) --j;
    size_t a = i;
    while (a < j && words.stopwords.count(tokens[a].fold)) ++a;
    if (a < j && j - a >= 2 && words.media_heads.count(tokens[j - 1].fold)) {
      int ent = entities.FromShape(Written(text, tokens, a, j), EntityType::kMedia, tokens[a].begin);
      add(a, j, ent, EntityType::kMedia);
    }
    i = std::max(j, i + 1);
  }

  // 7. Anaphors: "the group", "the pro-ISIS group", "the Palestinian terror group",
  //    "it"/"its". Resolved later against the discourse (coref.cc).
  static const StringSet anaphor_heads = {"group", "organization", "organisation", "militia",
                                          "movement", "faction", "outfit", "network"};
  for (size_t i = 0; i < n; ++i) {
    if (claim.taken[i]) continue;
    const std::string& f = tokens[i].fold;
    if ((f == "it"sv || f == "its"sv || f == "they"sv) && IsWord(tokens[i])) {
      Mention m;
      m.first = i;
      m.last = i + 1;
      m.anaphor = true;
      m.type = EntityType::kGroup;
      claim.Take(i, i + 1);
      out.push_back(m);
      continue;
    }
    if (f != "the"sv && f != "their"sv && f != "this"sv) continue;
    // "is the largest group in Pakistan" describes, it does not refer.
    static const StringSet predicative = {"is", "was", "are", "were", "be", "been",
                                                      "become", "became", "remains", "as", "of"};
    if (i > 0 && predicative.count(tokens[i - 1].fold)) continue;
    size_t k = i + 1;
    std::string hint;
    while (k < n && k <= i + 4 && !claim.taken[k] && !anaphor_heads.count(tokens[k].fold) &&
           IsWord(tokens[k])) {
      if (hint.empty() && lexicon.LookupDemonym(tokens[k].fold)) hint = tokens[k].fold;
      if (tokens[k].fold == "pro"sv && tokens[k].hyphen_after && k + 1 < n) hint = "pro " + tokens[k + 1].fold;
      ++k;
    }
    // "the pro-ISIS group": the lexicon claimed ISIS; step over it. Any other name
    // inside makes a name ("the extremist Army of Islam group"), not an anaphor.
    static const StringSet leaning = {"affiliated", "linked", "aligned", "allied",
                                                  "backed", "inspired", "supporting", "loyal"};
    while (k < n && k <= i + 5 && claim.taken[k] && k > 0 &&
           (tokens[k - 1].fold == "pro"sv || (claim.taken[k - 1] && hint.rfind("pro ", 0) == 0) ||
            (tokens[k].hyphen_after && k + 1 < n && leaning.count(tokens[k + 1].fold)))) {
      if (tokens[k - 1].fold == "pro"sv ||
          (tokens[k].hyphen_after && k + 1 < n && leaning.count(tokens[k + 1].fold)))
        hint = "pro " + tokens[k].fold;
      ++k;
      // "the ISIS-affiliated group": the adjective after the name.
      if (k < n && leaning.count(tokens[k].fold) && tokens[k - 1].hyphen_after) ++k;
    }
    if (k < n && anaphor_heads.count(tokens[k].fold) && IsWord(tokens[k]) && !IsCap(tokens[k])) {
      // "the group's" and "the group" alike; "the Islamist group Hamas" is a name.
      if (k + 1 < n && IsCap(tokens[k + 1]) && !words.stopwords.count(tokens[k + 1].fold)) continue;
      Mention m;
      m.first = i;
      m.last = k + 1;
      m.anaphor = true;
      m.type = EntityType::kGroup;
      m.anaphor_hint = hint;
      claim.Take(i, k + 1);
      out.push_back(m);
      i = k;
    }
  }

  std::sort(out.begin(), out.end(), [](const Mention& x, const Mention& y) { return x.first < y.first; });
  return out;
}

std::vector<Quantity> FindQuantities(std::string_view text, const std::vector<Token>& tokens,
                                     const MentionWords& words) {
  std::vector<Quantity> out;
  const size_t n = tokens.size();
  auto number = [&](size_t i, double* v) {
    if (tokens[i].kind != TokenKind::kNumber) return false;
    std::string digits;
    for (char c : text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin))
      if (isdigit(static_cast<unsigned char>(c)) || c == '.') digits += c;
    if (digits.empty()) return false;
    *v = std::atof(digits.c_str());
    return true;
  };
  static const std::map<std::string, double> vague = {{"dozens", 24}, {"hundreds", 200},
                                                      {"thousands", 2000}, {"scores", 40}};
  for (size_t i = 0; i < n; ++i) {
    Quantity q;
    q.first = i;
    double v;
    size_t j = i;
    if (auto it = vague.find(tokens[i].fold); it != vague.end()) {
      q.value = q.high = it->second;
      q.approximate = true;
      j = i + 1;
      if (j < n && tokens[j].fold == "of"sv) ++j;
    } else if (number(i, &v)) {
      // Years are dates, not quantities.
      if (v >= 1900 && v <= 2100 && text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin).find(',') == std::string_view::npos)
        continue;
      q.value = q.high = v;
      j = i + 1;
      // "400-500", "1,000–2,000", "400 to 500"
      size_t k = j;
      if (k < n && (tokens[k].fold == "to"sv || tokens[k].fold == "\xE2\x80\x93"sv || tokens[k].fold == "-"sv)) ++k;
      else if (tokens[i].hyphen_after) {}
      double hi;
      if (k < n && (k > j || tokens[i].hyphen_after) && number(k, &hi) && hi > v) {
        q.high = hi;
        j = k + 1;
      }
      // "between 4,000 and 6,000"
      if (k == j && i > 0 && tokens[i - 1].fold == "between"sv && j + 1 < n && tokens[j].fold == "and"sv &&
          number(j + 1, &hi) && hi > v) {
        q.high = hi;
        j += 2;
      }
      if (j < n && tokens[j].fold == "+"sv) ++j;
    } else {
      continue;
    }
    // Qualifiers before the number.
    size_t b = i;
    static const StringSet approx = {"about", "some", "approximately", "around",
                                                 "roughly", "estimated", "nearly", "almost"};
    while (b > 0 && (approx.count(tokens[b - 1].fold) || tokens[b - 1].fold == "over"sv ||
                     tokens[b - 1].fold == "least"sv || tokens[b - 1].fold == "at"sv ||
                     tokens[b - 1].fold == "than"sv || tokens[b - 1].fold == "more"sv ||
                     tokens[b - 1].fold == "up"sv || tokens[b - 1].fold == "to"sv)) {
      if (approx.count(tokens[b - 1].fold)) q.approximate = true;
      --b;
    }
    q.first = b;
    // The unit: the next noun in the units list within two words ("400 fighters",
    // "800 other rebels", "25 members").
    for (size_t k = j; k < n && k < j + 3; ++k) {
      if (words.units.count(tokens[k].fold)) {
        q.unit = tokens[k].fold;
        j = k + 1;
        break;
      }
    }
    q.last = j;
    out.push_back(q);
    i = j - 1;
  }
  return out;
}

}  // namespace orbat
