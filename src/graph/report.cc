#include "graph/report.h"

#include <set>

#include "graph/dates.h"

namespace orbat::graph {

using nlohmann::json;

namespace {

std::string Quote(const std::string& s, size_t max = 400) {
  std::string q = s;
  for (char& c : q)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (q.size() > max) {
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(q[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    q = q.substr(0, cut) + "…";
  }
  return "\"" + q + "\"";
}

std::string SourceLine(const GraphData& g, const ClaimRec& c) {
  const DocRec* d = g.doc(c.doc);
  std::string out = "      ";
  out += d ? d->key : "?";
  if (d && !d->date.empty()) out += " (" + d->date + ")";
  if (!c.hedge.empty()) out += " [" + c.hedge + "]";
  out += ": " + Quote(c.sentence) + "\n";
  return out;
}

std::string Sources(const GraphData& g, const std::vector<const ClaimRec*>& cs, size_t max = 5) {
  std::string out;
  std::set<std::pair<int64_t, std::string>> seen;  // one line per document and sentence
  size_t shown = 0, total = 0;
  for (const ClaimRec* c : cs) {
    if (!seen.insert({c->doc, c->sentence}).second) continue;
    ++total;
    if (shown < max) {
      out += SourceLine(g, *c);
      ++shown;
    }
  }
  if (total > shown) out += "      … and " + std::to_string(total - shown) + " more\n";
  return out;
}

std::string Count(int n) { return std::to_string(n) + (n == 1 ? " source" : " sources"); }

std::string AssertionLine(const Assertion& a, bool with_date) {
  std::string line = "  - ";
  if (with_date) line += (a.start.empty() ? std::string("undated") : a.start) + "  ";
  line += a.object;
  std::string meta;
  if (!with_date && (!a.start.empty() || !a.end.empty()) && a.p != "founded" && a.p != "dissolved")
    meta = IntervalText(a.start, a.end);
  meta += (meta.empty() ? "" : "; ") + Count(a.corroboration);
  if (!a.hedge.empty()) meta += "; " + a.hedge;
  if (a.disputed) meta += "; DISPUTED";
  return line + "  [" + meta + "]\n";
}

std::string Arrow(const Link& l, bool outgoing) {
  if (l.symmetric) return "<->";
  return outgoing ? "->" : "<-";
}

json AssertionJson(const GraphData& g, const Assertion& a) {
  json j{{"p", a.p}, {"object", a.object}, {"corroboration", a.corroboration},
         {"confidence", a.confidence}, {"disputed", a.disputed}};
  if (a.o) j["object_id"] = a.o;
  if (a.s) j["subject"] = g.EntityName(a.s);
  j["start"] = a.start.empty() ? json(nullptr) : json(a.start);
  j["end"] = a.end.empty() ? json(nullptr) : json(a.end);
  j["hedge"] = a.hedge.empty() ? json(nullptr) : json(a.hedge);
  json src = json::array();
  for (const ClaimRec* c : a.sources) src.push_back(SourceJson(g, *c));
  j["sources"] = src;
  return j;
}

}  // namespace

std::string IntervalText(const std::string& start, const std::string& end) {
  if (start.empty() && end.empty()) return "undated";
  if (end.empty()) return "from " + start;
  if (start.empty()) return "until " + end;
  if (start == end) return start;
  return start + " – " + end;
}

json SourceJson(const GraphData& g, const ClaimRec& c) {
  const DocRec* d = g.doc(c.doc);
  json j{{"claim", c.id}, {"doc", d ? d->key : ""}, {"quote", c.sentence},
         {"begin", c.begin}, {"end", c.end_offset}, {"confidence", c.confidence}};
  j["doc_date"] = d && !d->date.empty() ? json(d->date) : json(nullptr);
  j["source"] = d && !d->source.empty() ? json(d->source) : json(nullptr);
  j["hedge"] = c.hedge.empty() ? json(nullptr) : json(c.hedge);
  j["time"] = {{"start", c.start.empty() ? json(nullptr) : json(c.start)},
               {"end", c.end.empty() ? json(nullptr) : json(c.end)}};
  if (c.value) j["value"] = *c.value;
  return j;
}

json LinkJson(const GraphData& g, const Link& l, int64_t perspective) {
  json j{{"type", l.p}, {"source", g.EntityName(l.a)}, {"source_id", l.a},
         {"target", g.EntityName(l.b)}, {"target_id", l.b}, {"symmetric", l.symmetric},
         {"corroboration", l.corroboration}, {"hedged", l.hedged}};
  j["start"] = l.start.empty() ? json(nullptr) : json(l.start);
  j["end"] = l.end.empty() ? json(nullptr) : json(l.end);
  j["end_reason"] = l.end_reason.empty() ? json(nullptr) : json(l.end_reason);
  if (perspective) {
    bool out = l.a == perspective;
    j["direction"] = l.symmetric ? "both" : (out ? "outgoing" : "incoming");
    j["other"] = g.EntityName(out ? l.b : l.a);
  }
  json src = json::array();
  for (const ClaimRec* c : l.claims) src.push_back(SourceJson(g, *c));
  j["sources"] = src;
  return j;
}

std::string ProfileText(const GraphData& g, const Profile& p) {
  std::string out = p.entity.name + "  (" + p.entity.type;
  if (!p.entity.lexicon_id.empty()) out += ", " + p.entity.lexicon_id;
  out += "; " + std::to_string(p.entity.docs) + (p.entity.docs == 1 ? " document" : " documents") + ")\n";
  if (!p.entity.aliases.empty()) {
    out += "Names: ";
    for (size_t i = 0; i < p.entity.aliases.size(); ++i) out += (i ? ", " : "") + p.entity.aliases[i];
    out += "\n";
  }
  if (!p.disagreements.empty()) {
    out += "\nDisagreements\n";
    for (const Disagreement& d : p.disagreements) out += "  ! " + d.description + "\n";
  }
  for (const ProfileSection& s : p.sections) {
    out += "\n" + s.title + "\n";
    for (const Assertion& a : s.items) {
      out += AssertionLine(a, false);
      out += Sources(g, a.sources);
    }
  }
  if (!p.relations.empty()) {
    out += "\nRelations\n";
    for (const RelationView& v : p.relations) {
      const Link& l = *v.link;
      out += "  " + Arrow(l, v.outgoing) + " " + l.p + "  " + g.EntityName(v.other) + "  [" +
             IntervalText(l.start, l.end);
      if (!l.end_reason.empty() && l.end_reason != "stated") out += " (" + l.end_reason + ")";
      out += "; " + Count(l.corroboration);
      if (l.hedged) out += "; hedged";
      out += "]\n";
      out += Sources(g, l.claims, 3);
    }
  }
  if (!p.events.empty()) {
    out += "\nEvents\n";
    for (const Assertion& a : p.events) {
      std::string who = a.s == p.entity.id ? "" : g.EntityName(a.s) + " ";
      std::string line = "  - " + (a.start.empty() ? std::string("undated") : a.start) + "  " + who +
                         a.p + " " + a.object + "  [" + Count(a.corroboration);
      if (!a.hedge.empty()) line += "; " + a.hedge;
      out += line + "]\n" + Sources(g, a.sources, 3);
    }
  }
  return out;
}

json ProfileJson(const GraphData& g, const Profile& p) {
  json j{{"id", p.entity.id}, {"name", p.entity.name}, {"type", p.entity.type},
         {"aliases", p.entity.aliases}, {"documents", p.entity.docs}};
  j["lexicon_id"] = p.entity.lexicon_id.empty() ? json(nullptr) : json(p.entity.lexicon_id);
  json attrs = json::object();
  for (const ProfileSection& s : p.sections) {
    json arr = json::array();
    for (const Assertion& a : s.items) arr.push_back(AssertionJson(g, a));
    attrs[s.p] = arr;
  }
  j["attributes"] = attrs;
  json rel = json::array();
  for (const RelationView& v : p.relations) rel.push_back(LinkJson(g, *v.link, p.entity.id));
  j["relations"] = rel;
  json ev = json::array();
  for (const Assertion& a : p.events) ev.push_back(AssertionJson(g, a));
  j["events"] = ev;
  json dis = json::array();
  for (const Disagreement& d : p.disagreements) {
    json vals = json::array();
    for (const Assertion* a : d.assertions) vals.push_back(AssertionJson(g, *a));
    dis.push_back({{"p", d.p}, {"description", d.description}, {"claims", vals}});
  }
  j["disagreements"] = dis;
  return j;
}

std::string RelationsText(const GraphData& g, int64_t entity, const RelationsResult& r,
                          const RelationsQuery& q) {
  std::string out = g.EntityName(entity) + ": " + std::to_string(r.rows.size()) +
                    (r.rows.size() == 1 ? " relation" : " relations");
  if (q.at) out += " holding at " + *q.at;
  out += "\n";
  for (const RelationView& v : r.rows) {
    const Link& l = *v.link;
    out += "  " + Arrow(l, v.outgoing) + " " + l.p + "  " + g.EntityName(v.other) + "  [" +
           IntervalText(l.start, l.end);
    if (!l.end_reason.empty() && l.end_reason != "stated") out += " (" + l.end_reason + ")";
    out += "; " + Count(l.corroboration) + (l.hedged ? "; hedged" : "") + "]\n";
    out += Sources(g, l.claims, 3);
  }
  if (r.undated_skipped)
    out += "(" + std::to_string(r.undated_skipped) +
           " undated relation(s) not shown: no date says whether they held then; --undated shows them)\n";
  return out;
}

json RelationsJson(const GraphData& g, int64_t entity, const RelationsResult& r, const RelationsQuery& q) {
  json j{{"entity", g.EntityName(entity)}, {"entity_id", entity}};
  j["at"] = q.at ? json(*q.at) : json(nullptr);
  json rel = json::array();
  for (const RelationView& v : r.rows) rel.push_back(LinkJson(g, *v.link, entity));
  j["relations"] = rel;
  j["undated_skipped"] = r.undated_skipped;
  return j;
}

std::string TimelineText(const GraphData& g, int64_t entity, const std::vector<TimelineItem>& t) {
  std::string out = g.EntityName(entity) + ": timeline\n";
  for (const TimelineItem& it : t) {
    out += "  " + (it.date.empty() ? std::string("undated") : it.date) + "  " + it.text;
    if (!it.hedge.empty()) out += "  [" + it.hedge + "]";
    out += "\n" + Sources(g, it.sources, 2);
  }
  return out;
}

json TimelineJson(const GraphData& g, int64_t entity, const std::vector<TimelineItem>& t) {
  json arr = json::array();
  for (const TimelineItem& it : t) {
    json src = json::array();
    for (const ClaimRec* c : it.sources) src.push_back(SourceJson(g, *c));
    arr.push_back({{"date", it.date.empty() ? json(nullptr) : json(it.date)},
                   {"kind", it.kind}, {"text", it.text},
                   {"hedge", it.hedge.empty() ? json(nullptr) : json(it.hedge)},
                   {"sources", src}});
  }
  return {{"entity", g.EntityName(entity)}, {"entity_id", entity}, {"timeline", arr}};
}

std::string NetworkText(const GraphData& g, const Network& n) {
  std::string out = std::to_string(n.nodes.size()) + " entities, " + std::to_string(n.edges.size()) + " links\n";
  for (const Link& l : n.edges) {
    out += "  " + g.EntityName(l.a) + " " + (l.symmetric ? "<->" : "->") + " " + l.p + " " +
           g.EntityName(l.b) + "  [" + IntervalText(l.start, l.end) + "; " + Count(l.corroboration) + "]\n";
  }
  return out;
}

json NetworkJson(const GraphData& g, const Network& n) {
  json nodes = json::array();
  for (int64_t id : n.nodes) {
    const EntityRec* e = g.entity(id);
    nodes.push_back({{"id", id}, {"name", e ? e->name : ""}, {"type", e ? e->type : ""}});
  }
  json edges = json::array();
  for (const Link& l : n.edges) edges.push_back(LinkJson(g, l));
  return {{"nodes", nodes}, {"edges", edges}};
}

std::string PathText(const GraphData& g, const std::vector<PathStep>& path) {
  std::string out;
  for (const PathStep& s : path) {
    const Link& l = *s.link;
    bool forward = l.a == s.from;
    out += g.EntityName(s.from) + "  " + (l.symmetric ? "<-> " + l.p + " <->" : forward ? "-- " + l.p + " -->" : "<-- " + l.p + " --") +
           "  " + g.EntityName(s.to) + "  [" + IntervalText(l.start, l.end) + "; " + Count(l.corroboration) + "]\n";
    out += Sources(g, l.claims, 2);
  }
  return out;
}

json PathJson(const GraphData& g, const std::vector<PathStep>& path) {
  json steps = json::array();
  for (const PathStep& s : path) {
    json j = LinkJson(g, *s.link);
    j["from"] = g.EntityName(s.from);
    j["to"] = g.EntityName(s.to);
    steps.push_back(j);
  }
  return {{"length", path.size()}, {"steps", steps}};
}

}  // namespace orbat::graph
