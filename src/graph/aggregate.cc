#include "graph/aggregate.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "graph/dates.h"
#include "text/normalize.h"

namespace orbat::graph {

namespace {

std::string FormatValue(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[32];
  snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::string AttributeValue(const ClaimRec& c) {
  if (c.p == "founded" || c.p == "dissolved") {
    if (IsIsoDate(c.o_text)) return c.o_text;
    if (!c.start.empty()) return c.start;
    return c.o_text;
  }
  if (c.p == "size" && c.value) return FormatValue(*c.value);
  return c.o_text;
}

std::vector<Assertion> Aggregate(const GraphData& g, const std::vector<const ClaimRec*>& claims) {
  std::map<std::tuple<std::string, int64_t, std::string, std::string, std::string>, Assertion> groups;
  std::vector<std::tuple<std::string, int64_t, std::string, std::string, std::string>> order;
  for (const ClaimRec* c : claims) {
    int64_t s = c->s, o = c->o;
    if (IsSymmetric(c->p) && o && s > o) std::swap(s, o);
    std::string object = o ? g.EntityName(o) : AttributeValue(*c);
    if (object.empty()) object = c->o_text;
    std::string okey = o ? "#" + std::to_string(o) : FoldName(object);
    bool dated_identity = IsEvent(c->p) || c->p == "size" || c->p == "leader";
    std::string start = c->start, end = c->end;
    if (c->p == "founded" || c->p == "dissolved") start = end = "";
    auto key = std::make_tuple(c->p, s, okey, dated_identity ? start : "", dated_identity ? end : "");
    auto it = groups.find(key);
    if (it == groups.end()) {
      Assertion a;
      a.p = c->p;
      a.s = s;
      a.o = o;
      a.object = object;
      it = groups.emplace(key, std::move(a)).first;
      order.push_back(key);
    }
    Assertion& a = it->second;
    a.sources.push_back(c);
    if (!start.empty() && (a.start.empty() || DateLo(start) < DateLo(a.start))) a.start = start;
    if (!end.empty() && (a.end.empty() || DateLo(a.end) < DateLo(end))) a.end = end;
  }
  std::vector<Assertion> out;
  for (auto& k : order) {
    Assertion& a = groups[k];
    std::set<int64_t> docs;
    std::set<std::string> hedges;
    bool plain = false;
    for (const ClaimRec* c : a.sources) {
      docs.insert(c->doc);
      a.confidence = std::max(a.confidence, c->confidence);
      if (c->hedge.empty()) plain = true;
      else hedges.insert(c->hedge);
    }
    a.corroboration = static_cast<int>(docs.size());
    if (!plain) {
      for (const auto& h : hedges) a.hedge += (a.hedge.empty() ? "" : "/") + h;
    }
    out.push_back(std::move(a));
  }
  std::stable_sort(out.begin(), out.end(), [](const Assertion& a, const Assertion& b) {
    if (a.corroboration != b.corroboration) return a.corroboration > b.corroboration;
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    if (a.start != b.start) return DateLo(a.start) < DateLo(b.start);
    return a.object < b.object;
  });
  return out;
}

std::vector<Disagreement> FindDisagreements(std::vector<Assertion>& as) {
  std::vector<Disagreement> out;
  // Buckets of assertions that must agree: (predicate, subject, time year for the
  // time-bound ones).
  std::map<std::tuple<std::string, int64_t, std::string>, std::vector<Assertion*>> buckets;
  for (Assertion& a : as) {
    if (a.p == "founded" || a.p == "dissolved") {
      buckets[{a.p, a.s, ""}].push_back(&a);
    } else if ((a.p == "leader" || a.p == "size") && !a.start.empty()) {
      buckets[{a.p, a.s, YearOf(a.start)}].push_back(&a);
    }
  }
  for (auto& [key, v] : buckets) {
    std::map<std::string, std::vector<Assertion*>> by_value;
    for (Assertion* a : v) {
      std::string val = std::get<0>(key) == "founded" || std::get<0>(key) == "dissolved"
                            ? YearOf(a->object).empty() ? a->object : YearOf(a->object)
                            : FoldName(a->object);
      by_value[val].push_back(a);
    }
    if (by_value.size() < 2) continue;
    Disagreement d;
    d.p = std::get<0>(key);
    d.description = d.p;
    if (!std::get<2>(key).empty()) d.description += " in " + std::get<2>(key);
    d.description += ": ";
    bool first = true;
    for (auto& [val, list] : by_value) {
      int n = 0;
      std::set<std::string> hedges;
      std::set<int64_t> docs;
      for (Assertion* a : list) {
        for (const ClaimRec* c : a->sources) docs.insert(c->doc);
        if (!a->hedge.empty()) hedges.insert(a->hedge);
        a->disputed = true;
        d.assertions.push_back(a);
      }
      n = static_cast<int>(docs.size());
      d.description += (first ? "" : " vs ") + list[0]->object + " (" + std::to_string(n) +
                       (n == 1 ? " source" : " sources");
      for (const auto& h : hedges) d.description += ", " + h;
      d.description += ")";
      first = false;
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace orbat::graph
