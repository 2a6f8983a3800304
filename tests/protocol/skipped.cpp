// Prints tests/protocol/skipped.txt, the one list of compliance cases restop does not run and
// why, so that every run of the suite says what it left out. Hand-written.
#include <fstream>
#include <string>

#include <doctest/doctest.h>

TEST_CASE("protocol: the skip list") {
    std::ifstream list(RESTOP_PROTOCOL_SKIPPED);
    REQUIRE_MESSAGE(list.good(), "cannot read " RESTOP_PROTOCOL_SKIPPED);
    int skipped = 0;
    for (std::string line; std::getline(list, line);) {
        if (line.empty() || line[0] == '#') continue;
        ++skipped;
        MESSAGE("skipped: " << line);
    }
    MESSAGE(skipped << " of the 242 client-side restJson1 cases are skipped");
}
