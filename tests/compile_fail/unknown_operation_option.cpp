// An operation option restop does not know.
// expect: restop::operation: the options after the output must be restop::host_prefix, request_compression or checksum_required
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>>, restop::errors<>, restop::empty_output, int>;
};
static_assert(restop::is_valid_description<op>);
