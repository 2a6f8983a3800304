// Every case of the AWS SigV4 signing test suite (aws-c-auth, shared/reference/sigv4-test-suite),
// header signing and query signing: the canonical request, string to sign and signature byte
// for byte, and the signed request as sets of header fields and query parameters (the suite's
// README: the samples' order is the producer's).
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <restop/auth/sigv4.hpp>

#ifndef RESTOP_SIGV4_SUITE_DIR
#error "RESTOP_SIGV4_SUITE_DIR must name the sigv4-test-suite folder"
#endif

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A request as the suite writes it: request line, header lines (a line starting with a space or
// a tab continues the previous value, kept with its newline), a blank line, the body.
restop::request parse_request(const std::string& text) {
    restop::request req;
    std::size_t at = text.find('\n');
    std::string line = text.substr(0, at);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t space = line.find(' ');
    const std::size_t version = line.rfind(" HTTP/");
    REQUIRE(space != std::string::npos);
    REQUIRE(version != std::string::npos);
    const std::string method = line.substr(0, space);
    if (method == "GET") req.method = restop::http_method::get;
    else if (method == "POST") req.method = restop::http_method::post;
    else FAIL("unexpected method " << method);
    req.target = line.substr(space + 1, version - space - 1);
    while (at != std::string::npos) {
        const std::size_t begin = at + 1;
        at = text.find('\n', begin);
        line = text.substr(begin, at == std::string::npos ? std::string::npos : at - begin);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            if (at != std::string::npos) req.body = text.substr(at + 1);
            break;
        }
        if (line.front() == ' ' || line.front() == '\t') {
            REQUIRE(!req.headers.empty());
            req.headers.back().value += "\n" + line;
            continue;
        }
        const std::size_t colon = line.find(':');
        REQUIRE(colon != std::string::npos);
        req.headers.push_back({line.substr(0, colon), line.substr(colon + 1)});
    }
    return req;
}

struct split_target {
    std::string path;
    std::vector<std::string> query;  // sorted "key=value" as written
};

split_target split(const std::string& target) {
    split_target out;
    const std::size_t question = target.find('?');
    out.path = target.substr(0, question);
    if (question != std::string::npos) {
        std::string rest = target.substr(question + 1);
        for (std::size_t at = 0; at <= rest.size();) {
            const std::size_t amp = std::min(rest.find('&', at), rest.size());
            if (amp > at) out.query.push_back(rest.substr(at, amp - at));
            at = amp + 1;
        }
    }
    std::sort(out.query.begin(), out.query.end());
    return out;
}

std::vector<std::string> header_lines(const restop::request& req) {
    std::vector<std::string> lines;
    for (const auto& field : req.headers) lines.push_back(field.name + ":" + field.value);
    std::sort(lines.begin(), lines.end());
    return lines;
}

struct suite_case {
    std::string name;
    fs::path dir;
    restop::aws_credentials credentials;
    std::string region, service;
    std::chrono::sys_seconds time;
    restop::sigv4_options options;
    std::chrono::seconds expires{0};
};

std::chrono::sys_seconds parse_timestamp(std::string_view text) {
    // "2015-08-30T12:36:00Z"
    REQUIRE(text.size() == 20);
    auto number = [&](std::size_t at, std::size_t width) { return std::stoi(std::string(text.substr(at, width))); };
    using namespace std::chrono;
    const sys_days day = year(number(0, 4)) / month(static_cast<unsigned>(number(5, 2))) /
                         number(8, 2);
    return day + hours(number(11, 2)) + minutes(number(14, 2)) + seconds(number(17, 2));
}

suite_case load(const fs::path& dir) {
    suite_case c;
    c.name = dir.filename().string();
    c.dir = dir;
    const auto context = boost::json::parse(read(dir / "context.json")).as_object();
    const auto& credentials = context.at("credentials").as_object();
    std::string token;
    if (const auto* t = credentials.if_contains("token")) token = std::string(t->as_string());
    c.credentials = restop::aws_credentials(std::string(credentials.at("access_key_id").as_string()),
                                            std::string(credentials.at("secret_access_key").as_string()), token);
    c.region = std::string(context.at("region").as_string());
    c.service = std::string(context.at("service").as_string());
    c.time = parse_timestamp(context.at("timestamp").as_string());
    c.options.normalize_path = context.at("normalize").as_bool();
    c.options.double_encode_path = true;  // the suite's convention (README): on for every case
    c.options.sign_body = context.at("sign_body").as_bool();
    if (const auto* omit = context.if_contains("omit_session_token")) c.options.omit_session_token = omit->as_bool();
    c.expires = std::chrono::seconds(context.at("expiration_in_seconds").as_int64());
    return c;
}

