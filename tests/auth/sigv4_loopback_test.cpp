// SigV4 over real sockets on 127.0.0.1: a small Boost.Beast server in the test verifies the
// signature of every request it receives, recomputed from the bytes that arrived with the
// suite's credentials (shared/reference/sigv4-test-suite/get-vanilla/context.json), and answers
// 403 AccessDeniedException to a wrong one. The client is restop's real beast and curl
// transports wrapped by sigv4_signing_transport, driven by restop::call; and the same transports
// calling the protocol test service (aws.auth#sigv4, signing name "restjson") with a
// restop::sigv4_identity, the way a generated SigV4 service is called.
#include <doctest/doctest.h>

#include <curl/curl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include <restop/auth/sigv4.hpp>
#include <restop/codecatalyst/create_access_token.hpp>
#include <restop/codecatalyst/delete_access_token.hpp>
#include <restop/core.hpp>
#include <restop/transports/beast.hpp>
#include <restop/transports/curl.hpp>

// The protocol test service, generated into tests/protocol (aws.auth#sigv4 "restjson"): only the
// operations called here, since the whole service would double this file's compile time.
#include "rest_json/all_query_string_types.hpp"
#include "rest_json/http_request_with_labels.hpp"
#include "rest_json/service.hpp"
#include "rest_json/simple_scalar_properties.hpp"

#ifndef RESTOP_SIGV4_SUITE_DIR
#error "RESTOP_SIGV4_SUITE_DIR must name the sigv4-test-suite folder"
#endif

namespace cc = restop::codecatalyst;
namespace rj = restop_protocol::rest_json;
namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

struct suite_identity {
    std::string key_id, secret, region, service;
};

suite_identity load_identity() {
    const std::filesystem::path path = std::filesystem::path(RESTOP_SIGV4_SUITE_DIR) / "get-vanilla" / "context.json";
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "the SigV4 test suite is missing: " << path.string());
    std::ostringstream text;
    text << in.rdbuf();
    const auto context = boost::json::parse(text.str()).as_object();
    const auto& credentials = context.at("credentials").as_object();
    return {std::string(credentials.at("access_key_id").as_string()),
            std::string(credentials.at("secret_access_key").as_string()), std::string(context.at("region").as_string()),
            std::string(context.at("service").as_string())};
}

std::string_view between(std::string_view text, std::string_view open, std::string_view close) {
    const std::size_t at = text.find(open);
    if (at == std::string_view::npos) return {};
    const std::size_t begin = at + open.size();
    return text.substr(begin, std::min(text.find(close, begin), text.size()) - begin);
}

// "20150830T123600Z" -> the time point, or nullopt.
std::optional<std::chrono::sys_seconds> parse_amz_date(std::string_view text) {
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
    auto number = [&](std::size_t at, std::size_t width) { return std::stoi(std::string(text.substr(at, width))); };
    using namespace std::chrono;
    const sys_days day = year(number(0, 4)) / month(static_cast<unsigned>(number(4, 2))) /
                         number(6, 2);
    return day + hours(number(9, 2)) + minutes(number(11, 2)) + seconds(number(13, 2));
}

// A verifying server: one thread, one connection at a time, keep-alive.
class verifying_server {
public:
    explicit verifying_server(suite_identity identity) : identity_(std::move(identity)) {
        acceptor_.open(tcp::v4());
        acceptor_.set_option(asio::socket_base::reuse_address(true));
        acceptor_.bind(tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        acceptor_.listen();
        thread_ = std::thread([this] { serve(); });
    }
    verifying_server(const verifying_server&) = delete;
    verifying_server& operator=(const verifying_server&) = delete;
    ~verifying_server() {
        stopping_ = true;
        boost::system::error_code ignored;
        tcp::socket wake(io_);
        wake.connect(acceptor_.local_endpoint(), ignored);  // unblocks accept()
        thread_.join();
    }

    std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }
    int verified() const { return verified_; }
    int refused() const { return refused_; }
    std::vector<std::string> targets() {
        std::lock_guard lock(mutex_);
        return targets_;
    }
    std::string last_refusal() {
        std::lock_guard lock(mutex_);
        return last_refusal_;
    }

private:
    void serve() {
        while (!stopping_) {
            tcp::socket socket(io_);
            boost::system::error_code ec;
            acceptor_.accept(socket, ec);
            if (ec || stopping_) continue;
            boost::beast::flat_buffer buffer;
            for (;;) {
                http::request<http::string_body> req;
                http::read(socket, buffer, req, ec);
                if (ec) break;
                http::response<http::string_body> res = answer(req);
                res.keep_alive(req.keep_alive());
                res.prepare_payload();
                http::write(socket, res, ec);
                if (ec || !req.keep_alive()) break;
            }
            socket.shutdown(tcp::socket::shutdown_both, ec);
        }
    }

