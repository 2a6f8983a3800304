#pragma once
// Shared checks for the bundled transports, run over real sockets against the CodeCatalyst
// emulator (tests/emulator) and a few tiny in-process servers.
//
// The emulator's port comes from RESTOP_EMULATOR_PORT (CTest starts the emulator as a fixture
// and sets it). Its users come from tests/emulator/users.json: RESTOP_EMULATOR_USERS (run time)
// or RESTOP_EMULATOR_USERS_FILE (compile time) may point at the file.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include <doctest/doctest.h>

#include "restop/request.hpp"
#include "restop/response.hpp"
#include "restop/transport.hpp"
#include "restop/transports/options.hpp"

namespace restop_test {

using restop::transport_error_kind;
using steady = std::chrono::steady_clock;

/// The emulator's port from RESTOP_EMULATOR_PORT, or nullopt.
inline std::optional<std::uint16_t> emulator_port() {
    const char* text = std::getenv("RESTOP_EMULATOR_PORT");
    if (text == nullptr || *text == '\0') return std::nullopt;
    char* end = nullptr;
    const unsigned long value = std::strtoul(text, &end, 10);
    if (*end != '\0' || value == 0 || value > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

/// Fails the current test (never a silent pass) when the emulator is not there.
#define RESTOP_REQUIRE_EMULATOR()                                                                  \
    do {                                                                                           \
        if (!::restop_test::emulator_port()) {                                                     \
            MESSAGE(                                                                               \
                "RESTOP_EMULATOR_PORT is not set: start tests/emulator's codecatalyst-emulator "   \
                "(--port 0 --port-file F --users tests/emulator/users.json) and export its port, " \
                "or run through CTest, which does both");                                          \
            FAIL("the CodeCatalyst emulator is required for this test");                           \
        }                                                                                          \
    } while (false)

/// A bearer secret from the emulator's users file (alice's first token).
inline std::string emulator_secret() {
    std::string path;
    if (const char* env = std::getenv("RESTOP_EMULATOR_USERS")) path = env;
#ifdef RESTOP_EMULATOR_USERS_FILE
    if (path.empty()) path = RESTOP_EMULATOR_USERS_FILE;
#endif
    if (path.empty()) path = "tests/emulator/users.json";
    std::ifstream in(path);
    if (in) {
        std::stringstream text;
        text << in.rdbuf();
        boost::system::error_code ec;
        const boost::json::value users = boost::json::parse(text.str(), ec);
        if (!ec) {
            if (const auto* secret = users.find_pointer("/users/0/accessTokens/0/secret", ec);
                secret && secret->is_string())
                return std::string(secret->as_string());
        }
    }
    return "alice-pat-secret-1";  // what tests/emulator/users.json ships
}

// ------------------------------------------------------------------ a raw socket client

struct socket_guard {
    int fd = -1;
    explicit socket_guard(int f) : fd(f) {}
    socket_guard(const socket_guard&) = delete;
    socket_guard& operator=(const socket_guard&) = delete;
    ~socket_guard() {
        if (fd >= 0) ::close(fd);
    }
};

inline int connect_loopback(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

struct raw_reply {
    int status = 0;
    std::string body;
};

/// One HTTP/1.1 exchange with `Connection: close`, independent of the transports under test:
/// the emulator's control endpoints are driven through it.
inline raw_reply raw_http(std::uint16_t port, std::string_view method, std::string_view target,
                          std::string_view body = {}) {
    socket_guard sock(connect_loopback(port));
    REQUIRE_MESSAGE(sock.fd >= 0, "cannot connect to 127.0.0.1:" << port);
    std::string out = std::string(method) + " " + std::string(target) +
                      " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                      "\r\nConnection: close\r\nContent-Type: application/json\r\n" +
                      "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
    REQUIRE(::send(sock.fd, out.data(), out.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(out.size()));
    std::string in;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::recv(sock.fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        in.append(buffer, static_cast<std::size_t>(n));
    }
    raw_reply reply;
    const std::size_t head_end = in.find("\r\n\r\n");
    REQUIRE_MESSAGE(head_end != std::string::npos, "no HTTP response from 127.0.0.1:" << port);
    reply.status = std::atoi(in.substr(9, 3).c_str());
    reply.body = in.substr(head_end + 4);  // the emulator sends Content-Length bodies, then closes
    return reply;
}

/// The emulator's test controls.
struct emulator {
    std::uint16_t port = 0;

    std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port); }

    void reset() const { REQUIRE(raw_http(port, "POST", "/__emulator/reset").status == 200); }

    void faults(std::string_view json_array) const {
        const raw_reply reply = raw_http(port, "POST", "/__emulator/faults", json_array);
        REQUIRE_MESSAGE(reply.status == 200, "fault refused: " << reply.body);
    }

    boost::json::array requests() const {
        const raw_reply reply = raw_http(port, "GET", "/__emulator/requests");
        REQUIRE(reply.status == 200);
        return boost::json::parse(reply.body).as_array();
    }
};

inline emulator require_emulator() {
    emulator emu;
    emu.port = *emulator_port();
    emu.reset();
    return emu;
}

/// A port on 127.0.0.1 that nothing listens on (bound, then closed).
inline std::uint16_t closed_port() {
    socket_guard sock(::socket(AF_INET, SOCK_STREAM, 0));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(sock.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t length = sizeof addr;
    REQUIRE(::getsockname(sock.fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0);
    return ntohs(addr.sin_port);
}

/// A server on 127.0.0.1 that, for each connection, reads a request head, answers with fixed
/// bytes and closes: for replies the emulator cannot produce (garbage, raw header order, a
/// connection closed right after a keep-alive response).
class scripted_server {
public:
    /// `hang_up` instead resets each connection after reading the first 256 KiB of the request.
    explicit scripted_server(std::string reply, bool hang_up = false) : reply_(std::move(reply)), hang_up_(hang_up) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(::listen(listener_, 4) == 0);
        socklen_t length = sizeof addr;
        REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &length) == 0);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    scripted_server(const scripted_server&) = delete;
    scripted_server& operator=(const scripted_server&) = delete;
    ~scripted_server() {
        ::shutdown(listener_, SHUT_RDWR);
        ::close(listener_);
        thread_.join();
    }
    std::uint16_t port() const { return port_; }
    std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
    /// The raw request head last received (waits for the first one to arrive).
    std::string received() const {
        for (int i = 0; i < 5000 && answered_.load() == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        std::lock_guard lock(mutex_);
        return received_;
    }
    /// How many connections have been served and closed.
    int served() const { return served_.load(); }

private:
    void serve() {
        for (;;) {
            const int fd = ::accept(listener_, nullptr, nullptr);
            if (fd < 0) return;
            timeval tv{5, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            char buffer[16384];
            std::string head;
            if (hang_up_) {
                // Let the client get well into its upload, then reset.
                for (std::size_t total = 0; total < 256 * 1024;) {
                    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
                    if (n <= 0) break;
                    total += static_cast<std::size_t>(n);
                }
                linger reset{1, 0};  // close() sends RST
                ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
            } else {
                while (head.find("\r\n\r\n") == std::string::npos) {
                    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
                    if (n <= 0) break;
                    head.append(buffer, static_cast<std::size_t>(n));
                }
                {
                    std::lock_guard lock(mutex_);
                    received_ = head;
                }
                ++answered_;
                (void)::send(fd, reply_.data(), reply_.size(), MSG_NOSIGNAL);
                ::shutdown(fd, SHUT_WR);
                while (::recv(fd, buffer, sizeof buffer, 0) > 0) {
                }
            }
            ::close(fd);
            ++served_;
        }
    }

    std::string reply_;
    bool hang_up_ = false;
    int listener_ = -1;
    std::uint16_t port_ = 0;
    mutable std::mutex mutex_;
    std::string received_;
    std::atomic<int> answered_{0};
    std::atomic<int> served_{0};  // connections closed
    std::thread thread_;
};

// ------------------------------------------------------------------ requests and checks

inline restop::request make_request(restop::http_method method, std::string target, std::string body = {}) {
    restop::request req;
    req.method = method;
    req.target = std::move(target);
    req.headers.push_back({"Authorization", "Bearer " + emulator_secret()});
    req.body = std::move(body);
    return req;
}

inline restop::transports::transport_options options_for(const emulator& emu) {
    restop::transports::transport_options options;
    options.endpoint = emu.endpoint();
    options.connect_timeout = std::chrono::milliseconds(2000);
    options.total_timeout = std::chrono::milliseconds(5000);
    return options;
}

inline std::string json_string(const boost::json::object& object, std::string_view key) {
    const boost::json::value* value = object.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string("<absent>");
}

inline bool logged_header(const boost::json::object& entry, std::string_view lower_name) {
    return entry.at("headers").as_object().contains(lower_name);
}

inline std::string logged_header_value(const boost::json::object& entry, std::string_view lower_name) {
    return json_string(entry.at("headers").as_object(), lower_name);
}

/// The error is of `kind` and does not leak the bearer secret.
inline void check_error(const restop::transport_result& result, transport_error_kind kind) {
    REQUIRE_MESSAGE(!result, "expected a transport error, got HTTP " << result->status);
    INFO("message: " << result.error().message);
    CHECK(result.error().kind == kind);
    CHECK_FALSE(result.error().message.empty());
    CHECK(result.error().message.find(emulator_secret()) == std::string::npos);
    CHECK(result.error().message.find("Bearer") == std::string::npos);
}

inline void require_response(const restop::transport_result& result) {
    REQUIRE_MESSAGE(result.has_value(), "transport error: " << result.error());
}

// Each check takes a factory `make(transport_options) -> Transport`.

/// POST with a JSON body: 200, response headers and body back; the emulator saw the target,
/// the body, the request's headers, Host, User-Agent and Content-Length, and no Expect.
template <class Make>
void check_round_trip(Make make) {
    RESTOP_REQUIRE_EMULATOR();
    const emulator emu = require_emulator();
    auto transport = make(options_for(emu));
    restop::request req = make_request(restop::http_method::post, "/v1/accessTokens", R"({"maxResults":1})");
    req.headers.push_back({"Content-Type", "application/json"});
    req.headers.push_back({"X-Restop-Test", "round trip"});

    const restop::transport_result result = transport.send(req);
    require_response(result);
    CHECK(result->status == 200);
    CHECK(result->body.find("\"items\"") != std::string::npos);
    REQUIRE(restop::find_header(result->headers, "content-type") != nullptr);
    CHECK(*restop::find_header(result->headers, "content-type") == "application/json");
    CHECK(restop::find_header(result->headers, "x-amzn-requestid") != nullptr);

    const boost::json::array log = emu.requests();
    REQUIRE(log.size() == 1);
    const boost::json::object& entry = log[0].as_object();
    CHECK(json_string(entry, "method") == "POST");
    CHECK(json_string(entry, "target") == "/v1/accessTokens");
    CHECK(json_string(entry, "body") == R"({"maxResults":1})");
    CHECK(entry.at("hasBearer").as_bool());
    CHECK(logged_header_value(entry, "content-type") == "application/json");
    CHECK(logged_header_value(entry, "x-restop-test") == "round trip");
    CHECK(logged_header_value(entry, "content-length") == "16");
    CHECK(logged_header_value(entry, "user-agent") == "restop/0.1");
    CHECK(logged_header_value(entry, "host") == "127.0.0.1:" + std::to_string(emu.port));
    CHECK_FALSE(logged_header(entry, "expect"));
}

/// Targets go out byte for byte (no dot-segment removal, no decoding or re-encoding), and a 404
/// comes back as a response with its headers, not as a transport error. No Content-Type is
/// invented for a request without one.
template <class Make>
void check_exact_target_and_404(Make make) {
    RESTOP_REQUIRE_EMULATOR();
    const emulator emu = require_emulator();
    auto transport = make(options_for(emu));

    const restop::transport_result deleted =
        transport.send(make_request(restop::http_method::delete_, "/v1/accessTokens/a%2Fb%2E%2E"));
    require_response(deleted);
    CHECK(deleted->status == 404);
    const std::string* error_type = restop::find_header(deleted->headers, "x-amzn-errortype");
    REQUIRE(error_type != nullptr);
    CHECK(error_type->rfind("ResourceNotFoundException", 0) == 0);
    CHECK(restop::find_header(deleted->headers, "x-amzn-requestid") != nullptr);
    CHECK(deleted->body.find("not found") != std::string::npos);

    const std::string odd = "/v1/./accessTokens/../accessTokens/x+y%20z,;'()%2e%2E?q=a+b&r=%2F";
    const restop::transport_result other = transport.send(make_request(restop::http_method::get, odd));
    require_response(other);
    CHECK(other->status >= 400);

    const boost::json::array log = emu.requests();
    REQUIRE(log.size() == 2);
    const boost::json::object& first = log[0].as_object();
    CHECK(json_string(first, "method") == "DELETE");
    CHECK(json_string(first, "target") == "/v1/accessTokens/a%2Fb%2E%2E");
    CHECK_FALSE(logged_header(first, "content-type"));
    CHECK(json_string(first, "body").empty());
    const boost::json::object& second = log[1].as_object();
    CHECK(json_string(second, "method") == "GET");
    CHECK(json_string(second, "target") == odd);
    CHECK_FALSE(logged_header(second, "content-type"));
}

/// A server slower than total_timeout yields timed_out, promptly; the next call works.
template <class Make>
void check_timeout(Make make) {
    RESTOP_REQUIRE_EMULATOR();
    const emulator emu = require_emulator();
    auto options = options_for(emu);
    options.total_timeout = std::chrono::milliseconds(500);
    auto transport = make(options);
    emu.faults(R"([{"delayMs":2000}])");
    const auto start = steady::now();
    const restop::transport_result result =
        transport.send(make_request(restop::http_method::post, "/v1/accessTokens", "{}"));
    const auto elapsed = steady::now() - start;
    check_error(result, transport_error_kind::timed_out);
    CHECK(elapsed >= std::chrono::milliseconds(450));
    CHECK(elapsed < std::chrono::milliseconds(1800));
    CHECK(result.error().retryable());

    const restop::transport_result after =
        transport.send(make_request(restop::http_method::post, "/v1/accessTokens", "{}"));
    require_response(after);
    CHECK(after->status == 200);
}

/// The server closing the connection without an answer yields connection_closed; the next
/// call works.
template <class Make>
void check_drop(Make make) {
    RESTOP_REQUIRE_EMULATOR();
    const emulator emu = require_emulator();
    auto transport = make(options_for(emu));
    emu.faults(R"([{"drop":true}])");
    const restop::transport_result result =
        transport.send(make_request(restop::http_method::delete_, "/v1/accessTokens/x"));
    check_error(result, transport_error_kind::connection_closed);
    CHECK(result.error().retryable());

    const restop::transport_result after =
        transport.send(make_request(restop::http_method::post, "/v1/accessTokens", "{}"));
    require_response(after);
    CHECK(after->status == 200);
}

/// A body of exactly max_response_body bytes is accepted; one byte more is response_too_large
/// with a message naming the cap; the next call works.
template <class Make>
void check_body_cap(Make make) {
    RESTOP_REQUIRE_EMULATOR();
    const emulator emu = require_emulator();
    auto options = options_for(emu);
    options.max_response_body = 1000;
    auto transport = make(options);
    emu.faults(R"([{"bodyBytes":1000},{"bodyBytes":1001},{"bodyBytes":100000}])");

    const restop::transport_result at_cap =
        transport.send(make_request(restop::http_method::post, "/v1/accessTokens", "{}"));
    require_response(at_cap);
    CHECK(at_cap->status == 200);
    CHECK(at_cap->body.size() == 1000);

    const restop::transport_result over =
        transport.send(make_request(restop::http_method::post, "/v1/accessTokens", "{}"));
    check_error(over, transport_error_kind::response_too_large);
    CHECK(over.error().message.find("1000") != std::string::npos);
    CHECK(over.error().message.find("max_response_body") != std::string::npos);
    CHECK_FALSE(over.error().retryable());

    const restop::transport_result far_over =
        transport.send(make_request(restop::http_method::post, "/v1/accessTokens", "{}"));
    check_error(far_over, transport_error_kind::response_too_large);

    const restop::transport_result after =
        transport.send(make_request(restop::http_method::post, "/v1/accessTokens", "{}"));
    require_response(after);
    CHECK(after->status == 200);
}

/// Nothing listening: connection_failed.
template <class Make>
void check_refused(Make make) {
    restop::transports::transport_options options;
    options.endpoint = "http://127.0.0.1:" + std::to_string(closed_port());
    options.connect_timeout = std::chrono::milliseconds(2000);
    auto transport = make(options);
    const restop::transport_result result =
        transport.send(make_request(restop::http_method::delete_, "/v1/accessTokens/x"));
    check_error(result, transport_error_kind::connection_failed);
    CHECK(result.error().retryable());
}

/// Two calls share one connection (the emulator keeps HTTP/1.1 connections alive); a response
/// that closes the connection makes the next call open a new one.
template <class Make>
void check_connection_reuse(Make make) {
    RESTOP_REQUIRE_EMULATOR();
    const emulator emu = require_emulator();
    auto transport = make(options_for(emu));
    for (int i = 0; i < 2; ++i) {
        const restop::transport_result result =
            transport.send(make_request(restop::http_method::post, "/v1/accessTokens", "{}"));
        require_response(result);
        CHECK(result->status == 200);
    }
    CHECK(transport.connections_opened() == 1);

    restop::request closing = make_request(restop::http_method::post, "/v1/accessTokens", "{}");
    closing.headers.push_back({"Connection", "close"});
    const restop::transport_result closed = transport.send(closing);
    require_response(closed);
    CHECK(transport.connections_opened() == 1);
    const restop::transport_result reopened =
        transport.send(make_request(restop::http_method::post, "/v1/accessTokens", "{}"));
    require_response(reopened);
    CHECK(reopened->status == 200);
    CHECK(transport.connections_opened() == 2);
    CHECK(emu.requests().size() == 4);
}

/// CR, LF or NUL in a header, or an unencoded target, is refused before anything is sent.
template <class Make>
void check_injection_refused(Make make) {
    RESTOP_REQUIRE_EMULATOR();
    const emulator emu = require_emulator();
    auto transport = make(options_for(emu));

    restop::request cr = make_request(restop::http_method::get, "/session");
    cr.headers.push_back({"X-Evil", "a\rInjected: 1"});
    restop::request lf = make_request(restop::http_method::get, "/session");
    lf.headers.push_back({"X-Evil", "a\nInjected: 1"});
    restop::request nul = make_request(restop::http_method::get, "/session");
    nul.headers.push_back({"X-Evil", std::string("a\0b", 3)});
    restop::request bad_name = make_request(restop::http_method::get, "/session");
    bad_name.headers.push_back({"X-Evil\r\nInjected", "1"});
    restop::request bad_target = make_request(restop::http_method::get, "/v1/a b");
    restop::request crlf_target = make_request(restop::http_method::get, "/v1/a\r\nInjected: 1");
    restop::request token_cr = make_request(restop::http_method::get, "/session");
    token_cr.headers[0].value += "\r\nX: 1";

    for (const restop::request* req : {&cr, &lf, &nul, &bad_name, &bad_target, &crlf_target, &token_cr}) {
        const restop::transport_result result = transport.send(*req);
        check_error(result, transport_error_kind::other);
        CHECK(result.error().message.find("refused before sending") != std::string::npos);
    }
    CHECK(emu.requests().empty());
    CHECK(transport.connections_opened() == 0);
}

/// Bytes that are not HTTP: protocol_error (or what the stack can tell, see `expected`).
template <class Make>
void check_garbage(Make make, transport_error_kind expected = transport_error_kind::protocol_error) {
    scripted_server server("SSH-2.0-OpenSSH_9.2\r\nthis is not HTTP\r\n\r\n");
    restop::transports::transport_options options;
    options.endpoint = server.endpoint();
    options.total_timeout = std::chrono::milliseconds(3000);
    auto transport = make(options);
    const restop::transport_result result = transport.send(make_request(restop::http_method::get, "/session"));
    check_error(result, expected);
}

/// A server that resets the connection while a large body is being written: connection_closed
/// (or connection_failed when the reset beats the connect), and no SIGPIPE kills the process.
template <class Make>
void check_reset_during_upload(Make make) {
    scripted_server server("", /*hang_up=*/true);
    restop::transports::transport_options options;
    options.endpoint = server.endpoint();
    options.total_timeout = std::chrono::milliseconds(5000);
    auto transport = make(options);
    const restop::transport_result result =
        transport.send(make_request(restop::http_method::put, "/v1/upload", std::string(8 * 1024 * 1024, 'x')));
    REQUIRE_FALSE(result);
    INFO("message: " << result.error().message);
    CHECK((result.error().kind == transport_error_kind::connection_closed ||
           result.error().kind == transport_error_kind::connection_failed));
    CHECK(result.error().message.find(emulator_secret()) == std::string::npos);
}

/// A server that closes a connection right after a response that did not say so: the next
/// call notices (or retries an idempotent request once) and opens a new connection.
template <class Make>
void check_reconnect_after_server_close(Make make) {
    scripted_server server("HTTP/1.1 204 No Content\r\n\r\n");
    restop::transports::transport_options options;
    options.endpoint = server.endpoint();
    {
        auto transport = make(options);
        for (int i = 0; i < 3; ++i) {
            const restop::transport_result result =
                transport.send(make_request(restop::http_method::delete_, "/v1/accessTokens/x"));
            require_response(result);
            CHECK(result->status == 204);
            std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the server's FIN arrives
        }
        CHECK(transport.connections_opened() == 3);
    }  // the transport closes its last connection, which lets the server count it
    for (int i = 0; i < 2000 && server.served() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    CHECK(server.served() == 3);
}

/// HEAD: the Content-Length of the absent body is neither awaited nor held against the cap.
template <class Make>
void check_head(Make make) {
    scripted_server server("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nETag: \"x\"\r\n\r\n");
    restop::transports::transport_options options;
    options.endpoint = server.endpoint();
    options.max_response_body = 1000;
    options.total_timeout = std::chrono::milliseconds(3000);
    auto transport = make(options);
    const auto start = steady::now();
    const restop::transport_result result = transport.send(make_request(restop::http_method::head, "/v1/x"));
    require_response(result);
    CHECK(steady::now() - start < std::chrono::milliseconds(2000));
    CHECK(result->status == 200);
    CHECK(result->body.empty());
    CHECK(restop::find_header(result->headers, "etag") != nullptr);
    CHECK(server.received().rfind("HEAD /v1/x HTTP/1.1\r\n", 0) == 0);
}

/// Repeated response fields are all kept, values verbatim; `ordered` also checks arrival order.
template <class Make>
void check_response_headers(Make make, bool ordered) {
    scripted_server server(
        "HTTP/1.1 418 I'm a teapot\r\nZ-First: 1\r\nSet-Cookie: a=1\r\nA-Middle:   spaced value  \r\n"
        "Set-Cookie: b=2\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
    restop::transports::transport_options options;
    options.endpoint = server.endpoint() + "/prefix/";
    auto transport = make(options);
    restop::request req = make_request(restop::http_method::get, "/v1/x");
    req.headers.push_back({"X-Empty", ""});
    const restop::transport_result result = transport.send(req);
    require_response(result);
    CHECK(result->status == 418);
    CHECK(result->body == "hello");
    std::vector<std::string> cookies;
    for (const restop::header& field : result->headers)
        if (restop::iequals(field.name, "set-cookie")) cookies.push_back(field.value);
    CHECK(cookies == std::vector<std::string>{"a=1", "b=2"});
    REQUIRE(restop::find_header(result->headers, "a-middle") != nullptr);
    CHECK(*restop::find_header(result->headers, "a-middle") == "spaced value");
    if (ordered) {
        REQUIRE(result->headers.size() >= 4);
        CHECK(result->headers[0].name == "Z-First");
        CHECK(result->headers[1].name == "Set-Cookie");
        CHECK(result->headers[2].name == "A-Middle");
        CHECK(result->headers[3].name == "Set-Cookie");
    }
    const std::string head = server.received();
    CHECK(head.rfind("GET /prefix/v1/x HTTP/1.1\r\n", 0) == 0);
    CHECK(head.find("\r\nX-Empty:") != std::string::npos);
    CHECK(head.find("Bearer " + emulator_secret()) != std::string::npos);
}

}  // namespace restop_test
