// expect: this operation has @requestCompression or @httpChecksumRequired: include <restop/compression.hpp> \(zlib\) or <restop/checksum.hpp> \(OpenSSL\) where it is encoded
#include <restop/restop.hpp>

struct put_thing {
    std::optional<std::string> foo{};
    using description = restop::operation<restop::http_method::post, "/things", 200,
                                          restop::members<restop::json_field<"foo", &put_thing::foo>>, restop::errors<>,
                                          restop::empty_output, restop::checksum_required>;
};
int main() { return restop::encode(put_thing{}) ? 0 : 1; }
