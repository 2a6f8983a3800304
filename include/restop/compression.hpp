#pragma once
// smithy.api#requestCompression: a request body of at least `min_compressed_body` bytes is sent
// gzip-compressed, with `gzip` appended to its Content-Encoding, as the AWS SDKs do (their
// `requestMinCompressionSizeBytes` default is 10240). Opt-in: it brings zlib (link ZLIB::ZLIB);
// include it where an operation with restop::request_compression is encoded.

#include <cstddef>
#include <string>

#include <zlib.h>

#include "restop/encode.hpp"
#include "restop/header.hpp"
#include "restop/operation.hpp"

namespace restop {

/// Bodies smaller than this are sent as they are: compressing them saves too little.
inline constexpr std::size_t min_compressed_body = 10240;

namespace detail {
// gzip (RFC 1952) of `in`; false when zlib fails, and then the body is sent uncompressed.
inline bool gzip(std::string_view in, std::string& out) {
    z_stream stream{};
    // windowBits 15 + 16: a gzip wrapper rather than zlib's own.
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return false;
    out.resize(deflateBound(&stream, static_cast<uLong>(in.size())));
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    stream.avail_in = static_cast<uInt>(in.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return status == Z_STREAM_END;
}
}  // namespace detail

template <compression... Algorithms>
struct request_option<request_compression<Algorithms...>> {
    static void apply(request& out) {
        if (out.body.size() < min_compressed_body) return;
        std::string compressed;
        if (!detail::gzip(out.body, compressed)) return;
        out.body = std::move(compressed);
        for (header& field : out.headers) {
            if (iequals(field.name, "content-encoding")) {
                field.value += ", gzip";  // after the caller's own encodings, as the SDKs append it
                return;
            }
        }
        out.headers.push_back({"Content-Encoding", "gzip"});
    }
};

}  // namespace restop
