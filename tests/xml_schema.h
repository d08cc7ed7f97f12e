// Validates an exported file against the published GraphML 1.0 or GEXF 1.2draft XML
// schema with xmllint. The schemas live in tests/schemas/ (sources in
// tests/schemas/README.md); GraphML's refer to each other by http URL, which
// tests/schemas/catalog.xml maps to the local copies, and --nonet makes sure nothing
// is fetched. Returns xmllint's exit code (0 = valid) and its messages.
#ifndef ORBAT_TESTS_XML_SCHEMA_H_
#define ORBAT_TESTS_XML_SCHEMA_H_

#include <array>
#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace orbat::testing {

struct SchemaCheck {
  int code = -1;
  std::string messages;
};

// kind: "graphml" or "gexf".
inline SchemaCheck ValidateXml(const std::string& kind, const std::string& file) {
  const std::string dir = std::string(ORBAT_SOURCE_DIR) + "/tests/schemas";
  const std::string xsd = kind == "graphml" ? dir + "/graphml-1.0/graphml.xsd" : dir + "/gexf-1.2draft/gexf.xsd";
  const std::string cmd = "XML_CATALOG_FILES='" + dir + "/catalog.xml' xmllint --noout --nonet --schema '" + xsd +
                          "' '" + file + "' 2>&1";
  SchemaCheck r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.messages.append(buf.data(), n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace orbat::testing

#endif  // ORBAT_TESTS_XML_SCHEMA_H_
