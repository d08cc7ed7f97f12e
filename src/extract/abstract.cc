#include <set>

#include "extract/stages.h"
#include "base/string_map.h"

namespace orbat {

using namespace std::string_view_literals;

namespace {

char Letter(EntityType t) {
  switch (t) {
    case EntityType::kGroup: return 'g';
    case EntityType::kState: return 's';
    case EntityType::kPlace: return 'p';
    case EntityType::kPerson: return 'h';
    case EntityType::kMedia: return 'm';
    default: return 'o';
  }
}

std::string SlotText(const Piece& p) {
  std::string out = "<";
  for (size_t i = 0; i < p.ids.size(); ++i) {
    if (i) out += '_';
    out += p.letters[i];
    out += std::to_string(p.ids[i]);
  }
  return out + ">";
}

bool IsEntitySlot(const Piece& p) {
  return p.kind == 'g' || p.kind == 's' || p.kind == 'p' || p.kind == 'h' || p.kind == 'm' ||
         p.kind == 'o';
}

// Two slots may be coordinated when both are actors (groups/states) or both are
// places or both persons.
int Family(char k) {
  if (k == 'g' || k == 's') return 0;
  if (k == 'p') return 1;
  if (k == 'h') return 2;
  return 3;
}

// "A, B and the C" -> one list slot. Lists let one rule cover every member.
void CollapseLists(std::vector<Piece>& pieces) {
  std::vector<Piece> out;  // pieces move over once read; only later ones are looked at
  out.reserve(pieces.size());
  for (size_t i = 0; i < pieces.size();) {
    if (!IsEntitySlot(pieces[i])) { out.push_back(std::move(pieces[i++])); continue; }
    // Members joined by commas count only when a conjunction closes the list
    // ("A, B and C"); "in A, the B focuses" is two clauses.
    std::vector<size_t> members = {i};
    size_t j = i + 1;
    size_t end = i + 1;
    while (j < pieces.size()) {
      size_t k = j;
      bool conj = false;
      if (pieces[k].text == ","sv) ++k;
      if (k < pieces.size() && (pieces[k].text == "and"sv || pieces[k].text == "or"sv)) { ++k; conj = true; }
      // "A, B, C and elements of D": the conjunction closes the list A, B, C; only a
      // part of D takes part, so D is not a member.
      static const StringSet parts = {"elements", "parts", "remnants", "factions", "units", "members"};
      if (conj && members.size() >= 2 && k + 1 < pieces.size() && parts.count(pieces[k].text) &&
          pieces[k + 1].text == "of"sv) {
        end = j;
        break;
      }
      if (k < pieces.size() && pieces[k].text == "the"sv) ++k;
      if (k == j || k >= pieces.size()) break;
      if (!IsEntitySlot(pieces[k]) || Family(pieces[k].kind) != Family(pieces[i].kind)) break;
      members.push_back(k);
      j = k + 1;
      if (conj) { end = j; break; }
    }
    // "A, and B" with two members is not a list but the end of a longer clause ("...,
    // backed by A, and B in the west"): lists with an Oxford comma have three members.
    if (members.size() == 2 && end > i + 1 && pieces[i + 1].text == ","sv) end = i + 1;
    if (end == i + 1) members.resize(1);
    Piece list = std::move(pieces[i]);
    for (size_t m = 1; m < members.size(); ++m) {
      const Piece& next = pieces[members[m]];
      list.ids.insert(list.ids.end(), next.ids.begin(), next.ids.end());
      list.letters.insert(list.letters.end(), next.letters.begin(), next.letters.end());
      list.byte_end = next.byte_end;
    }
    if (members.size() > 1) list.text = SlotText(list);
    out.push_back(std::move(list));
    i = members.size() > 1 ? end : i + 1;
  }
  pieces = std::move(out);
}

// "the Islamic State West Africa Province (ISWAP) attacked": a parenthesis that only
// restates the name before it says nothing to the rules, which then see "<g0> attacked".
void DropRestatedNames(std::vector<Piece>& pieces) {
  size_t w = 0;  // compacts in place; most sentences have nothing to drop
  for (size_t i = 0; i < pieces.size(); ++i) {
    bool restated = IsEntitySlot(pieces[i]) && i + 3 < pieces.size() && pieces[i + 1].text == "("sv &&
                    pieces[i + 3].text == ")"sv && pieces[i].ids.size() == 1 && pieces[i + 2].ids == pieces[i].ids;
    if (w != i) pieces[w] = std::move(pieces[i]);
    if (restated) {
      pieces[w].byte_end = pieces[i + 3].byte_end;
      i += 3;
    }
    ++w;
  }
  pieces.resize(w);
}

// "merged with Noor al-Deen al-Zenki, Liwa al-Haqq, Ansar al-Din Front and ...": a name
// found only by its shape as a person's, listed among groups, is a group named after
// a person. Needs two groups in the same comma list.
void RetypeListedNames(DocState& doc, std::vector<Piece>& pieces) {
  auto sep = [&](size_t k) { return k < pieces.size() && (pieces[k].text == ","sv || pieces[k].text == "and"sv); };
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].kind != 'h' || pieces[i].ids.size() != 1) continue;
    int e = pieces[i].ids[0];
    if (!doc.entities[e].lexicon_id.empty()) continue;
    int groups = 0;
    for (size_t k = i + 1; k + 1 < pieces.size() && sep(k) && pieces[k + 1].kind == 'g'; k += 2) ++groups;
    for (size_t k = i; k >= 2 && sep(k - 1) && pieces[k - 2].kind == 'g'; k -= 2) ++groups;
    if (groups < 2) continue;
    doc.entities.Retype(e, EntityType::kGroup);
    pieces[i].kind = 'g';
    pieces[i].letters = {'g'};
    pieces[i].text = SlotText(pieces[i]);
  }
}

}  // namespace

