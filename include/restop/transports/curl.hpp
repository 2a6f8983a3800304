#pragma once
// restop::transports::curl_transport: a restop transport on libcurl's easy interface.
//
// Opt-in: include this header and link libcurl (`-lcurl`; Debian: libcurl4-openssl-dev).
// Works with -fno-exceptions.

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "restop/header.hpp"
#include "restop/http_method.hpp"
#include "restop/request.hpp"
#include "restop/response.hpp"
#include "restop/transport.hpp"
#include "restop/transports/detail/common.hpp"
#include "restop/transports/options.hpp"

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#define RESTOP_CURL_TRY try
#define RESTOP_CURL_CATCH_ALL catch (...)
#else
#define RESTOP_CURL_TRY if (true)
#define RESTOP_CURL_CATCH_ALL else
#endif

namespace restop::transports {

namespace detail {

struct curl_easy_deleter {
    void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
struct curl_slist_deleter {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

/// Everything a transfer touches, on the heap so that moving the transport never moves what
/// libcurl holds pointers to.
struct curl_state {
    transport_options options;
    std::optional<transport_error> config_error;  // bad endpoint or curl_easy_init failure
    std::string base_url;                         // scheme://authority/prefix
    std::unique_ptr<CURL, curl_easy_deleter> handle;
    std::size_t connections_opened = 0;

    // Per-transfer scratch.
    response out;
    bool too_large = false;
    bool out_of_memory = false;
    char error_buffer[CURL_ERROR_SIZE] = {};
};

// Header lines arrive one at a time, CRLF included. A status line starts a new header block
// (1xx interim responses, a proxy's CONNECT reply): only the final block is kept.
inline std::size_t curl_on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
    auto& state = *static_cast<curl_state*>(user);
    const std::size_t bytes = size * count;
    RESTOP_CURL_TRY {
        std::string_view line(data, bytes);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
        if (line.substr(0, 5) == "HTTP/") {
            state.out.headers.clear();
            return bytes;
        }
        if (line.empty()) return bytes;
        auto trim = [](std::string_view text) {
            while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
            while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
            return text;
        };
        if (line.front() == ' ' || line.front() == '\t') {  // obsolete line folding (RFC 9112 §5.2)
            if (!state.out.headers.empty()) {
                std::string& value = state.out.headers.back().value;
                value += ' ';
                value += trim(line);
            }
            return bytes;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) return bytes;  // curl already refuses real garbage
        state.out.headers.push_back(
            header{std::string(line.substr(0, colon)), std::string(trim(line.substr(colon + 1)))});
        return bytes;
    }
    RESTOP_CURL_CATCH_ALL {
        state.out_of_memory = true;
        return 0;  // aborts the transfer; an exception must not cross libcurl's C frames
    }
}

inline std::size_t curl_on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
    auto& state = *static_cast<curl_state*>(user);
    const std::size_t bytes = size * count;
    if (bytes > state.options.max_response_body - state.out.body.size()) {
        state.too_large = true;
        return 0;  // anything but `bytes` stops the transfer with CURLE_WRITE_ERROR
    }
    RESTOP_CURL_TRY {
        state.out.body.append(data, bytes);
        return bytes;
    }
    RESTOP_CURL_CATCH_ALL {
        state.out_of_memory = true;
        return 0;
    }
}

inline transport_error_kind curl_error_kind(CURLcode code, std::string_view message) noexcept {
    switch (code) {
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_CONNECT:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_USE_SSL_FAILED:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_ENGINE_INITFAILED:
            return transport_error_kind::connection_failed;
        case CURLE_OPERATION_TIMEDOUT:
            return transport_error_kind::timed_out;
        case CURLE_GOT_NOTHING:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_PARTIAL_FILE:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
        case CURLE_HTTP3:
            return transport_error_kind::connection_closed;
        case CURLE_FILESIZE_EXCEEDED:
            return transport_error_kind::response_too_large;
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_BAD_CONTENT_ENCODING:
        case CURLE_RANGE_ERROR:
            return transport_error_kind::protocol_error;
        case CURLE_UNSUPPORTED_PROTOCOL:
            // Only http/https endpoints get this far, so this is "Received HTTP/0.9 when not allowed".
            return message.find("HTTP/0.9") != std::string_view::npos ? transport_error_kind::protocol_error
                                                                      : transport_error_kind::other;
        default:
            return transport_error_kind::other;
    }
}

}  // namespace detail

/// A restop transport on libcurl: one easy handle, created in the constructor and reused by
/// every `send`, so libcurl keeps the connection alive between calls (and re-opens it, once,
/// when it finds that the server closed it). Move-only; not for concurrent use (one per thread).
///
///     #include <restop/transports/curl.hpp>
///
///     int main() {
///         curl_global_init(CURL_GLOBAL_DEFAULT);  // libcurl < 7.84 needs this before threads start
///         restop::transports::transport_options options;
///         options.endpoint = "https://codecatalyst.global.api.aws";
///         restop::transports::curl_transport transport(options);
///         restop::request req;
///         req.method = restop::http_method::delete_;
///         req.target = "/v1/accessTokens/a1b2c3d4";
///         req.headers.push_back({"Authorization", "Bearer " + std::string(std::getenv("CODECATALYST_TOKEN"))});
///         restop::transport_result res = transport.send(req);
///         if (!res) { std::cerr << res.error() << '\n'; return 1; }  // no token in the message
///         std::cout << res->status << ' ' << res->body << '\n';       // 4xx/5xx arrive here too
///         curl_global_cleanup();
///     }
///
/// On the wire: the target is appended to the endpoint and sent byte for byte
/// (CURLOPT_PATH_AS_IS; targets with bytes libcurl would re-encode are refused up front); the
/// request's headers go out in order; Host, User-Agent (unless the request has one) and, for a
/// body or POST/PUT/PATCH, Content-Length are added; libcurl's own `Accept: */*`,
/// `Expect: 100-continue` and `Content-Type: application/x-www-form-urlencoded` are suppressed.
/// Environment proxy variables are ignored and redirects are not followed. HTTP/2 is used over
/// TLS when the server offers it. Link: `-lcurl`.
class curl_transport : public detail::transport_base<curl_transport, detail::curl_state> {
public:
    static constexpr std::string_view name = "curl_transport";

