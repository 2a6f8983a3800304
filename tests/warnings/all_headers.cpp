// Compiled, never linked, by the "warnings: ..." tests (tests/cmake/check_consumer_warnings.cmake):
// every public header as a consumer includes it, with `-I include` rather than `-isystem`, under
// -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror. The templates are instantiated below so
// that their bodies are checked too. The script fails if a header under restop/transports/ is
// missing from this list.
#include <restop/auth/aws_credentials.hpp>
#include <restop/auth/sigv4.hpp>
#include <restop/async.hpp>
#include <restop/async_middleware.hpp>
#include <restop/middleware.hpp>
#include <restop/recording.hpp>
#include <restop/restop.hpp>
#include <restop/transports/beast.hpp>
#include <restop/transports/beast_async.hpp>
#include <restop/transports/curl.hpp>
#include <restop/transports/httplib.hpp>
#include <restop/transports/options.hpp>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <sstream>
#include <string>

namespace cc = restop::codecatalyst;

namespace {

template <class Transport>
int use(Transport& transport, const restop::bearer_token& token, const std::string& id) {
    const cc::delete_access_token op{.id = id};
    if (auto checked = restop::validate(op); !checked) return 2;
    if (auto encoded = restop::encode(op, token); !encoded) return 2;
    auto once = restop::call(transport, op, token);
    auto outcome = restop::call_with_retries(transport, op, token, {.max_attempts = 2});
    if (!outcome) {
        std::ostringstream text;
        text << outcome.error() << token;
        return outcome.error().retryable() ? 3 : 1;
    }
    return once ? 0 : 1;
}

}  // namespace

int restop_consumer_warnings(const std::string& endpoint, const std::string& secret, const std::string& id);

int restop_consumer_warnings(const std::string& endpoint, const std::string& secret, const std::string& id) {
    restop::transports::transport_options options;
    options.endpoint = endpoint;
    const restop::bearer_token token(secret);
    restop::transports::curl_transport curl(options);
    restop::transports::beast_transport beast(options);
    restop::transports::httplib_transport httplib(options);
    const auto decoded = restop::decode<cc::delete_access_token>(restop::response{404, {}, R"({"message":"gone"})"});
    restop::sigv4_signing_transport<restop::transports::curl_transport&> signed_curl(
        curl, endpoint, restop::sigv4_signer({"AKIDEXAMPLE", secret}, "us-east-1", "codecatalyst"));
    restop::request presigned{restop::http_method::get, "/v1/x?a=b", {}, {}};
    const bool presigned_ok = static_cast<bool>(
        signed_curl.signer().presign(presigned, signed_curl.host(), std::chrono::system_clock::now(), std::chrono::minutes(5)));
    // The async headers, their templates instantiated on the async Beast transport.
    boost::asio::io_context io;
    restop::transports::beast_async_transport beast_async(io.get_executor(), options);
    std::ostringstream log;
    auto logged = restop::logging_async_transport(restop::async_transport_ref<decltype(beast_async)>{&beast_async}, log);
    int async_failures = 0;
    restop::async_call_with_retries(logged, cc::delete_access_token{.id = id}, token, {.deadline = std::chrono::seconds(1)},
                                    [&](restop::result_of<cc::delete_access_token> r) { async_failures += r ? 0 : 1; });
    auto logged_sync = restop::logging_transport(restop::transport_ref<decltype(curl)>{&curl}, log);
    restop::recording_transport recorder(restop::transport_ref<decltype(curl)>{&curl}, log);
    io.run();
    return use(curl, token, id) + use(beast, token, id) + use(httplib, token, id) + use(signed_curl, token, id) +
           use(logged_sync, token, id) + use(recorder, token, id) + (decoded ? 0 : 1) + (presigned_ok ? 0 : 1) +
           async_failures;
}
