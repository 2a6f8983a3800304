#pragma once
// smithy.api#httpChecksumRequired: the request carries `Content-MD5`, the base64 of the MD5 of its
// body (RFC 1864). Opt-in: it brings OpenSSL's libcrypto (link OpenSSL::Crypto), which computes
// the digest; include it where an operation with restop::checksum_required is encoded.

#include <string>

#include <openssl/evp.h>

#include "restop/blob.hpp"
#include "restop/encode.hpp"
#include "restop/operation.hpp"

namespace restop {

template <>
struct request_option<checksum_required> {
    /// Adds Content-MD5 for the body (an empty body has a digest too).
    static void apply(request& out) {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int size = 0;
        EVP_Digest(out.body.data(), out.body.size(), digest, &size, EVP_md5(), nullptr);
        std::string value;
        append_base64(value, std::string_view(reinterpret_cast<const char*>(digest), size));
        out.headers.push_back({"Content-MD5", std::move(value)});
    }
};

}  // namespace restop
