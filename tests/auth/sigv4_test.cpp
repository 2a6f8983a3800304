// The SigV4 signer beyond the suite: refused input with its exact messages, secrets never
// printed, the signing-key cache, and sigv4_signing_transport signing every retry afresh.
#include <doctest/doctest.h>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include <restop/auth/sigv4.hpp>
#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
using namespace std::chrono_literals;

namespace {

constexpr const char* key_id = "AKIDEXAMPLE";
constexpr const char* secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr const char* session = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQ";

// 2015-08-30T12:36:00Z, the suite's time.
const std::chrono::sys_seconds suite_time = std::chrono::sys_days(std::chrono::year(2015) / 8 / 30) + 12h + 36min;

restop::sigv4_signer suite_signer(restop::aws_credentials credentials = {key_id, secret},
                                  restop::sigv4_options options = {}) {
    return restop::sigv4_signer(std::move(credentials), "us-east-1", "service", options);
}

restop::request vanilla() { return restop::request{restop::http_method::get, "/", {}, {}}; }

template <class T>
std::string printed(const T& value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

std::string sign_error(restop::sigv4_signer& signer, restop::request& req, std::string_view host = "example.amazonaws.com") {
    auto signed_ = signer.sign(req, host, suite_time);
    REQUIRE_FALSE(signed_);
    CHECK(signed_.error().kind == restop::sigv4_error_kind::invalid_input);
    return signed_.error().message();
}

}  // namespace

TEST_CASE("aws_credentials: empty or control-byte credentials are refused, naming the credential only") {
    auto error_of = [](restop::aws_credentials c) {
        auto valid = c.validate();
        REQUIRE_FALSE(valid);
        return valid.error().message();
    };
    CHECK(error_of({"", secret}) == "the AWS access key id is empty");
    CHECK(error_of({key_id, ""}) == "the AWS secret access key is empty");
    CHECK(error_of({"AKID\nX", secret}) ==
          "the AWS access key id holds a control byte at offset 4, which must never reach a header");
    CHECK(error_of({key_id, "wJa\rSECRET"}) ==
          "the AWS secret access key holds a control byte at offset 3, which must never reach a header");
    CHECK(error_of({key_id, secret, std::string("tok\0en", 6)}) ==
          "the AWS session token holds a control byte at offset 3, which must never reach a header");
    CHECK(error_of({key_id, "SECRET\x7f"}) ==
          "the AWS secret access key holds a control byte at offset 6, which must never reach a header");
    CHECK(restop::aws_credentials(key_id, secret).validate());
    CHECK(restop::aws_credentials(key_id, secret, session).validate());

    auto made = restop::aws_credentials::make(key_id, nullptr);
    REQUIRE_FALSE(made);
    CHECK(made.error().message() == "the AWS secret access key is empty");
    CHECK(made.error().violated == restop::constraint::token_present);
    auto good = restop::aws_credentials::make(key_id, secret, nullptr);
    REQUIRE(good);
    CHECK_FALSE(good->has_session_token());
}

TEST_CASE("aws_credentials: printing shows the key id and never the secret or the session token") {
    CHECK(printed(restop::aws_credentials(key_id, secret)) == "aws_credentials(AKIDEXAMPLE, secret <redacted>)");
    CHECK(printed(restop::aws_credentials(key_id, secret, session)) ==
          "aws_credentials(AKIDEXAMPLE, secret <redacted>, session token <redacted>)");
    CHECK(printed(restop::aws_credentials("AKID\r\nforged", secret)) ==
          "aws_credentials(<invalid access key id>, secret <redacted>)");
    static_assert(!std::is_convertible_v<restop::aws_credentials, std::string_view>);
    restop::aws_credentials moved_from(key_id, secret, session);
    restop::aws_credentials moved(std::move(moved_from));
    CHECK(moved.reveal_secret() == secret);
    CHECK(moved_from.reveal_secret().empty());  // NOLINT(bugprone-use-after-move): wiped by the move
    CHECK(moved_from.reveal_session_token().empty());
}

TEST_CASE("sigv4_signer: invalid credentials, region, service or host are refused before the request is touched") {
    restop::request req = vanilla();
    req.headers.push_back({"X-Custom", "1"});
    const restop::request original = req;

    auto no_secret = suite_signer({key_id, ""});
    CHECK(sign_error(no_secret, req) == "the AWS secret access key is empty");
    auto bad_token = suite_signer({key_id, secret, "a\nb"});
    CHECK(sign_error(bad_token, req) ==
          "the AWS session token holds a control byte at offset 1, which must never reach a header");
    restop::sigv4_signer no_region({key_id, secret}, "", "service");
    CHECK(sign_error(no_region, req) == "the SigV4 region is empty");
    restop::sigv4_signer no_service({key_id, secret}, "us-east-1", "");
    CHECK(sign_error(no_service, req) == "the SigV4 service is empty");
    auto signer = suite_signer();
    CHECK(sign_error(signer, req, "") == "the SigV4 host is required but was not set");
    CHECK(sign_error(signer, req, "evil\r\nX-Injected: 1") ==
          "the SigV4 host holds a control byte at offset 4, which must never reach a header");
    CHECK(req.headers.size() == original.headers.size());
    CHECK(req.target == original.target);
    CHECK(signer.key_derivations() == 0);

    auto presigned = signer.presign(req, "example.amazonaws.com", suite_time, 0s);
    REQUIRE_FALSE(presigned);
    CHECK(presigned.error().message() == "the SigV4 expiry (seconds) is 0, outside @range 1..604800");
    presigned = signer.presign(req, "example.amazonaws.com", suite_time, 604801s);
    REQUIRE_FALSE(presigned);
    CHECK(presigned.error().message() == "the SigV4 expiry (seconds) is 604801, outside @range 1..604800");
}

TEST_CASE("sigv4_signer: a clock before 1970 or past 9999 is refused, never undefined behaviour") {
    using namespace std::chrono;
    auto signer = suite_signer();
    auto refused = [&](auto when) {
        restop::request req = vanilla();
        auto signed_ = signer.sign(req, "example.amazonaws.com", when);
        REQUIRE_FALSE(signed_);
        CHECK(req.headers.empty());
        return signed_.error().message();
    };
    CHECK(refused(sys_seconds(-1s)) ==
          "the SigV4 signing time (seconds since 1970) is -1, outside @range 0..253402300799");
    // Half a nanosecond-second before the epoch is still 1969.
    CHECK(refused(system_clock::time_point(-1ns)) ==
          "the SigV4 signing time (seconds since 1970) is -1, outside @range 0..253402300799");
    CHECK(refused(sys_seconds(253402300800s)) ==
          "the SigV4 signing time (seconds since 1970) is 253402300800, outside @range 0..253402300799");
    CHECK(refused(time_point<system_clock, years>(years(8030))) ==
          "the SigV4 signing time (seconds since 1970) is 253402324560, outside @range 0..253402300799");
    // The far ends of a coarse clock saturate instead of overflowing.
    CHECK(refused(time_point<system_clock, years>(years::max())) ==
          "the SigV4 signing time (seconds since 1970) is 9000000000000000000, outside @range 0..253402300799");
    CHECK(refused(time_point<system_clock, years>(years::min())) ==
          "the SigV4 signing time (seconds since 1970) is -9000000000000000000, outside @range 0..253402300799");
    CHECK(refused(sys_seconds(seconds::min())) ==
          "the SigV4 signing time (seconds since 1970) is -9223372036854775808, outside @range 0..253402300799");

    auto date_at = [&](auto when) {
        restop::request req = vanilla();
        REQUIRE(signer.sign(req, "example.amazonaws.com", when));
        return *restop::find_header(req.headers, "x-amz-date");
    };
    CHECK(date_at(sys_seconds(0s)) == "19700101T000000Z");
    CHECK(date_at(sys_seconds(253402300799s)) == "99991231T235959Z");
    CHECK(date_at(sys_days(year(2000) / 2 / 29) + 23h + 59min + 59s + 999ms) == "20000229T235959Z");
    CHECK(date_at(time_point<system_clock, days>(days(16677))) == "20150830T000000Z");
}

TEST_CASE("sigv4_signer: the signed request prints no secret, signature or session token") {
    auto signer = suite_signer({key_id, secret, session});
    restop::request req = vanilla();
    REQUIRE(signer.sign(req, "example.amazonaws.com", suite_time));
    const std::string signature(signer.artefacts().signature);
    const std::string text = printed(req);
    CHECK(text.find(signature) == std::string::npos);
    CHECK(text.find(secret) == std::string::npos);
    CHECK(text.find(session) == std::string::npos);
    CHECK(text.find("Authorization: <redacted>") != std::string::npos);
    CHECK(text.find("X-Amz-Security-Token: <redacted>") != std::string::npos);
    CHECK(printed(signer) == "sigv4_signer(aws_credentials(AKIDEXAMPLE, secret <redacted>, session token <redacted>), "
                             "us-east-1, service)");

    restop::request url = vanilla();
    url.target = "/object?versionId=3";
    REQUIRE(signer.presign(url, "example.amazonaws.com", suite_time, 900s));
    const std::string presigned_signature(signer.artefacts().signature);
    CHECK(url.target.find(presigned_signature) != std::string::npos);
    const std::string url_text = printed(url);
    CHECK(url_text.find(presigned_signature) == std::string::npos);
    CHECK(url_text.find("X-Amz-Security-Token=<redacted>") != std::string::npos);
    CHECK(url_text.find("X-Amz-Signature=<redacted>") != std::string::npos);
    CHECK(url_text.find("GET /object?versionId=3&X-Amz-Algorithm=AWS4-HMAC-SHA256&") == 0);
    CHECK(url_text.find("AQoDYXdz") == std::string::npos);
}

TEST_CASE("sigv4_signer: the signing key is derived once per day and again after new credentials") {
    auto signer = suite_signer();
    restop::request a = vanilla(), b = vanilla(), c = vanilla(), d = vanilla();
    REQUIRE(signer.sign(a, "example.amazonaws.com", suite_time));
    REQUIRE(signer.sign(b, "example.amazonaws.com", suite_time + 11h));  // 23:36, same day
    CHECK(signer.key_derivations() == 1);
    REQUIRE(signer.sign(c, "example.amazonaws.com", suite_time + 12h));  // 00:36 the next day
    CHECK(signer.key_derivations() == 2);
    CHECK(signer.artefacts().string_to_sign.find("20150831/us-east-1/service/aws4_request") != std::string_view::npos);
    const std::string old_signature(signer.artefacts().signature);
    signer.set_credentials({key_id, "another-secret"});
    REQUIRE(signer.sign(d, "example.amazonaws.com", suite_time + 12h));
    CHECK(signer.key_derivations() == 3);
    CHECK(signer.artefacts().signature != old_signature);
}

TEST_CASE("sigv4_signer: the get-vanilla signature, with the host given rather than in the request") {
    auto signer = suite_signer();
    restop::request req = vanilla();
    req.headers.push_back({"host", "stale.example.com"});  // replaced by the host argument
    REQUIRE(signer.sign(req, "example.amazonaws.com", suite_time));
    CHECK(signer.artefacts().signature == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    CHECK(*restop::find_header(req.headers, "host") == "example.amazonaws.com");
    CHECK(req.headers.size() == 3);  // Host, X-Amz-Date, Authorization
}

TEST_CASE("sigv4_signer: an encoded path is encoded again for the canonical request, never in the target") {
    auto signer = suite_signer();
    restop::request req{restop::http_method::delete_, "/v1/accessTokens/a%3Ab%20c", {}, {}};
    REQUIRE(signer.sign(req, "example.amazonaws.com", suite_time));
    CHECK(req.target == "/v1/accessTokens/a%3Ab%20c");
    CHECK(signer.artefacts().canonical_request.starts_with("DELETE\n/v1/accessTokens/a%253Ab%2520c\n\n"));

    auto s3 = suite_signer({key_id, secret}, {.normalize_path = false, .double_encode_path = false});
    restop::request object{restop::http_method::get, "/bucket//a%3Ab/../c", {}, {}};
    REQUIRE(s3.sign(object, "example.amazonaws.com", suite_time));
    CHECK(s3.artefacts().canonical_request.starts_with("GET\n/bucket//a%3Ab/../c\n\n"));

    auto normalized = suite_signer();
    restop::request dots{restop::http_method::get, "/a/b/../c/./d/..", {}, {}};
    REQUIRE(normalized.sign(dots, "example.amazonaws.com", suite_time));
    CHECK(normalized.artefacts().canonical_request.starts_with("GET\n/a/c/\n\n"));
}

TEST_CASE("sigv4_signer: the canonical query decodes, re-encodes and sorts; '+' and a bad escape stay literal") {
    auto signer = suite_signer();
    restop::request req{restop::http_method::get, "/?b=2&a=x%2Fy&a=%41+&c&d=%zz&&e=", {}, {}};
    REQUIRE(signer.sign(req, "example.amazonaws.com", suite_time));
    CHECK(signer.artefacts().canonical_request.starts_with("GET\n/\na=A%2B&a=x%2Fy&b=2&c=&d=%25zz&e=\n"));
    CHECK(req.target == "/?b=2&a=x%2Fy&a=%41+&c&d=%zz&&e=");
}

TEST_CASE("sigv4_signer: sign_body adds x-amz-content-sha256; omit_session_token adds the token unsigned") {
    auto signer = suite_signer({key_id, secret, session}, {.sign_body = true, .omit_session_token = true});
    restop::request req{restop::http_method::post, "/", {{"Content-Type", "application/json"}}, "{}"};
    REQUIRE(signer.sign(req, "example.amazonaws.com", suite_time));
    CHECK(*restop::find_header(req.headers, "x-amz-content-sha256") ==
          "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");  // SHA-256 of "{}"
    CHECK(*restop::find_header(req.headers, "x-amz-security-token") == session);
    const auto canonical = signer.artefacts().canonical_request;
    CHECK(canonical.find("x-amz-security-token") == std::string_view::npos);
    CHECK(canonical.ends_with("\ncontent-type;host;x-amz-content-sha256;x-amz-date\n"
                              "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"));
}

TEST_CASE("sigv4_signer: User-Agent and the other unsigned fields are left out of the signature") {
    auto signer = suite_signer();
    restop::request req = vanilla();
    req.headers.push_back({"User-Agent", "restop/0.1"});
    req.headers.push_back({"X-Amzn-Trace-Id", "Root=1"});
    req.headers.push_back({"Authorization", "Bearer placeholder"});
    REQUIRE(signer.sign(req, "example.amazonaws.com", suite_time));
    CHECK(signer.artefacts().signature == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    int authorizations = 0;
    for (const auto& field : req.headers) authorizations += restop::iequals(field.name, "authorization");
    CHECK(authorizations == 1);
}

// ---- sigv4_signing_transport ------------------------------------------------------------

namespace {

// Records every request it is handed; answers from a script whose last entry repeats.
struct recording_transport {
    std::vector<restop::request> sent;
    std::vector<int> statuses;
    restop::transport_result send(const restop::request& req) {
        sent.push_back(req);
        const int status = statuses[std::min(sent.size() - 1, statuses.size() - 1)];
        return restop::response{status, {{"x-amzn-RequestId", "req-" + std::to_string(sent.size())}}, ""};
    }
};

// A clock that moves one second each time it is read.
struct stepping_clock {
    std::chrono::sys_seconds* now;
    std::chrono::sys_seconds operator()() const {
        const auto t = *now;
        *now += 1s;
        return t;
    }
};

struct no_sleep {
    void operator()(std::chrono::milliseconds) const {}
};

const restop::bearer_token placeholder("placeholder-replaced-by-sigv4");

}  // namespace

TEST_CASE("sigv4_signing_transport: every retry is signed afresh with the clock's time, the target untouched") {
    std::chrono::sys_seconds now = suite_time;
    restop::sigv4_signing_transport signing(recording_transport{{}, {503, 503, 200}}, "https://codecatalyst.global.api.aws",
                                            suite_signer(), stepping_clock{&now});
    static_assert(restop::transport<decltype(signing)>);
    const cc::delete_access_token op{.id = "a:b"};
    auto outcome = restop::call_with_retries(signing, op, placeholder, {.max_attempts = 3}, {}, no_sleep{}, [] { return 0.5; });
    REQUIRE(outcome);
    const auto& sent = signing.inner().sent;
    REQUIRE(sent.size() == 3);
    std::vector<std::string> dates, authorizations;
    for (const auto& req : sent) {
        CHECK(req.target == "/v1/accessTokens/a%3Ab");
        CHECK(*restop::find_header(req.headers, "host") == "codecatalyst.global.api.aws");
        dates.push_back(*restop::find_header(req.headers, "x-amz-date"));
        authorizations.push_back(*restop::find_header(req.headers, "authorization"));
        CHECK(printed(req).find("placeholder-replaced-by-sigv4") == std::string::npos);
        for (const auto& field : req.headers) CHECK(field.value.find("Bearer") == std::string::npos);
    }
    CHECK(dates == std::vector<std::string>{"20150830T123600Z", "20150830T123601Z", "20150830T123602Z"});
    CHECK(authorizations[0] != authorizations[1]);
    CHECK(authorizations[1] != authorizations[2]);
    CHECK(signing.signer().key_derivations() == 1);

    // Each attempt's signature is the one an independent signer computes for its time and bytes.
    for (std::size_t i = 0; i < sent.size(); ++i) {
        CAPTURE(i);
        auto verifier = suite_signer();
        restop::request copy{sent[i].method, sent[i].target, {}, sent[i].body};
        REQUIRE(verifier.sign(copy, "codecatalyst.global.api.aws", suite_time + std::chrono::seconds(i)));
        CHECK(*restop::find_header(copy.headers, "authorization") == authorizations[i]);
        CHECK(verifier.artefacts().canonical_request.starts_with("DELETE\n/v1/accessTokens/a%253Ab\n"));
    }
}

TEST_CASE("sigv4_signing_transport: the endpoint's path prefix is signed, not added to the target") {
    restop::sigv4_signing_transport signing(recording_transport{{}, {200}}, "http://127.0.0.1:8080/api/", suite_signer(),
                                            [] { return suite_time; });
    auto res = signing.send(restop::request{restop::http_method::get, "/v1/x", {}, {}});
    REQUIRE(res);
    CHECK(signing.host() == "127.0.0.1:8080");
    CHECK(signing.inner().sent.at(0).target == "/v1/x");
    CHECK(signing.signer().artefacts().canonical_request.starts_with("GET\n/api/v1/x\n\nhost:127.0.0.1:8080\n"));
}

TEST_CASE("sigv4_signing_transport: a request that cannot be signed is refused before sending and not retried") {
    std::chrono::sys_seconds before_1970 = std::chrono::sys_seconds(-86400s);
    restop::sigv4_signing_transport bad_clock(recording_transport{{}, {200}}, "https://example.amazonaws.com",
                                              suite_signer(), stepping_clock{&before_1970});
    auto res = bad_clock.send(vanilla());
    REQUIRE_FALSE(res);
    CHECK(res.error().kind == restop::transport_error_kind::other);
    CHECK_FALSE(res.error().retryable());
    CHECK(res.error().message ==
          "sigv4: the SigV4 signing time (seconds since 1970) is -86400, outside @range 0..253402300799; refused before sending");
    CHECK(bad_clock.inner().sent.empty());

    restop::sigv4_signing_transport bad_secret(recording_transport{{}, {200}}, "https://example.amazonaws.com",
                                               suite_signer({key_id, "wJalrXUtnFEMI\n"}));
    auto outcome = restop::call_with_retries(bad_secret, cc::delete_access_token{.id = "tok"}, placeholder, {}, {},
                                             no_sleep{}, [] { return 0.5; });
    REQUIRE_FALSE(outcome);
    const std::string text = printed(outcome.error());
    CHECK(text.find("the AWS secret access key holds a control byte at offset 13") != std::string::npos);
    CHECK(text.find("wJalrXUtnFEMI") == std::string::npos);
    CHECK(bad_secret.inner().sent.empty());

    restop::sigv4_signing_transport bad_endpoint(recording_transport{{}, {200}}, "ftp://x", suite_signer());
    auto refused = bad_endpoint.send(vanilla());
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == "sigv4_signing_transport: invalid endpoint \"ftp://x\": the scheme must be http or https");
}

TEST_CASE("sigv4_signer: a moved-from signer refuses (its secret went with the move) instead of crashing") {
    auto first = suite_signer();
    auto second = std::move(first);
    restop::request req = vanilla();
    auto refused = first.sign(req, "example.amazonaws.com", suite_time);  // NOLINT(bugprone-use-after-move)
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == restop::sigv4_error_kind::invalid_input);
    CHECK(first.artefacts().signature.empty());
    CHECK(req.headers.empty());
    REQUIRE(second.sign(req, "example.amazonaws.com", suite_time));
    CHECK(second.artefacts().signature == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST_CASE("sigv4_signing_transport: wraps a transport by reference") {
    recording_transport owned{{}, {200}};
    restop::sigv4_signing_transport<recording_transport&> signing(owned, "https://example.amazonaws.com", suite_signer());
    REQUIRE(signing.send(vanilla()));
    CHECK(owned.sent.size() == 1);
    CHECK(restop::find_header(owned.sent[0].headers, "authorization") != nullptr);
}

namespace {
struct widgets_service {
    using auth = restop::sigv4_auth<"widgets">;
};
struct list_widgets {
    using description = restop::operation<restop::http_method::get, "/widgets", 200, restop::members<>, restop::errors<>>;
    using service = widgets_service;
};
// A transport that knows its endpoint, as restop's own do, and keeps what it was sent.
struct endpoint_transport {
    restop::transports::transport_options settings{.endpoint = "https://widgets.us-west-2.example.com"};
    restop::request sent;
    const restop::transports::transport_options& options() const noexcept { return settings; }
    restop::transport_result send(const restop::request& req) {
        sent = req;
        return restop::response{200, {}, ""};
    }
};
}  // namespace

TEST_CASE("call with a sigv4_identity: signed for the transport's endpoint with the service's signing name") {
    endpoint_transport t;
    const auto credentials = restop::aws_credentials::make("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    REQUIRE(credentials);
    CHECK(restop::call(t, list_widgets{}, restop::sigv4_identity{*credentials, "us-west-2"}));
    CHECK(*restop::find_header(t.sent.headers, "Host") == "widgets.us-west-2.example.com");
    const std::string authorization = *restop::find_header(t.sent.headers, "Authorization");
    CHECK(authorization.rfind("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", 0) == 0);
    CHECK(authorization.find("/us-west-2/widgets/aws4_request, SignedHeaders=host;x-amz-date, Signature=") != std::string::npos);
}

namespace {
struct list_widget_pages_output {
    std::vector<std::string> widgets{};
    std::optional<std::string> next_token{};
    using fields = restop::fields<restop::json_field<"widgets", &list_widget_pages_output::widgets>,
                                  restop::json_field<"nextToken", &list_widget_pages_output::next_token>>;
};
struct list_widget_pages {
    restop::string_param<restop::length<1, 100>> next_token{};
    using description = restop::operation<restop::http_method::post, "/widgets", 200,
                                          restop::members<restop::json_field<"nextToken", &list_widget_pages::next_token>>,
                                          restop::errors<>, list_widget_pages_output>;
    using service = widgets_service;
    using pagination = restop::paginated<&list_widget_pages::next_token, &list_widget_pages_output::next_token,
                                         &list_widget_pages_output::widgets>;
};
// Answers from a script and keeps every request as sent, for retries and pages.
struct scripted_endpoint_transport {
    restop::transports::transport_options settings{.endpoint = "https://widgets.us-west-2.example.com"};
    std::vector<restop::response> answers;
    std::vector<restop::request> sent{};
    const restop::transports::transport_options& options() const noexcept { return settings; }
    restop::transport_result send(const restop::request& req) {
        sent.push_back(req);
        return sent.size() <= answers.size() ? answers[sent.size() - 1] : restop::response{500, {}, "unscripted"};
    }
};
bool signed_for_widgets(const restop::request& req) {
    const std::string* authorization = restop::find_header(req.headers, "Authorization");
    return authorization && authorization->find("/us-west-2/widgets/aws4_request, SignedHeaders=") != std::string::npos &&
           restop::find_header(req.headers, "X-Amz-Date") != nullptr;
}
}  // namespace

TEST_CASE("call_with_retries with a sigv4_identity: every attempt is signed") {
    scripted_endpoint_transport t{.answers = {restop::response{503, {}, ""}, restop::response{200, {}, "{}"}}};
    const auto credentials = restop::aws_credentials::make("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    REQUIRE(credentials);
    const restop::sigv4_identity identity{*credentials, "us-west-2"};
    auto outcome = restop::call_with_retries(t, list_widgets{}, identity, {.max_attempts = 2, .base_delay = std::chrono::milliseconds(0)},
                                             {}, [](std::chrono::milliseconds) {});
    CHECK(outcome);
    REQUIRE(t.sent.size() == 2);
    CHECK(signed_for_widgets(t.sent[0]));
    CHECK(signed_for_widgets(t.sent[1]));
}

TEST_CASE("pages and items with a sigv4_identity: each page is signed, the token sent on") {
    const auto credentials = restop::aws_credentials::make("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    REQUIRE(credentials);
    const restop::sigv4_identity identity{*credentials, "us-west-2"};
    scripted_endpoint_transport t{.answers = {restop::response{200, {}, R"({"widgets":["a"],"nextToken":"n1"})"},
                                              restop::response{200, {}, R"({"widgets":["b"]})"}}};
    std::vector<std::string> widgets;
    for (const auto& widget : restop::items(t, list_widget_pages{}, identity)) {
        REQUIRE(widget);
        widgets.push_back(*widget);
    }
    CHECK(widgets == std::vector<std::string>{"a", "b"});
    REQUIRE(t.sent.size() == 2);
    CHECK(t.sent[1].body == R"({"nextToken":"n1"})");
    CHECK(signed_for_widgets(t.sent[0]));
    CHECK(signed_for_widgets(t.sent[1]));
    int pages = 0;
    scripted_endpoint_transport again{.answers = t.answers};
    // A temporary identity, as the README writes it: the range keeps its own copy.
    for (const auto& page : restop::pages(again, list_widget_pages{}, restop::sigv4_identity{*credentials, "us-west-2"}))
        pages += page ? 1 : 100;
    CHECK(pages == 2);
}
