// Instruction counts of DeleteAccessToken's encode and decode, for tools/instruction_counts.sh:
// `PROGRAM CASE N` runs CASE N times; callgrind counts what it costs. Instruction counts do not
// move with the load on the machine, so they compare two versions of restop where timings cannot.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <restop/restop.hpp>

namespace {
namespace cc = restop::codecatalyst;

restop::response response_for(const char* which) {
    const restop::header id{"x-amzn-requestid", "7f4f1d42-6a1b-4b5e-9a43-3c9f1b7e2d10"};
    if (!std::strcmp(which, "decode-200")) return {200, {id}, "{}"};
    if (!std::strcmp(which, "decode-404"))
        return {404, {id, {"X-Amzn-Errortype", "ResourceNotFoundException:http://internal.amazon.com/"}},
                R"({"message":"The request was denied because the specified personal access token was not found."})"};
    if (!std::strcmp(which, "decode-429"))
        return {429, {id}, R"({"__type":"com.amazonaws.codecatalyst#ThrottlingException","message":"Rate exceeded"})"};
    if (!std::strcmp(which, "decode-402")) return {402, {id}, R"({"message":"quota"})"};
    return {500, {}, "<html><body>Internal Server Error</body></html>"};  // decode-500
}
}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) return std::fprintf(stderr, "usage: %s encode|decode-200|decode-404|decode-429|decode-402|decode-500 N\n", argv[0]), 2;
    const long count = std::atol(argv[2]);
    std::size_t sink = 0;
    if (!std::strcmp(argv[1], "encode")) {
        const restop::bearer_token token("a-bearer-token-of-typical-length-0123456789");
        const std::string id = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb";
        restop::request scratch;
        for (long i = 0; i < count; ++i)
            sink += restop::encode_into(scratch, cc::delete_access_token{.id = std::string_view(id)}, token) ? scratch.target.size() : 0;
    } else {
        const restop::response received = response_for(argv[1]);
        for (long i = 0; i < count; ++i) sink += restop::decode<cc::delete_access_token>(received) ? 1 : 2;
    }
    std::printf("%zu\n", sink);
}