    // Why the signature is wrong, or empty when it verifies.
    std::string verify(const http::request<http::string_body>& in) {
        const auto authorization = in[http::field::authorization];
        const std::string_view auth(authorization.data(), authorization.size());
        if (!auth.starts_with("AWS4-HMAC-SHA256 Credential=")) return "no SigV4 Authorization";
        const std::string credential(between(auth, "Credential=", ","));
        const std::string expected_scope_tail = "/" + identity_.region + "/" + identity_.service + "/aws4_request";
        if (!credential.starts_with(identity_.key_id + "/") || !credential.ends_with(expected_scope_tail))
            return "unknown credential";
        const std::string signed_headers(between(auth, "SignedHeaders=", ","));
        if (signed_headers.find("host") == std::string::npos) return "Host is not signed";
        const auto date_field = in["x-amz-date"];
        const auto when = parse_amz_date(std::string_view(date_field.data(), date_field.size()));
        if (!when) return "no X-Amz-Date";

        // The request as received: its target byte for byte, the signed fields, the body.
        restop::request received;
        received.target = std::string(in.target());
        received.body = in.body();
        received.method = in.method() == http::verb::delete_ ? restop::http_method::delete_
                          : in.method() == http::verb::put   ? restop::http_method::put
                          : in.method() == http::verb::post  ? restop::http_method::post
                                                             : restop::http_method::get;
        for (std::size_t at = 0; at <= signed_headers.size();) {
            const std::size_t end = std::min(signed_headers.find(';', at), signed_headers.size());
            const std::string name = signed_headers.substr(at, end - at);
            for (const auto& field : in)
                if (restop::iequals(std::string_view(field.name_string().data(), field.name_string().size()), name))
                    received.headers.push_back({name, std::string(field.value())});
            at = end + 1;
        }
        const auto token_field = in["x-amz-security-token"];
        restop::sigv4_signer verifier({identity_.key_id, identity_.secret, std::string(token_field)}, identity_.region,
                                      identity_.service);
        if (!verifier.sign(received, "", *when)) return "cannot recompute";
        const std::string* recomputed = restop::find_header(received.headers, "authorization");
        if (!recomputed || *recomputed != auth) return "signature mismatch";
        return {};
    }

    http::response<http::string_body> answer(const http::request<http::string_body>& in) {
        http::response<http::string_body> res;
        res.version(11);
        res.set("x-amzn-RequestId", "req-loopback");
        res.set(http::field::content_type, "application/json");
        const std::string refusal = verify(in);
        {
            std::lock_guard lock(mutex_);
            targets_.emplace_back(in.target());
            if (!refusal.empty()) last_refusal_ = refusal;
        }
        if (!refusal.empty()) {
            ++refused_;
            res.result(http::status::forbidden);
            res.set("X-Amzn-Errortype", "AccessDeniedException");
            res.body() = R"({"message":"The request signature we calculated does not match the signature you provided."})";
            return res;
        }
        ++verified_;
        if (in.method() == http::verb::put && std::string_view(in.target().data(), in.target().size()).starts_with("/v1/")) {
            res.result(http::status::created);
            res.body() = R"({"secret":"new-pat","name":"ci","expiresTime":"2015-09-30T12:36:00Z","accessTokenId":"tok-1"})";
        } else {
            res.result(http::status::ok);
            res.body() = "{}";
        }
        return res;
    }

    suite_identity identity_;
    asio::io_context io_;
    tcp::acceptor acceptor_{io_};
    std::thread thread_;
    std::atomic<bool> stopping_{false};
    std::atomic<int> verified_{0};
    std::atomic<int> refused_{0};
    std::mutex mutex_;
    std::vector<std::string> targets_;
    std::string last_refusal_;
};

const restop::bearer_token placeholder("placeholder-replaced-by-sigv4");

template <class Transport>
void check_signed_calls(Transport transport, verifying_server& server, const suite_identity& identity) {
    restop::sigv4_signing_transport signing(std::move(transport), server.endpoint(),
                                            restop::sigv4_signer({identity.key_id, identity.secret}, identity.region,
                                                                 identity.service));
    // An id with a byte that is percent-encoded: the target must arrive as encoded, never re-encoded.
    auto deleted = restop::call_with_retries(signing, cc::delete_access_token{.id = "a:b c"}, placeholder);
    REQUIRE_MESSAGE(deleted, (deleted ? std::string() : (std::ostringstream() << deleted.error()).str()));
    auto created = restop::call(signing, cc::create_access_token{.name = "ci"}, placeholder);
    REQUIRE_MESSAGE(created, (created ? std::string() : (std::ostringstream() << created.error()).str()));
    CHECK(created->output.access_token_id == "tok-1");
    CHECK(server.verified() == 2);
    CHECK(server.refused() == 0);
    CHECK(server.targets().at(0) == "/v1/accessTokens/a%3Ab%20c");

    // The same calls with a wrong secret are refused by the server.
    restop::sigv4_signer wrong({identity.key_id, "not-the-secret"}, identity.region, identity.service);
    signing.signer() = std::move(wrong);
    auto denied = restop::call(signing, cc::delete_access_token{.id = "tok"}, placeholder);
    REQUIRE_FALSE(denied);
    CHECK(denied.error().status() == 403);
    CHECK(denied.error().name() == "AccessDeniedException");
    CHECK(server.refused() == 1);
    CHECK(server.last_refusal() == "signature mismatch");
    CHECK((std::ostringstream() << denied.error()).str().find("not-the-secret") == std::string::npos);

    // Session credentials: the token travels in X-Amz-Security-Token and is signed.
    signing.signer() = restop::sigv4_signer({identity.key_id, identity.secret, "session-token-1"}, identity.region,
                                            identity.service, {.sign_body = true});
    auto with_token = restop::call(signing, cc::delete_access_token{.id = "tok"}, placeholder);
    CHECK(with_token);
    CHECK(server.verified() == 3);
}