    /// Creates the easy handle. Never throws except std::bad_alloc; a bad endpoint or a failed
    /// curl_easy_init makes every `send` fail with kind `other`.
    explicit curl_transport(transport_options options) {
        state_->options = std::move(options);
        auto parts = detail::parse_endpoint(state_->options.endpoint);
        if (!parts) {
            state_->config_error = std::move(parts).error();
            return;
        }
        state_->base_url = parts->scheme + "://" + parts->authority + parts->path_prefix;
        state_->handle.reset(curl_easy_init());
        if (!state_->handle)
            state_->config_error = detail::make_error(transport_error_kind::other, "curl_easy_init failed");
    }

private:
    friend class detail::transport_base<curl_transport, detail::curl_state>;
    // The exchange itself; transport_base::send has checked the state and the request.
    transport_result exchange(detail::curl_state& state, const request& req) {

        CURL* curl = state.handle.get();
        curl_easy_reset(curl);  // keeps the live connection, the DNS and TLS session caches
        state.out = response{};
        state.too_large = false;
        state.out_of_memory = false;
        state.error_buffer[0] = '\0';

        const std::string url = state.base_url + req.target;
        const transport_options& options = state.options;
        const bool has_body = !req.body.empty() || detail::sends_content_length_when_empty(req.method);
        const std::string method(to_string(req.method));

        CURLcode code = CURLE_OK;
        auto set = [&](CURLoption option, auto value) {
            if (code == CURLE_OK) code = curl_easy_setopt(curl, option, value);
        };
        set(CURLOPT_ERRORBUFFER, state.error_buffer);
        set(CURLOPT_URL, url.c_str());
        set(CURLOPT_PATH_AS_IS, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
        set(CURLOPT_PROTOCOLS_STR, "http,https");
#else
        set(CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
        set(CURLOPT_FOLLOWLOCATION, 0L);
        set(CURLOPT_NOSIGNAL, 1L);
        set(CURLOPT_PROXY, "");  // ignore http_proxy & co, like the other transports
        set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
        set(CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
        set(CURLOPT_SSL_VERIFYPEER, 1L);
        set(CURLOPT_SSL_VERIFYHOST, 2L);
        if (!options.ca_file.empty()) set(CURLOPT_CAINFO, options.ca_file.c_str());
        set(CURLOPT_HEADERFUNCTION, static_cast<curl_write_callback>(&detail::curl_on_header));
        set(CURLOPT_HEADERDATA, static_cast<void*>(&state));
        set(CURLOPT_WRITEFUNCTION, static_cast<curl_write_callback>(&detail::curl_on_body));
        set(CURLOPT_WRITEDATA, static_cast<void*>(&state));
        if (req.method != http_method::head)
            set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_response_body));

        if (req.method == http_method::head) {
            set(CURLOPT_NOBODY, 1L);
        } else if (has_body) {
            set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
            set(CURLOPT_POSTFIELDS, req.body.data());  // not copied: req outlives the transfer
            if (req.method != http_method::post) set(CURLOPT_CUSTOMREQUEST, method.c_str());
        } else if (req.method != http_method::get) {
            set(CURLOPT_CUSTOMREQUEST, method.c_str());
        }
        if (!detail::has_header(req, "user-agent")) set(CURLOPT_USERAGENT, options.user_agent.c_str());

        // "Name: value" adds a field, "Name;" adds one with an empty value, "Name:" removes
        // one that libcurl would add by itself.
        std::unique_ptr<curl_slist, detail::curl_slist_deleter> fields;
        bool appended = true;
        auto add = [&](const std::string& line) {
            curl_slist* head = curl_slist_append(fields.get(), line.c_str());  // the list's head
            if (head == nullptr) {
                appended = false;  // the list is left as it was
                return;
            }
            (void)fields.release();
            fields.reset(head);
        };
        for (const header& field : req.headers)
            add(field.value.empty() ? field.name + ";" : field.name + ": " + field.value);
        add("Expect:");
        if (!detail::has_header(req, "accept")) add("Accept:");
        if (has_body && !detail::has_header(req, "content-type")) add("Content-Type:");
        if (!appended)
            return failure(detail::make_error(transport_error_kind::other, "curl_slist_append failed (out of memory)"));
        set(CURLOPT_HTTPHEADER, fields.get());
        if (code != CURLE_OK)
            return failure(detail::make_error(transport_error_kind::other,
                                              std::string("curl_easy_setopt: ") + curl_easy_strerror(code)));

        code = curl_easy_perform(curl);

        long new_connections = 0;
        if (curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &new_connections) == CURLE_OK && new_connections > 0)
            state.connections_opened += static_cast<std::size_t>(new_connections);
        // Without this, the handle would keep pointing at the request's header list and body.
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));

        if (code != CURLE_OK) {
            std::string stack_message =
                state.error_buffer[0] != '\0' ? std::string(state.error_buffer) : std::string(curl_easy_strerror(code));
            transport_error_kind kind = detail::curl_error_kind(code, stack_message);
            std::string message;
            if (state.too_large || code == CURLE_FILESIZE_EXCEEDED) {
                kind = transport_error_kind::response_too_large;
                message = detail::too_large_message(options.max_response_body) + " (curl: " + stack_message + ")";
            } else if (state.out_of_memory) {
                kind = transport_error_kind::other;
                message = "out of memory while receiving the response";
            } else {
                message = "curl: " + stack_message;
            }
            state.out = response{};
            return failure(detail::make_error(kind, detail::redact(std::move(message), req)));
        }

        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        if (status < 100 || status > 999)
            return failure(
                detail::make_error(transport_error_kind::protocol_error, "curl: no valid HTTP status received"));
        state.out.status = static_cast<int>(status);
        return std::exchange(state.out, response{});
    }

    std::unique_ptr<detail::curl_state> state_;
};

}  // namespace restop::transports

static_assert(restop::transport<restop::transports::curl_transport>);

#undef RESTOP_CURL_TRY
#undef RESTOP_CURL_CATCH_ALL
