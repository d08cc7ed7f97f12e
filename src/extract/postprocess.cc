// Inferences over a document's facts once every sentence is read:
// - "X later became independent" after "X was a subunit of Y" is X splinter_of Y;
// - "part of" a coalition ("... Alliance", "... Operations Room") is membership.
#include <map>
#include <set>

#include "extract/stages.h"
#include "text/normalize.h"

namespace orbat {

using namespace std::string_view_literals;

namespace {

bool IsCoalitionName(const std::string& name) {
  static const char* const kWords[] = {"alliance", "coalition", "operations room", "council",
                                       "league", "umbrella", "confederation"};
  std::string key = " " + FoldName(name) + " ";
  for (const char* w : kWords)
    if (key.find(" " + std::string(w) + " ") != std::string::npos) return true;
  return false;
}

}  // namespace

void FinalizeFacts(DocState& doc) {
  std::vector<DraftFact> out;
  std::vector<DraftFact> independent;
  for (DraftFact& f : doc.facts) {
    if (f.p == "independent"sv) {
      independent.push_back(f);
      continue;
    }
    if (f.p == "part_of"sv && f.o >= 0 && IsCoalitionName(doc.entities[f.o].name)) f.p = "member_of";
    out.push_back(std::move(f));
  }
  if (!independent.empty()) {
    std::map<int, std::set<int>> parents;  // group -> what it was part of
    for (const DraftFact& f : out)
      if (f.p == "part_of"sv) parents[f.s].insert(f.o);
    for (const DraftFact& ind : independent) {
      for (int parent : parents[ind.s]) {
        DraftFact split = ind;
        split.p = "splinter_of";
        split.o = parent;
        out.push_back(std::move(split));
      }
    }
  }
  // Where a pair has the same link both dated and undated, the dated claim goes first:
  // it says more, and readers (and scorers) take the first claim of a pair.
  // The pair's claims are gathered where the pair first appears.
  std::map<std::pair<int, int>, std::vector<size_t>> by_pair;
  for (size_t i = 0; i < out.size(); ++i)
    if (out[i].o >= 0) by_pair[{out[i].s, out[i].o}].push_back(i);
  std::vector<DraftFact> ordered;
  ordered.reserve(out.size());
  std::vector<char> done(out.size(), 0);
  for (size_t i = 0; i < out.size(); ++i) {
    if (done[i]) continue;
    if (out[i].o < 0) {
      ordered.push_back(out[i]);
      continue;
    }
    const auto& group = by_pair[{out[i].s, out[i].o}];
    for (int timed = 1; timed >= 0; --timed)
      for (size_t k : group)
        if (!done[k] && out[k].time.empty() != static_cast<bool>(timed)) {
          ordered.push_back(out[k]);
          done[k] = 1;
        }
  }
  doc.facts = std::move(ordered);
}

}  // namespace orbat
