// The opt-in operation options: Content-MD5 for @httpChecksumRequired (OpenSSL) and gzip for
// @requestCompression (zlib). The MD5 vector is the one of the restJson1 protocol test
// RestJsonHttpChecksumRequired.
#include <doctest/doctest.h>

#include <string>

#include <zlib.h>

#include <restop/checksum.hpp>
#include <restop/compression.hpp>
#include <restop/restop.hpp>

namespace {
struct checksummed {
    std::optional<std::string> foo{};
    using description = restop::operation<restop::http_method::post, "/checksum", 200,
                                          restop::members<restop::json_field<"foo", &checksummed::foo>>, restop::errors<>,
                                          restop::empty_output, restop::checksum_required>;
};
struct compressed {
    std::optional<std::string> data{};
    std::optional<std::string> encoding{};
    using description = restop::operation<
        restop::http_method::post, "/compressed", 200,
        restop::members<restop::http_header<"Content-Encoding", &compressed::encoding>, restop::json_field<"data", &compressed::data>>,
        restop::errors<>, restop::empty_output, restop::request_compression<restop::compression::gzip>>;
};

std::string gunzip(const std::string& in) {
    z_stream stream{};
    REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
    std::string out(1 << 20, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    stream.avail_in = static_cast<uInt>(in.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    CHECK(inflate(&stream, Z_FINISH) == Z_STREAM_END);
    out.resize(stream.total_out);
    inflateEnd(&stream);
    return out;
}
}  // namespace

TEST_CASE("checksum_required: Content-MD5 is the base64 MD5 of the body as sent") {
    const auto req = restop::encode(checksummed{.foo = "base64 encoded md5 checksum"});
    REQUIRE(req);
    CHECK(req->body == R"({"foo":"base64 encoded md5 checksum"})");
    CHECK(*restop::find_header(req->headers, "Content-MD5") == "iB0/3YSo7maijL0IGOgA9g==");
}

TEST_CASE("request_compression: gzip from 10240 bytes on, appended to the caller's Content-Encoding") {
    const std::string big(20000, 'x');
    const auto req = restop::encode(compressed{.data = big});
    REQUIRE(req);
    CHECK(*restop::find_header(req->headers, "Content-Encoding") == "gzip");
    CHECK(req->body.size() < 1000);
    CHECK(gunzip(req->body) == R"({"data":")" + big + R"("})");

    const auto custom = restop::encode(compressed{.data = big, .encoding = "custom"});
    REQUIRE(custom);
    CHECK(*restop::find_header(custom->headers, "Content-Encoding") == "custom, gzip");

    const auto small = restop::encode(compressed{.data = "tiny"});
    REQUIRE(small);
    CHECK(restop::find_header(small->headers, "Content-Encoding") == nullptr);
    CHECK(small->body == R"({"data":"tiny"})");
}
