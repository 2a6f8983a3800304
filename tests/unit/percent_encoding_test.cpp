#include <doctest/doctest.h>

#include <string>

#include <restop/restop.hpp>

using restop::encoding_set;

namespace {
std::string encoded(std::string_view text, encoding_set set = encoding_set::unreserved) {
    std::string out;
    restop::append_percent_encoded(out, text, set);
    return out;
}
}  // namespace

TEST_CASE("percent encoding: the Smithy RestJsonHttpRequestLabelEscaping vector") {
    CHECK(encoded(" %:/?#[]@!$&'()*+,;=\xF0\x9F\x98\xB9") ==
          "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9");
}

TEST_CASE("percent encoding: the unreserved set passes through, everything else is %XX upper-case") {
    CHECK(encoded("AZaz09-._~") == "AZaz09-._~");
    CHECK(encoded("..") == "..");  // dots are unreserved; the transport must not normalise them
    CHECK(encoded("\xC3\xA9") == "%C3%A9");
    CHECK(encoded(std::string("\0\r\n\x7F", 4)) == "%00%0D%0A%7F");
    CHECK(encoded("\xFF") == "%FF");
    CHECK(encoded("a b") == "a%20b");  // never '+'
}

TEST_CASE("percent encoding: '/' is kept only in greedy labels") {
    CHECK(encoded("a/b") == "a%2Fb");
    CHECK(encoded("a/b c", encoding_set::unreserved_slash) == "a/b%20c");
}

TEST_CASE("percent encoding: size first, then write into a caller's buffer") {
    constexpr std::string_view text = "a b/";
    CHECK(restop::percent_encoded_size(text, encoding_set::unreserved) == 8);
    char buffer[8];
    char* end = restop::percent_encode_to(text, encoding_set::unreserved, buffer);
    CHECK(std::string_view(buffer, static_cast<std::size_t>(end - buffer)) == "a%20b%2F");
}

TEST_CASE("percent encoding: the size counts an escaped byte at every offset of every length up to 40") {
    // Eight widths are summed per step, the rest one by one: each length and offset takes a
    // different path.
    for (std::size_t length = 0; length <= 40; ++length) {
        CAPTURE(length);
        const std::string plain(length, 'a');
        CHECK(restop::percent_encoded_size(plain, encoding_set::unreserved) == length);
        for (std::size_t at = 0; at < length; ++at) {
            CAPTURE(at);
            for (const char escaped : {' ', '\xFF', '%'}) {
                std::string text = plain;
                text[at] = escaped;
                CHECK(restop::percent_encoded_size(text, encoding_set::unreserved) == length + 2);
            }
            std::string slash = plain;
            slash[at] = '/';
            CHECK(restop::percent_encoded_size(slash, encoding_set::unreserved) == length + 2);
            CHECK(restop::percent_encoded_size(slash, encoding_set::unreserved_slash) == length);
        }
    }
}

static_assert(restop::percent_encoded_size("\xF0\x9F\x98\xB9", encoding_set::unreserved) == 12);
