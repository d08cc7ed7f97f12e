// Pattern matches -> facts. A match names its slots; this stage turns slot tokens into
// entities (every member of a list), picks the subject when the rule has none, dates
// the fact from the nearest date in the sentence (or the paragraph's), applies the
// sentence's hedge, and drops matches that a negation cue inside the match denies.
#include <algorithm>
#include <set>

#include "extract/stages.h"
#include "text/normalize.h"
#include "base/string_map.h"

namespace orbat {

using namespace std::string_view_literals;

namespace {

struct SlotMember {
  char letter;
  int id;
};

std::vector<SlotMember> ParseSlot(const std::string& slot) {
  std::vector<SlotMember> out;
  size_t i = 1;  // skip '<'
  while (i < slot.size() && slot[i] != '>') {
    char letter = slot[i++];
    int id = 0;
    while (i < slot.size() && isdigit(static_cast<unsigned char>(slot[i]))) id = id * 10 + (slot[i++] - '0');
    out.push_back({letter, id});
    if (i < slot.size() && slot[i] == '_') ++i;
  }
  return out;
}

const StringSet& EventPredicates() {
  static const StringSet e = {"attack", "clash", "arrest", "capture", "threaten"};
  return e;
}

// The piece index at an abstract offset.
size_t PieceAt(const Sentence& s, size_t abs_pos) {
  size_t best = 0;
  for (size_t i = 0; i < s.pieces.size(); ++i)
    if (s.pieces[i].abs_begin <= abs_pos) best = i;
  return best;
}

bool IsActorSlot(const Piece& p) { return p.kind == 'g' || p.kind == 's'; }

// The hedge of a fact matched at [begin, end) of the abstract: the first-listed cue
// that starts before the match ends ("reportedly pledged", "claimed responsibility for
// an attack on") or that closes the sentence ("..., the group claimed."). A cue in a
// later clause does not reach back: in "The group, which is affiliated with al-Qaeda,
// claimed responsibility for the attack" the affiliation is not a claim.
std::string HedgeFor(const Resources& res, const Sentence& s, size_t end) {
  if (s.hedge_cues.empty() || s.pieces.empty()) return "";
  size_t end_byte = s.pieces[PieceAt(s, end == 0 ? 0 : end - 1)].byte_end;
  int best = -1;
  for (const auto& c : s.hedge_cues)
    if ((c.begin < end_byte || c.closing) && (best < 0 || c.order < best)) best = c.order;
  return best >= 0 ? res.hedges[best] : "";
}

constexpr int kPersonClause = -2;

// The subject of the clause a rule matched in, for rules without {S}: the nearest
// actor before the match that stands as a subject -- not after a preposition, and
// followed by a verb, an auxiliary, a comma or a relative pronoun ("the TTP focuses
// on ...", "the Afghan Taliban, which focuses on ..."). -1 when there is none,
// kPersonClause when the match is in a relative clause about a person ("led by X, who
// was designated ..."): then no group is its subject.
int ClauseSubject(const Sentence& s, size_t match_begin) {
  // A relative clause ("the Afghan Taliban, which focuses on combatting ...", "a
  // Palestinian group that split from ..."): the group the pronoun stands for.
  size_t at = PieceAt(s, match_begin);
  for (size_t k = at; k > 0 && k + 5 > at; --k) {
    const std::string& w = s.pieces[k - 1].text;
    if (s.pieces[k - 1].kind != 'w') break;
    if (w == "which"sv || w == "who"sv || w == "that"sv) {
      // "... led by X, who was designated ...": the clause is about the person.
      size_t g = k - 1;
      if (g > 0 && s.pieces[g - 1].text == ","sv) --g;
      if (g > 0 && s.pieces[g - 1].kind == 'h') return kPersonClause;
      for (g = k - 1; g > 0 && g + 8 > k; --g)
        if (s.pieces[g - 1].kind == 'g') return s.pieces[g - 1].ids[0];
      break;
    }
  }
  static const StringSet preps = {
      "by", "of", "with", "against", "from", "to", "between", "into", "within", "alongside",
      "at", "toward", "towards", "on", "for", "about", "than", "under", "over", "like",
      "including", "among", "in", "unlike", "'s", "and", "or", "behind", "near", "via"};
  static const StringSet verbish = {
      ",", "which", "who", "that", "is", "was", "are", "were", "has", "have", "had", "will",
      "would", "can", "could", "also", "later", "then", "reportedly", "allegedly", "itself",
      "first", "soon", "now", "still", "once", "again", "officially", "formally", "and"};
  int best = -1;
  for (size_t i = 0; i < s.pieces.size() && s.pieces[i].abs_begin < match_begin; ++i) {
    const Piece& p = s.pieces[i];
    if (!IsActorSlot(p)) continue;
    size_t b = i;
    if (b > 0 && s.pieces[b - 1].text == "the"sv) --b;
    if (b > 0 && preps.count(s.pieces[b - 1].text)) continue;
    if (i + 1 >= s.pieces.size()) continue;
    const std::string& next = s.pieces[i + 1].text;
    bool verb = verbish.count(next) || (next.size() > 3 && (next.ends_with("ed") || next.ends_with("es")));
    // "Iranian-funded", "US-backed": a compound adjective, not a clause.
    static const StringSet compounds = {
        "funded", "backed", "supported", "sponsored", "led", "controlled", "based", "linked",
        "affiliated", "aligned", "allied", "trained", "armed", "inspired", "dominated", "born"};
    if (s.pieces[i + 1].kind != 'w' || !verb || compounds.count(next)) continue;
    best = p.ids[0];
  }
  return best;
}

bool Negated(const Resources& res, const Sentence& s, size_t from, size_t to) {
  size_t a = PieceAt(s, from), b = PieceAt(s, to);
  for (size_t i = a; i <= b && i < s.pieces.size(); ++i) {
    if (s.pieces[i].kind != 'w') continue;
    for (const auto& neg : res.negations)
      if (s.pieces[i].text == neg) return true;
  }
  return false;
}

// A province, district or other region rather than a town (lexicon kind).
bool IsRegion(const Resources& res, const std::string& name) {
  for (uint32_t id : res.lexicon.Lookup(name)) {
    const LexEntry& e = res.lexicon.entry(id);
    if (e.type == EntityType::kPlace) return e.kind == "admin1"sv || e.kind == "admin2"sv || e.kind == "region"sv;
  }
  return false;
}

// The date for a fact matched at [begin, end) of the abstract: one inside the match,
// else the nearest one before it, else the first after it, else the paragraph's.
const DateMention* DateFor(const Sentence& s, size_t begin, size_t end) {
  const DateMention* inside = nullptr;
  const DateMention* before = nullptr;
  const DateMention* after = nullptr;
  bool and_after_inside = false;  // an "and" between the inside date and the match's end
  bool and_after_before = false;  // an "and" between the last date before and the match
  const DateMention* next_to_end = nullptr;  // "... <o> in <d>" right after the match
  for (size_t i = 0; i < s.pieces.size(); ++i) {
    const Piece& p = s.pieces[i];
    if (inside && p.abs_begin < end && p.text == "and"sv) and_after_inside = true;
    if (before && !inside && p.abs_begin < begin && p.text == "and"sv) and_after_before = true;
    if (p.kind != 'd') continue;
    const DateMention* d = &s.dates[p.ids[0]];
    if (p.abs_begin >= begin && p.abs_begin < end) {
      if (!inside) inside = d;
    } else if (p.abs_begin < begin) {
      before = d;
      and_after_before = false;
    } else {
      if (!after) after = d;
      static const StringSet preps = {"in", "on", "since", "during", "by"};
      if (!next_to_end && i > 0 && s.pieces[i - 1].abs_begin >= end && preps.count(s.pieces[i - 1].text) &&
          (i < 2 || s.pieces[i - 2].abs_begin < end))
        next_to_end = d;
    }
  }
  // "deployed in July 2021 and recaptured Mocimboa in August 2021": a date before an
  // "and" that opens the next verb is the earlier verb's; this one's follows its object.
  if (inside && and_after_inside && next_to_end) return next_to_end;
  if (inside) return inside;
  if (before && and_after_before && next_to_end) return next_to_end;
  // A date that opens the sentence ("On 19 February 2018, a day after X was founded,
  // clashes erupted") scopes over its main clause, not the dates of subordinate ones.
  for (size_t i = 0; i < s.pieces.size() && i < 3; ++i)
    if (s.pieces[i].kind == 'd' && s.pieces[i].abs_begin < begin) return &s.dates[s.pieces[i].ids[0]];
  if (before) return before;
  if (after) return after;
  return nullptr;
}

// "Syrian troops were ambushed by al-Nusra": the rule's object slot is the agent of a
// passive verb, so the active reading (troops attacked al-Nusra) is wrong. The
// passive rules (option swap) read such sentences the right way round. Only for events:
// "founded by", "led by", "designated by" are passive by design.
bool PassiveAgent(const Sentence& s, const PatternMatch& m) {
  if (m.s_pos == std::string::npos || m.o_pos == std::string::npos || m.o_pos <= m.s_pos) return false;
  size_t o = PieceAt(s, m.o_pos);
  size_t k = o;
  while (k > 0 && s.pieces[k - 1].text == "the"sv) --k;
  if (k == 0 || s.pieces[k - 1].text != "by"sv) return false;
  static const StringSet be = {"was", "were", "been", "being", "is", "are", "be", "got"};
  for (size_t i = PieceAt(s, m.s_pos) + 1; i + 1 < k; ++i)
    if (be.count(s.pieces[i].text)) return true;
  return false;
}

// "Gunmen attacked a church in Kaduna": the clause before the match names its doer
// with a noun for unnamed men and no entity, so the event is nobody's we know -- not the
// group the document is about.
bool UnnamedDoer(const Resources& res, const Sentence& s, size_t match_begin) {
  for (size_t i = 0; i < s.pieces.size() && s.pieces[i].abs_begin < match_begin; ++i) {
    const Piece& p = s.pieces[i];
    if (p.kind != 'w') return false;  // an entity, a date: leave it to the usual rules
    if (p.text == ","sv || p.text == ";"sv) return false;
    if (res.words.agent_nouns.count(p.text)) return true;
  }
  return false;
}

}  // namespace

void ExtractRelations(const Resources& res, DocState& doc, Sentence& s) {
  // Every rule needs an entity slot; most sentences without one can be skipped whole.
  if (s.pieces.empty() || s.abstract.find('<') == std::string::npos) return;
  for (const PatternMatch& m : res.patterns.MatchAll(s.abstract)) {
    const Pattern& pat = *m.pattern;
    size_t neg_from = m.s_pos != std::string::npos ? std::min(m.s_pos, m.begin) : m.begin;
    if (Negated(res, s, neg_from, m.o_pos != std::string::npos ? m.o_pos : m.end)) continue;
    static const StringSet events = {"attack", "capture", "arrest", "threaten", "clash"};
    if (!pat.swap && events.count(pat.predicates[0]) && PassiveAgent(s, m)) continue;
    // A negation just before the match ("did not pledge", "never joined").
    size_t first_piece = PieceAt(s, m.begin);
    bool neg_before = false;
    for (size_t k = first_piece; k > 0 && k + 3 > first_piece; --k) {
      const Piece& p = s.pieces[k - 1];
      if (p.kind != 'w') break;
      for (const auto& neg : res.negations) neg_before |= p.text == neg;
    }
    if (neg_before) continue;

    std::vector<SlotMember> subjects, objects = ParseSlot(m.o);
    if (!m.text.empty()) objects = {{'t', 0}};
    // "dated its beginning to 2007 or 2008": each alternative date is a claim.
    if (objects.size() == 1 && objects[0].letter == 'd' && m.o_pos != std::string::npos) {
      size_t k = PieceAt(s, m.o_pos) + 1;
      while (k + 1 < s.pieces.size() && (s.pieces[k].text == "or"sv || s.pieces[k].text == "and"sv) &&
             s.pieces[k + 1].kind == 'd') {
        objects.push_back({'d', s.pieces[k + 1].ids[0]});
        k += 2;
      }
    }
    // "captured the city of A, the towns of B and C, and the D base": the places
    // enumerated after the object are objects too.
    if ((pat.predicates[0] == "capture"sv || pat.predicates[0] == "attack"sv) && m.o_pos != std::string::npos) {
      static const StringSet glue = {
          ",", "and", "the", "of", "town", "towns", "village", "villages", "city", "cities",
          "settlements", "settlement", "as", "well", "district", "districts", "areas", "area"};
      for (size_t k = PieceAt(s, m.o_pos) + 1; k < s.pieces.size(); ++k) {
        const Piece& p = s.pieces[k];
        if (p.kind == 'p') {
          // "in Monguno, Borno State": a province after a town locates it.
          bool locator = s.pieces[k - 1].text == ","sv && k >= 2 && s.pieces[k - 2].kind == 'p' &&
                         p.ids.size() == 1 && IsRegion(res, doc.entities[p.ids[0]].name);
          if (!locator)
            for (int id : p.ids) objects.push_back({'p', id});
          continue;
        }
        if (p.kind != 'w' || !glue.count(p.text)) break;
      }
    }
    if (pat.pairs) {
      // "clashes between A and B": every pair of the list's members.
      std::vector<SlotMember> members = ParseSlot(m.s);
      if (members.size() < 2) continue;
      subjects = {members[0]};
      objects.assign(members.begin() + 1, members.end());
    } else if (!m.s.empty()) {
      subjects = ParseSlot(m.s);
    } else {
      int subj = ClauseSubject(s, m.begin);
      if (subj == kPersonClause) continue;
      if (subj < 0 && s.subject < 0 && UnnamedDoer(res, s, m.begin)) continue;
      if (subj < 0) subj = s.subject >= 0 ? s.subject : doc.main_entity;
      if (subj < 0) continue;
      subjects.push_back({'g', subj});
    }
    if (pat.swap) std::swap(subjects, objects);

    const DateMention* when = pat.time_role == Pattern::TimeRole::kNone ? nullptr
                                                                         : DateFor(s, m.begin, m.end);
    // Without a date of its own, an event or a change ("the group pledged allegiance")
    // takes the paragraph's last date ("In October 2016, clashes ... As a result of the
    // clashes, ..."); a standing relation ("is allied with") does not.
    if (!when && s.context_date && pat.time_role != Pattern::TimeRole::kNone) {
      static const StringSet dated = {"attack", "clash", "arrest", "capture", "threaten",
                                                  "size", "defected_to"};
      if (pat.time_role != Pattern::TimeRole::kWhen || dated.count(pat.predicates[0]))
        when = &*s.context_date;
    }
    // "fought in the 2012 Gaza War and the 2014 Gaza War against Israel": an event
    // with several dates inside its match happened at each of them.
    std::vector<const DateMention*> event_dates;
    for (const auto& p : s.pieces)
      if (p.kind == 'd' && p.abs_begin >= m.begin && p.abs_begin < m.end) event_dates.push_back(&s.dates[p.ids[0]]);
    for (const std::string& pred : pat.predicates) {
      for (const auto& sm : subjects) {
        for (const auto& om : objects) {
          DraftFact f;
          f.s = sm.id;
          f.p = pred;
          f.evidence = s.span;
          f.confidence = pat.confidence;
          f.hedge = !pat.hedge.empty() ? pat.hedge : HedgeFor(res, s, m.end);
          switch (om.letter) {
            case 'd': {
              const DateMention& d = s.dates[om.id];
              f.o_text = std::to_string(d.date.year);
              f.time.start = d.date.Iso();
              // "which lasted from 1990-1994": founded and, when it ended, dissolved.
              if (pred == "active_range"sv) {
                f.p = "founded";
                if (d.is_range && d.range_end.valid()) {
                  DraftFact end = f;
                  end.p = "dissolved";
                  end.o_text = std::to_string(d.range_end.year);
                  end.time.start = d.range_end.Iso();
                  AddFact(doc, std::move(end));
                }
              }
              break;
            }
            case 'n': {
              const Quantity& q = s.quantities[om.id];
              f.value = q.value;
              f.o_text = std::to_string(static_cast<long long>(q.value));
              if (q.approximate && f.hedge.empty()) f.hedge = "estimated";
              break;
            }
            case 'i':
              f.o_text = s.ideologies[om.id].text;
              break;
            case 't':
              f.o_text = m.text;
              break;
            default:
              f.o = om.id;
          }
          if (pred == "defected_to"sv && !f.value) {
            // "over 400 fighters and senior leaders of X defected to Y": the count is the
            // last quantity of people before the end of the match.
            for (const auto& p : s.pieces)
              if (p.kind == 'n' && p.abs_begin < m.end && !s.quantities[p.ids[0]].unit.empty())
                f.value = s.quantities[p.ids[0]].value;
          }
          if (when && om.letter != 'd') {
            TimeSpan t = TimeOf(*when);
            switch (pat.time_role) {
              case Pattern::TimeRole::kWhen: f.time = t; break;
              case Pattern::TimeRole::kStart: f.time.start = t.start; break;
              case Pattern::TimeRole::kEnd: f.time.end = t.start; break;
              case Pattern::TimeRole::kNone: break;
            }
          }
          // A marker, not a relation: postprocess.cc turns it into splinter_of.
          if (pred == "independent"sv) {
            f.s = f.o;
            f.o = -1;
            f.o_text = "independent";
          }
          if (event_dates.size() > 1 && EventPredicates().count(pred) && pat.time_role == Pattern::TimeRole::kWhen) {
            for (const DateMention* d : event_dates) {
              DraftFact each = f;
              each.time = TimeOf(*d);
              AddFact(doc, std::move(each));
            }
            continue;
          }
          AddFact(doc, std::move(f));
        }
      }
    }
  }
}

}  // namespace orbat
