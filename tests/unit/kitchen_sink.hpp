#pragma once
// A made-up service that uses every value kind and every binding, for the unit tests of
// value_traits, encode and decode. Its shapes follow the Smithy restJson1 protocol tests.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <restop/restop.hpp>

namespace sink {

struct invalid_greeting : restop::error_shape<"InvalidGreeting", 400, restop::fault::client> {
    std::optional<std::string> header{};
    std::optional<std::int32_t> code{};
    using fields = restop::fields<restop::http_header<"X-Header", &invalid_greeting::header>,
                                  restop::json_field<"Code", &invalid_greeting::code>>;
};
using errors = restop::errors<invalid_greeting>;

struct colour : restop::string_enum<colour> {
    using string_enum<colour>::string_enum;
    static constexpr std::string_view red = "RED";
    static constexpr std::string_view green = "GREEN";
    static constexpr std::array<std::string_view, 2> known_values = {red, green};
};

struct level : restop::int_enum<level> {
    using int_enum<level>::int_enum;
    static constexpr std::int32_t low = 1;
    static constexpr std::int32_t high = 2;
    static constexpr std::array<std::int32_t, 2> known_values = {low, high};
};

struct greeting {
    std::string text{};
    std::optional<std::int16_t> volume{};
    using fields = restop::fields<restop::json_field<"text", &greeting::text>, restop::json_field<"volume", &greeting::volume>>;
};

struct choice {
    std::optional<std::string> string_value{};
    std::optional<bool> boolean_value{};
    std::optional<greeting> greeting_value{};
    restop::unknown_alternative unknown{};
    using alternatives = restop::fields<restop::json_field<"stringValue", &choice::string_value>,
                                        restop::json_field<"booleanValue", &choice::boolean_value>,
                                        restop::json_field<"greetingValue", &choice::greeting_value>>;
};

struct node {
    std::string name{};
    restop::boxed<node> next{};
    using fields = restop::fields<restop::json_field<"name", &node::name>, restop::json_field<"next", &node::next>>;
    friend bool operator==(const node&, const node&) = default;
};

/// Every scalar in a JSON object, plus containers, unions and documents.
struct everything {
    std::optional<std::int8_t> byte_value{};
    std::optional<std::int64_t> long_value{};
    std::optional<float> float_value{};
    std::optional<double> double_value{};
    std::optional<restop::big_integer> big_integer_value{};
    std::optional<restop::big_decimal> big_decimal_value{};
    std::optional<restop::blob> blob_value{};
    std::optional<restop::timestamp> epoch_value{};
    std::optional<restop::timestamp> http_date_value{};
    std::optional<colour> colour_value{};
    std::optional<level> level_value{};
    std::optional<restop::document> document_value{};
    std::optional<std::vector<std::optional<std::string>>> sparse_list{};
    std::optional<std::map<std::string, std::optional<std::int32_t>>> sparse_map{};
    std::optional<std::map<std::string, greeting>> greetings{};
    std::optional<choice> choice_value{};
    std::optional<node> chain{};