void BuildAbstract(const Resources& res, DocState& doc, Sentence& s) {
  const auto& toks = s.tokens;
  std::vector<int> mention_at(toks.size(), -1), date_at(toks.size(), -1),
      qty_at(toks.size(), -1), ideo_at(toks.size(), -1);
  for (size_t m = 0; m < s.mentions.size(); ++m)
    for (size_t t = s.mentions[m].first; t < s.mentions[m].last; ++t) mention_at[t] = m;
  for (size_t d = 0; d < s.dates.size(); ++d)
    for (size_t t = 0; t < toks.size(); ++t)
      if (toks[t].begin >= s.dates[d].begin && toks[t].end <= s.dates[d].end) date_at[t] = d;
  for (size_t q = 0; q < s.quantities.size(); ++q)
    for (size_t t = s.quantities[q].first; t < s.quantities[q].last; ++t) qty_at[t] = q;
  for (size_t q = 0; q < s.ideologies.size(); ++q)
    for (size_t t = s.ideologies[q].first; t < s.ideologies[q].last; ++t) ideo_at[t] = q;

  std::vector<Piece> pieces;
  for (size_t t = 0; t < toks.size();) {
    Piece p;
    p.byte_begin = toks[t].begin;
    size_t next = t + 1;
    if (mention_at[t] >= 0) {
      const Mention& m = s.mentions[mention_at[t]];
      next = m.last;
      if (m.entity >= 0) {
        p.kind = Letter(doc.entities[m.entity].type);
        p.letters = {p.kind};
        p.ids = {m.entity};
      } else {
        p.text = "it";
      }
    } else if (date_at[t] >= 0) {
      int d = date_at[t];
      while (next < toks.size() && date_at[next] == d) ++next;
      p.kind = 'd';
      p.letters = {'d'};
      p.ids = {d};
    } else if (qty_at[t] >= 0) {
      int q = qty_at[t];
      next = s.quantities[q].last;
      p.kind = 'n';
      p.letters = {'n'};
      p.ids = {q};
    } else if (ideo_at[t] >= 0) {
      int q = ideo_at[t];
      next = s.ideologies[q].last;
      p.kind = 'i';
      p.letters = {'i'};
      p.ids = {q};
    } else {
      p.text = toks[t].fold;
      if (p.text.empty()) p.text = "_";
    }
    if (p.kind != 'w') p.text = SlotText(p);
    p.byte_end = toks[next - 1].end;
    // A resolved "its" is a possessive, as "Hamas's" is: "<g0> 's attacks" keeps rules
    // from reading "its attacks" as "<g0> attacks" (a verb).
    bool possessive = mention_at[t] >= 0 && p.kind != 'w' && next == t + 1 && toks[t].fold == "its"sv;
    pieces.push_back(std::move(p));
    if (possessive) {
      Piece s_piece;
      s_piece.text = "'s";
      s_piece.byte_begin = toks[t].begin;
      s_piece.byte_end = toks[t].end;
      pieces.push_back(std::move(s_piece));
    }
    t = next;
  }
  DropRestatedNames(pieces);
  RetypeListedNames(doc, pieces);
  CollapseLists(pieces);
  s.abstract.clear();
  for (auto& p : pieces) {
    if (!s.abstract.empty()) s.abstract += ' ';
    p.abs_begin = s.abstract.size();
    s.abstract += p.text;
  }
  s.pieces = std::move(pieces);
}

}  // namespace orbat
