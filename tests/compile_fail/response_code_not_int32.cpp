// An http_response_code member that is not a std::int32_t.
// expect: restop: an http_response_code member must be a std::int32_t
#include <restop/restop.hpp>

struct output {
    long status = 0;
    using fields = restop::fields<restop::http_response_code<&output::status>>;
};
restop::http_response_code<&output::status> binding;
