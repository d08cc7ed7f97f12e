#include "graph/links.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "graph/dates.h"

namespace orbat::graph {

namespace {
bool Earlier(const std::string& a, const std::string& b) { return DateLo(a) < DateLo(b); }
}  // namespace

std::vector<Link> BuildLinks(const GraphData& g) {
  std::map<std::tuple<int64_t, int64_t, std::string>, Link> by_key;
  for (const ClaimRec& c : g.claims) {
    if (!IsRelation(c.p) || !c.o || c.s == c.o) continue;
    bool sym = IsSymmetric(c.p);
    int64_t a = c.s, b = c.o;
    if (sym && a > b) std::swap(a, b);
    Link& l = by_key[{a, b, c.p}];
    l.a = a;
    l.b = b;
    l.p = c.p;
    l.symmetric = sym;
    l.claims.push_back(&c);
  }
  std::vector<Link> links;
  for (auto& [k, l] : by_key) {
    std::set<int64_t> docs;
    bool all_hedged = true;
    for (const ClaimRec* c : l.claims) {
      docs.insert(c->doc);
      if (c->hedge.empty()) all_hedged = false;
      if (!c->start.empty() && (l.start.empty() || Earlier(c->start, l.start))) l.start = c->start;
      if (!c->end.empty() && (l.end.empty() || Earlier(l.end, c->end))) {
        l.end = c->end;
        l.end_reason = "stated";
      }
    }
    // A claim without an end keeps the link open only if it starts after the stated end.
    l.corroboration = static_cast<int>(docs.size());
    l.dated = !l.start.empty() || !l.end.empty();
    l.hedged = all_hedged;
    links.push_back(std::move(l));
  }
  // Ends of life: dissolved / merged_into dates per entity.
  std::map<int64_t, std::pair<std::string, std::string>> end_of;  // entity -> (date, reason)
  for (const ClaimRec& c : g.claims) {
    std::string date;
    if (c.p == "dissolved") date = IsIsoDate(c.o_text) ? c.o_text : c.start;
    else if (c.p == "merged_into") date = c.start;
    if (date.empty() || DateLo(date).empty()) continue;
    auto it = end_of.find(c.s);
    if (it == end_of.end() || Earlier(date, it->second.first)) {
      std::string who = g.EntityName(c.s);
      end_of[c.s] = {date, (c.p == "dissolved" ? who + " dissolved" : who + " merged into " + g.EntityName(c.o))};
    }
  }
  auto set_end = [](Link& l, const std::string& date, const std::string& reason) {
    if (!l.start.empty() && !Earlier(l.start, date)) return;  // begins after: not ended by it
    if (l.end.empty() || Earlier(date, l.end)) {
      l.end = date;
      l.end_reason = reason;
    }
  };
  for (Link& l : links) {
    if (l.p == "defected_to") continue;
    // A new link type between the same pair.
    for (const Link& m : links) {
      if (&m == &l || m.p == l.p || m.p == "defected_to" || m.start.empty()) continue;
      bool same_pair = (m.a == l.a && m.b == l.b) || (m.a == l.b && m.b == l.a);
      if (!same_pair) continue;
      if (!l.start.empty() && !Earlier(l.start, m.start)) continue;
      if (!l.dated) continue;  // undated: nothing to order against
      set_end(l, m.start, "superseded by " + m.p);
    }
    if (l.p == "merged_into") continue;  // the merger itself is the group's final state
    for (int64_t e : {l.a, l.b}) {
      auto it = end_of.find(e);
      if (it != end_of.end()) set_end(l, it->second.first, it->second.second);
    }
  }
  return links;
}

bool HoldsAt(const Link& l, const std::string& at, bool include_undated) {
  std::string t = DateLo(at);
  if (t.empty()) return false;
  if (l.undated() && !include_undated) return false;
  if (!l.start.empty() && DateLo(l.start) > t) return false;
  if (!l.end.empty() && !(t < DateLo(l.end))) return false;
  return true;
}

std::vector<std::string> ParseTypes(const std::string& csv, std::vector<std::string>* bad) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= csv.size()) {
    size_t pos = csv.find(',', start);
    std::string t = csv.substr(start, pos == std::string::npos ? std::string::npos : pos - start);
    t.erase(0, t.find_first_not_of(' '));
    if (!t.empty()) t.erase(t.find_last_not_of(' ') + 1);
    if (!t.empty()) {
      if (IsRelation(t) || IsEvent(t)) out.push_back(t);
      else if (bad) bad->push_back(t);
    }
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return out;
}

}  // namespace orbat::graph