std::vector<suite_case> all_cases() {
    const fs::path root = RESTOP_SIGV4_SUITE_DIR;
    REQUIRE_MESSAGE(fs::is_directory(root), "the SigV4 test suite is missing: " << root.string()
                                                << " (configure with -DRESTOP_SIGV4_SUITE_DIR=...)");
    std::vector<suite_case> cases;
    for (const auto& entry : fs::directory_iterator(root))
        if (entry.is_directory()) cases.push_back(load(entry.path()));
    std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return cases;
}

void check_signed_request(const restop::request& actual, const restop::request& expected) {
    CHECK(actual.method == expected.method);
    const auto a = split(actual.target), e = split(expected.target);
    CHECK(a.path == e.path);
    CHECK(a.query == e.query);
    CHECK(header_lines(actual) == header_lines(expected));
    CHECK(actual.body == expected.body);
}

}  // namespace

TEST_CASE("sigv4 suite: all 38 cases are present") {
    const auto cases = all_cases();
    CHECK(cases.size() == 38);
}

TEST_CASE("sigv4 suite: header signing, every case byte for byte") {
    int passed = 0;
    for (const auto& c : all_cases()) {
        CAPTURE(c.name);
        restop::request req = parse_request(read(c.dir / "request.txt"));
        restop::sigv4_signer signer(c.credentials, c.region, c.service, c.options);
        auto signed_ = signer.sign(req, "", c.time);
        REQUIRE_MESSAGE(signed_, (signed_ ? std::string() : signed_.error().message()));
        const auto artefacts = signer.artefacts();
        CHECK(artefacts.canonical_request == read(c.dir / "header-canonical-request.txt"));
        CHECK(artefacts.string_to_sign == read(c.dir / "header-string-to-sign.txt"));
        CHECK(artefacts.signature == read(c.dir / "header-signature.txt"));
        check_signed_request(req, parse_request(read(c.dir / "header-signed-request.txt")));
        if (artefacts.signature == read(c.dir / "header-signature.txt")) ++passed;
    }
    CHECK(passed == 38);
    MESSAGE("header signing: " << passed << " of 38 suite cases");
}

TEST_CASE("sigv4 suite: query signing (presigned URLs), every case byte for byte") {
    int passed = 0;
    for (const auto& c : all_cases()) {
        CAPTURE(c.name);
        restop::request req = parse_request(read(c.dir / "request.txt"));
        restop::sigv4_signer signer(c.credentials, c.region, c.service, c.options);
        auto signed_ = signer.presign(req, "", c.time, c.expires);
        REQUIRE_MESSAGE(signed_, (signed_ ? std::string() : signed_.error().message()));
        const auto artefacts = signer.artefacts();
        CHECK(artefacts.canonical_request == read(c.dir / "query-canonical-request.txt"));
        CHECK(artefacts.string_to_sign == read(c.dir / "query-string-to-sign.txt"));
        CHECK(artefacts.signature == read(c.dir / "query-signature.txt"));
        check_signed_request(req, parse_request(read(c.dir / "query-signed-request.txt")));
        if (artefacts.signature == read(c.dir / "query-signature.txt")) ++passed;
    }
    CHECK(passed == 38);
    MESSAGE("query signing: " << passed << " of 38 suite cases");
}

TEST_CASE("sigv4 suite: signing the same case twice gives the same artefacts, with the key derived once") {
    const auto cases = all_cases();
    const auto& c = cases.front();
    restop::sigv4_signer signer(c.credentials, c.region, c.service, c.options);
    restop::request first = parse_request(read(c.dir / "request.txt"));
    restop::request again = first;
    REQUIRE(signer.sign(first, "", c.time));
    const std::string signature(signer.artefacts().signature);
    REQUIRE(signer.sign(again, "", c.time));
    CHECK(signer.artefacts().signature == signature);
    // Re-signing an already signed request replaces the signer's fields instead of signing them.
    REQUIRE(signer.sign(again, "", c.time));
    CHECK(signer.artefacts().signature == signature);
    CHECK(header_lines(again) == header_lines(first));
    CHECK(signer.key_derivations() == 1);
}