    using fields = restop::fields<
        restop::json_field<"byte", &everything::byte_value>, restop::json_field<"long", &everything::long_value>,
        restop::json_field<"float", &everything::float_value>, restop::json_field<"double", &everything::double_value>,
        restop::json_field<"bigInteger", &everything::big_integer_value>,
        restop::json_field<"bigDecimal", &everything::big_decimal_value>, restop::json_field<"blob", &everything::blob_value>,
        restop::json_field<"epoch", &everything::epoch_value>,
        restop::json_field<"httpDate", &everything::http_date_value, restop::format<restop::timestamp_format::http_date>>,
        restop::json_field<"colour", &everything::colour_value>, restop::json_field<"level", &everything::level_value>,
        restop::json_field<"document", &everything::document_value>, restop::json_field<"sparseList", &everything::sparse_list>,
        restop::json_field<"sparseMap", &everything::sparse_map>, restop::json_field<"greetings", &everything::greetings>,
        restop::json_field<"choice", &everything::choice_value>, restop::json_field<"chain", &everything::chain>>;
};

struct put_everything_output {
    std::optional<everything> body{};
    using fields = restop::fields<restop::http_payload<&put_everything_output::body>>;
};
/// A structure payload in and out.
struct put_everything {
    std::optional<everything> body{};
    using description = restop::operation<restop::http_method::post, "/everything", 200,
                                          restop::members<restop::http_payload<&put_everything::body>>, errors,
                                          put_everything_output>;
};

/// Body members at the top level, one of them an idempotency token.
struct create_thing {
    restop::string_param<restop::required, restop::length<1, 8>> name{};
    restop::string_param<> client_token{};
    std::optional<std::string> note{};
    using description = restop::operation<
        restop::http_method::post, "/things", 200,
        restop::members<restop::json_field<"name", &create_thing::name>,
                        restop::json_field<"clientToken", &create_thing::client_token, restop::idempotency_token>,
                        restop::json_field<"note", &create_thing::note, restop::length<1, 3>>>,
        errors>;
};

/// Labels, query strings and headers of every scalar kind; lists; maps of query params and
/// prefix headers; a host label.
struct get_bound {
    restop::string_param<restop::required> name{};
    restop::timestamp when{};
    std::optional<std::vector<std::string>> tags{};
    std::optional<std::vector<restop::timestamp>> dates{};
    std::optional<double> ratio{};
    std::optional<std::map<std::string, std::vector<std::string>>> extra_query{};
    std::optional<std::string> search{};
    std::optional<std::vector<std::string>> header_list{};
    std::optional<std::vector<restop::timestamp>> header_dates{};
    std::optional<restop::blob> header_blob{};
    std::optional<std::string> header_json{};
    std::optional<std::map<std::string, std::string>> meta{};
    restop::string_param<restop::required> account{};

    using description = restop::operation<
        restop::http_method::get, "/bound/{name}/{when}", 200,
        restop::members<restop::http_label<"name", &get_bound::name>, restop::http_label<"when", &get_bound::when>,
                        restop::http_query<"tag", &get_bound::tags>, restop::http_query<"date", &get_bound::dates>,
                        restop::http_query<"ratio", &get_bound::ratio>, restop::http_query<"search", &get_bound::search>,
                        restop::http_query_params<&get_bound::extra_query>,
                        restop::http_header<"X-List", &get_bound::header_list>,
                        restop::http_header<"X-Dates", &get_bound::header_dates>,
                        restop::http_header<"X-Blob", &get_bound::header_blob>,
                        restop::http_header<"X-Json", &get_bound::header_json, restop::media_type<"application/json">>,
                        restop::http_prefix_headers<"X-Meta-", &get_bound::meta>,
                        restop::host_label<"account", &get_bound::account>>,
        errors, restop::empty_output, restop::host_prefix<"{account}.data.">>;
};

/// A blob payload in, a structure payload out, with headers and the status code read back.
struct put_payload_output {
    std::optional<greeting> payload{};
    std::optional<std::string> etag{};
    std::optional<std::vector<std::int32_t>> numbers{};
    std::optional<std::map<std::string, std::string>> meta{};
    std::int32_t status = 0;
    using fields = restop::fields<restop::http_payload<&put_payload_output::payload>,
                                  restop::http_header<"ETag", &put_payload_output::etag>,
                                  restop::http_header<"X-Numbers", &put_payload_output::numbers>,
                                  restop::http_prefix_headers<"X-Meta-", &put_payload_output::meta>,
                                  restop::http_response_code<&put_payload_output::status>>;
};
struct put_payload {
    std::optional<restop::blob> data{};
    using description = restop::operation<restop::http_method::put, "/payload", 201,
                                          restop::members<restop::http_payload<&put_payload::data, restop::media_type<"image/png">>>,
                                          errors, put_payload_output>;
};

/// A string payload in, a string payload out.
struct echo_text_output {
    std::optional<std::string> text{};
    using fields = restop::fields<restop::http_payload<&echo_text_output::text>>;
};
struct echo_text {
    std::optional<std::string> text{};
    using description = restop::operation<restop::http_method::post, "/echo", 200,
                                          restop::members<restop::http_payload<&echo_text::text>>, errors, echo_text_output>;
};

}  // namespace sink
