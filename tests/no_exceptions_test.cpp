// Built with -fno-exceptions: the core must compile and work without exceptions. Boost reports
// its internal errors through boost::throw_exception, which a -fno-exceptions program defines.
#include <cstdio>
#include <cstdlib>

#include <boost/throw_exception.hpp>

#include <restop/restop.hpp>

namespace boost {
void throw_exception(const std::exception&) { std::abort(); }
void throw_exception(const std::exception&, const boost::source_location&) { std::abort(); }
}  // namespace boost

namespace cc = restop::codecatalyst;

namespace {
struct canned_transport {
    restop::transport_result send(const restop::request&) {
        return restop::response{404, {{"X-Amzn-Errortype", "ResourceNotFoundException"}}, R"({"message":"gone"})"};
    }
};

int expect(bool ok, const char* what) {
    if (!ok) std::fprintf(stderr, "failed: %s\n", what);
    return ok ? 0 : 1;
}
}  // namespace

int main() {
    const restop::bearer_token token("no-exceptions-token");
    int failures = 0;
    auto req = restop::encode(cc::delete_access_token{.id = "a b"}, token);
    failures += expect(req && req->target == "/v1/accessTokens/a%20b", "encode");
    canned_transport t;
    auto outcome = restop::call(t, cc::delete_access_token{.id = "x"}, token);
    failures += expect(!outcome && outcome.error().holds<cc::resource_not_found_exception>(), "call decodes 404");
    auto bad = restop::decode<cc::delete_access_token>(restop::response{500, {}, std::string(50000, '[')});
    failures += expect(!bad && bad.error().status() == 500, "hostile body");
    std::printf("%d passed, %d failed\n", 3 - failures, failures);
    return failures == 0 ? 0 : 1;
}
