#include "graph/queries.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "graph/dates.h"

namespace orbat::graph {

namespace {

struct SectionDef {
  const char* title;
  const char* p;
};

const SectionDef kSections[] = {
    {"Also known as", "alias"},     {"Founded", "founded"},       {"Dissolved", "dissolved"},
    {"Founders", "founder"},        {"Leaders", "leader"},        {"Ideology", "ideology"},
    {"Area", "area"},               {"Size", "size"},             {"Designated by", "designated_by"},
    {"Funding", "funding"},         {"Media outlets", "media_outlet"},
};

bool ByDate(const Assertion& a, const Assertion& b) {
  std::string da = DateLo(a.start), db = DateLo(b.start);
  if (da.empty() != db.empty()) return !da.empty();
  if (da != db) return da < db;
  return a.object < b.object;
}

}  // namespace

Profile BuildProfile(const GraphData& g, int64_t entity) {
  Profile pr;
  if (const EntityRec* e = g.entity(entity)) pr.entity = *e;
  std::vector<const ClaimRec*> own, events;
  for (const ClaimRec& c : g.claims) {
    if (IsEvent(c.p) && (c.s == entity || c.o == entity)) events.push_back(&c);
    else if (c.s == entity && !IsRelation(c.p)) own.push_back(&c);
  }
  pr.storage = Aggregate(g, own);
  pr.disagreements = FindDisagreements(pr.storage);
  for (const SectionDef& def : kSections) {
    ProfileSection s;
    s.title = def.title;
    s.p = def.p;
    for (const Assertion& a : pr.storage)
      if (a.p == def.p) s.items.push_back(a);
    if (s.p == "size" || s.p == "leader") std::stable_sort(s.items.begin(), s.items.end(), ByDate);
    if (!s.items.empty()) pr.sections.push_back(std::move(s));
  }
  // Predicates outside the known sections (extensions) still show.
  std::set<std::string> known;
  for (const SectionDef& def : kSections) known.insert(def.p);
  for (const Assertion& a : pr.storage) {
    if (known.count(a.p)) continue;
    auto it = std::find_if(pr.sections.begin(), pr.sections.end(),
                           [&](const ProfileSection& s) { return s.p == a.p; });
    if (it == pr.sections.end()) {
      pr.sections.push_back({a.p, a.p, {}});
      it = pr.sections.end() - 1;
    }
    it->items.push_back(a);
  }
  pr.events = Aggregate(g, events);
  std::stable_sort(pr.events.begin(), pr.events.end(), ByDate);
  // Relations: every link touching the entity.
  for (Link& l : BuildLinks(g))
    if (l.a == entity || l.b == entity) pr.links.push_back(std::move(l));
  for (const Link& l : pr.links) {
    RelationView v;
    v.link = &l;
    v.outgoing = l.a == entity;
    v.other = v.outgoing ? l.b : l.a;
    pr.relations.push_back(v);
  }
  std::stable_sort(pr.relations.begin(), pr.relations.end(), [&](const RelationView& x, const RelationView& y) {
    if (x.outgoing != y.outgoing) return x.outgoing;
    if (x.link->corroboration != y.link->corroboration) return x.link->corroboration > y.link->corroboration;
    if (x.link->p != y.link->p) return x.link->p < y.link->p;
    return g.EntityName(x.other) < g.EntityName(y.other);
  });
  return pr;
}

RelationsResult Relations(const GraphData& g, int64_t entity, const RelationsQuery& q) {
  RelationsResult r;
  for (Link& l : BuildLinks(g)) {
    if (l.a != entity && l.b != entity) continue;
    if (!q.types.empty() && std::find(q.types.begin(), q.types.end(), l.p) == q.types.end()) continue;
    if (q.at) {
      if (l.undated() && !q.include_undated) {
        r.undated_skipped++;
        continue;
      }
      if (!HoldsAt(l, *q.at, q.include_undated)) continue;
    }
    r.links.push_back(std::move(l));
  }
  for (const Link& l : r.links) {
    RelationView v;
    v.link = &l;
    v.outgoing = l.a == entity;
    v.other = v.outgoing ? l.b : l.a;
    r.rows.push_back(v);
  }
  std::stable_sort(r.rows.begin(), r.rows.end(), [&](const RelationView& x, const RelationView& y) {
    if (x.link->p != y.link->p) return x.link->p < y.link->p;
    if (x.outgoing != y.outgoing) return x.outgoing;
    return g.EntityName(x.other) < g.EntityName(y.other);
  });
  return r;
}

std::vector<TimelineItem> Timeline(const GraphData& g, int64_t entity) {
  std::vector<TimelineItem> items;
  auto name = [&](int64_t id, const std::string& fallback) {
    std::string n = id ? g.EntityName(id) : "";
    return n.empty() ? fallback : n;
  };
  // Events and attributes, aggregated.
  std::vector<const ClaimRec*> touching;
  for (const ClaimRec& c : g.claims)
    if ((c.s == entity || c.o == entity) && !IsRelation(c.p)) touching.push_back(&c);
  std::vector<Assertion> as = Aggregate(g, touching);
  for (const Assertion& a : as) {
    bool attr = !IsEvent(a.p);
    if (attr && a.s != entity) continue;
    std::string date = a.start;
    if (a.p == "founded" || a.p == "dissolved") date = IsIsoDate(a.object) ? a.object : a.start;
    if (attr && date.empty() && a.p != "founded" && a.p != "dissolved") continue;  // undated attributes belong to the profile
    TimelineItem it;
    it.date = date;
    it.kind = attr ? "attribute" : "event";
    it.text = name(a.s, "?") + " " + a.p + " " + (a.o ? name(a.o, a.object) : a.object);
    if (!a.end.empty()) it.text += " (until " + a.end + ")";
    it.sources = a.sources;
    it.hedge = a.hedge;
    items.push_back(std::move(it));
  }
  // Relation changes.
  for (const Link& l : BuildLinks(g)) {
    if (l.a != entity && l.b != entity) continue;
    std::string desc = g.EntityName(l.a) + " " + l.p + " " + g.EntityName(l.b);
    TimelineItem begin;
    begin.date = l.start;
    begin.kind = "relation";
    begin.text = desc;
    begin.sources = l.claims;
    begin.hedge = l.hedged ? l.claims[0]->hedge : "";
    items.push_back(begin);
    if (!l.end.empty()) {
      TimelineItem end;
      end.date = l.end;
      end.kind = "relation-end";
      end.text = desc + " ends" + (l.end_reason.empty() || l.end_reason == "stated" ? "" : " (" + l.end_reason + ")");
      for (const ClaimRec* c : l.claims)
        if (c->end == l.end) end.sources.push_back(c);
      items.push_back(end);
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const TimelineItem& a, const TimelineItem& b) {
    std::string da = DateLo(a.date), db = DateLo(b.date);
    if (da.empty() != db.empty()) return !da.empty();
    if (da != db) return da < db;
    if (a.date.size() != b.date.size()) return a.date.size() < b.date.size();
    return a.text < b.text;
  });
  return items;
}

Network BuildNetwork(const GraphData& g, const NetworkQuery& q) {
  Network n;
  std::vector<Link> all;
  for (Link& l : BuildLinks(g)) {
    if (!q.types.empty() && std::find(q.types.begin(), q.types.end(), l.p) == q.types.end()) continue;
    if (q.at && !HoldsAt(l, *q.at, q.include_undated)) continue;
    all.push_back(std::move(l));
  }
  std::set<int64_t> keep;
  if (q.around) {
    std::unordered_map<int64_t, std::vector<int64_t>> adj;
    for (const Link& l : all) {
      adj[l.a].push_back(l.b);
      adj[l.b].push_back(l.a);
    }
    std::map<int64_t, int> dist{{*q.around, 0}};
    std::deque<int64_t> queue{*q.around};
    while (!queue.empty()) {
      int64_t x = queue.front();
      queue.pop_front();
      if (dist[x] >= q.depth) continue;
      for (int64_t y : adj[x])
        if (!dist.count(y)) {
          dist[y] = dist[x] + 1;
          queue.push_back(y);
        }
    }
    for (auto& [id, d] : dist) keep.insert(id);
    for (Link& l : all)
      if (keep.count(l.a) && keep.count(l.b)) n.edges.push_back(std::move(l));
  } else {
    n.edges = std::move(all);
    for (const Link& l : n.edges) {
      keep.insert(l.a);
      keep.insert(l.b);
    }
  }
  n.nodes.assign(keep.begin(), keep.end());
  std::sort(n.nodes.begin(), n.nodes.end(), [&](int64_t a, int64_t b) {
    std::string na = g.EntityName(a), nb = g.EntityName(b);
    return na != nb ? na < nb : a < b;
  });
  return n;
}

std::vector<PathStep> FindPath(const std::vector<Link>& links, int64_t a, int64_t b) {
  if (a == b) return {};
  std::unordered_map<int64_t, std::vector<const Link*>> adj;
  for (const Link& l : links) {
    adj[l.a].push_back(&l);
    adj[l.b].push_back(&l);
  }
  // Prefer better-corroborated links when several lead to the same place at equal depth.
  for (auto& [k, v] : adj)
    std::stable_sort(v.begin(), v.end(), [](const Link* x, const Link* y) { return x->corroboration > y->corroboration; });
  std::unordered_map<int64_t, std::pair<int64_t, const Link*>> prev;
  std::deque<int64_t> queue{a};
  prev[a] = {0, nullptr};
  while (!queue.empty()) {
    int64_t x = queue.front();
    queue.pop_front();
    if (x == b) break;
    for (const Link* l : adj[x]) {
      int64_t y = l->a == x ? l->b : l->a;
      if (prev.count(y)) continue;
      prev[y] = {x, l};
      queue.push_back(y);
    }
  }
  if (!prev.count(b)) return {};
  std::vector<PathStep> path;
  for (int64_t x = b; x != a;) {
    auto [p, l] = prev[x];
    path.push_back({p, x, l});
    x = p;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace orbat::graph
