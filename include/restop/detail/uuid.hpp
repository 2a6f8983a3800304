#pragma once
// A random UUID version 4 (RFC 9562 section 5.4) for @idempotencyToken members the caller left
// unset.
//
// The 16 random bytes come from the operating system. On Linux that is getrandom(2) (and
// /dev/urandom where the kernel lacks it), on macOS and the BSDs arc4random_buf(3): their headers
// are small, whereas <random>, which std::random_device needs, adds about 90 ms (clang 14
// -ftime-trace) to every translation unit that encodes a request. Elsewhere std::random_device.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#if defined(__linux__) && __has_include(<sys/random.h>)
#define RESTOP_DETAIL_UUID_GETRANDOM 1
#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)
#define RESTOP_DETAIL_UUID_ARC4RANDOM 1
#else
#include <random>
#endif

namespace restop::detail {

#if defined(RESTOP_DETAIL_UUID_GETRANDOM)
// Reads all of `size` bytes from `fd`, retrying reads a signal interrupted.
inline bool read_all(int fd, unsigned char* bytes, std::size_t size) noexcept {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = ::read(fd, bytes + done, size - done);
        if (got > 0)
            done += static_cast<std::size_t>(got);
        else if (got == 0 || errno != EINTR)
            return false;
    }
    return true;
}

// getrandom(2) fills a request of up to 256 bytes whole once the pool is ready, but a signal can
// interrupt it before then; ENOSYS (a kernel older than 3.17) falls back to /dev/urandom.
inline void random_bytes(unsigned char* bytes, std::size_t size) noexcept {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = ::getrandom(bytes + done, size - done, 0);
        if (got > 0) {
            done += static_cast<std::size_t>(got);
        } else if (errno != EINTR) {
            const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
            const bool read = fd >= 0 && read_all(fd, bytes + done, size - done);
            if (fd >= 0) ::close(fd);
            // Neither source: a token that is not random could repeat another caller's and
            // have the service drop a request as a retry of it, so there is no safe fallback.
            // std::random_device would throw here; the core must also work without exceptions.
            if (!read) std::abort();
            return;
        }
    }
}
#elif defined(RESTOP_DETAIL_UUID_ARC4RANDOM)
inline void random_bytes(unsigned char* bytes, std::size_t size) noexcept { ::arc4random_buf(bytes, size); }
#else
// std::random_device per token: no generator state to share between threads.
inline void random_bytes(unsigned char* bytes, std::size_t size) {
    std::random_device source;
    for (std::size_t i = 0; i < size; i += 4) {
        const std::uint32_t word = source();
        for (std::size_t k = 0; k < 4 && i + k < size; ++k) bytes[i + k] = static_cast<unsigned char>(word >> (8 * k));
    }
}
#endif

// Spells 16 bytes as a UUID version 4: the version and variant bits set, lower-case hex.
inline std::string format_uuid_v4(unsigned char (&bytes)[16]) {
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // variant 10
    constexpr char hex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
        text += hex[bytes[i] >> 4];
        text += hex[bytes[i] & 0xF];
    }
    return text;
}

inline std::string make_uuid_v4() {
    unsigned char bytes[16];
    random_bytes(bytes, sizeof bytes);
    return format_uuid_v4(bytes);
}

}  // namespace restop::detail

#undef RESTOP_DETAIL_UUID_GETRANDOM
#undef RESTOP_DETAIL_UUID_ARC4RANDOM