// Labels (with bytes the path encodes), query parameters, headers and a JSON body, each signed
// by call or call_with_retries from the identity alone, for the service's signing name.
template <class Transport>
void check_protocol_service_calls(Transport& transport, verifying_server& server, const suite_identity& identity) {
    const restop::sigv4_identity signer{{identity.key_id, identity.secret}, identity.region};
    auto report = [](const auto& outcome) { return outcome ? std::string() : (std::ostringstream() << outcome.error()).str(); };

    const rj::http_request_with_labels labels{.string = "a b/c", .short_ = 1, .integer = 2, .long_ = 3, .float_ = 4.5f,
                                              .double_ = 6.5, .boolean = true,
                                              .timestamp = *restop::parse_rfc3339("2019-12-16T23:48:18Z")};
    const auto labelled = restop::call(transport, labels, signer);
    REQUIRE_MESSAGE(labelled, report(labelled));
    const rj::all_query_string_types query{.query_string = "Hello there", .query_string_list = {{"a", "b&c"}},
                                           .query_integer = 3, .query_boolean = true};
    const auto queried = restop::call_with_retries(transport, query, signer, {.max_attempts = 2});
    REQUIRE_MESSAGE(queried, report(queried));
    const rj::simple_scalar_properties body{.foo = "Foo", .string_value = "string", .integer_value = 3, .double_value = 1.5};
    const auto put = restop::call(transport, body, signer);
    REQUIRE_MESSAGE(put, report(put));
    CHECK(server.verified() == 3);
    CHECK(server.refused() == 0);
    const auto targets = server.targets();
    REQUIRE(targets.size() == 3);
    CHECK(targets[0] == "/HttpRequestWithLabels/a%20b%2Fc/1/2/3/4.5/6.5/true/2019-12-16T23%3A48%3A18Z");
    CHECK(targets[1] == "/AllQueryStringTypesInput?String=Hello%20there&StringList=a&StringList=b%26c&Integer=3&Boolean=true");

    const auto denied = restop::call(transport, body, restop::sigv4_identity{{identity.key_id, "not-the-secret"}, identity.region});
    REQUIRE_FALSE(denied);
    CHECK(denied.error().status() == 403);
    CHECK(server.refused() == 1);
    CHECK(server.last_refusal() == "signature mismatch");
    CHECK(report(denied).find("not-the-secret") == std::string::npos);
}

suite_identity for_protocol_service(suite_identity identity) {
    identity.service = std::string(rj::service::auth::signing_name);
    return identity;
}

}  // namespace

TEST_CASE("sigv4 loopback: the protocol test service called with a sigv4_identity, over beast and curl") {
    const auto identity = for_protocol_service(load_identity());
    auto against_fresh_server = [&]<class Transport>(std::type_identity<Transport>) {
        verifying_server server(identity);
        restop::transports::transport_options options;
        options.endpoint = server.endpoint();
        options.total_timeout = std::chrono::seconds(10);
        Transport transport(options);
        check_protocol_service_calls(transport, server, identity);
    };
    curl_global_init(CURL_GLOBAL_DEFAULT);
    against_fresh_server(std::type_identity<restop::transports::beast_transport>{});
    against_fresh_server(std::type_identity<restop::transports::curl_transport>{});
    curl_global_cleanup();
}

TEST_CASE("sigv4 loopback: beast_transport requests verify on the server; a wrong secret gets 403") {
    const auto identity = load_identity();
    verifying_server server(identity);
    restop::transports::transport_options options;
    options.endpoint = server.endpoint();
    options.total_timeout = std::chrono::seconds(10);
    check_signed_calls(restop::transports::beast_transport(options), server, identity);
}

TEST_CASE("sigv4 loopback: curl_transport requests verify on the server; a wrong secret gets 403") {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    {
        const auto identity = load_identity();
        verifying_server server(identity);
        restop::transports::transport_options options;
        options.endpoint = server.endpoint();
        options.total_timeout = std::chrono::seconds(10);
        check_signed_calls(restop::transports::curl_transport(options), server, identity);
    }
    curl_global_cleanup();
}
