#pragma once
// A tiny HTTPS server on 127.0.0.1 for the transports' TLS checks: a fresh self-signed
// certificate for "localhost" (made at run time, so nothing secret or expiring is committed),
// OpenSSL directly, one thread. Link: -lssl -lcrypto.

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <pthread.h>
#include <unistd.h>

#include <csignal>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

#include "transport_test_support.hpp"

namespace restop_test {

class tls_server {
public:
    /// Serves `reply` to every connection whose handshake succeeds.
    explicit tls_server(std::string reply) : reply_(std::move(reply)) {
        make_certificate();
        ctx_ = SSL_CTX_new(TLS_server_method());
        REQUIRE(ctx_ != nullptr);
        REQUIRE(SSL_CTX_use_certificate(ctx_, cert_) == 1);
        REQUIRE(SSL_CTX_use_PrivateKey(ctx_, key_) == 1);

        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(::listen(listener_, 8) == 0);
        socklen_t length = sizeof addr;
        REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &length) == 0);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    tls_server(const tls_server&) = delete;
    tls_server& operator=(const tls_server&) = delete;
    ~tls_server() {
        ::shutdown(listener_, SHUT_RDWR);
        ::close(listener_);
        thread_.join();
        SSL_CTX_free(ctx_);
        X509_free(cert_);
        EVP_PKEY_free(key_);
        std::error_code ignored;
        std::filesystem::remove(ca_file_, ignored);
    }

    std::uint16_t port() const { return port_; }
    /// A PEM file holding the server's certificate, to pass as transport_options::ca_file.
    const std::string& ca_file() const { return ca_file_; }
    /// The SNI host name of the last successful handshake ("" when none was sent).
    std::string sni() const {
        std::lock_guard lock(mutex_);
        return sni_;
    }
    /// The request head of the last successful handshake.
    std::string received() const {
        std::lock_guard lock(mutex_);
        return received_;
    }
    int handshakes() const { return handshakes_.load(); }

private:
    void make_certificate() {
        key_ = EVP_EC_gen("P-256");
        REQUIRE(key_ != nullptr);
        cert_ = X509_new();
        REQUIRE(X509_set_version(cert_, 2) == 1);
        ASN1_INTEGER_set(X509_get_serialNumber(cert_), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert_), -3600L);
        X509_gmtime_adj(X509_getm_notAfter(cert_), 24L * 3600L);
        X509_set_pubkey(cert_, key_);
        X509_NAME* name = X509_get_subject_name(cert_);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1,
                                   -1, 0);
        X509_set_issuer_name(cert_, name);
        X509V3_CTX v3;
        X509V3_set_ctx_nodb(&v3);
        X509V3_set_ctx(&v3, cert_, cert_, nullptr, nullptr, 0);
        for (auto [nid, value] :
             {std::pair{NID_subject_alt_name, "DNS:localhost"}, std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
            X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &v3, nid, value);
            REQUIRE(extension != nullptr);
            X509_add_ext(cert_, extension, -1);
            X509_EXTENSION_free(extension);
        }
        REQUIRE(X509_sign(cert_, key_, EVP_sha256()) > 0);

        ca_file_ =
            (std::filesystem::temp_directory_path() / ("restop-tls-test-" + std::to_string(::getpid()) + "-" +
                                                       std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".pem"))
                .string();
        FILE* out = std::fopen(ca_file_.c_str(), "w");
        REQUIRE(out != nullptr);
        PEM_write_X509(out, cert_);
        std::fclose(out);
    }

    void serve() {
        // OpenSSL writes with write(2): a client that hung up must not kill the test with
        // SIGPIPE. The signal goes to the writing thread, so blocking it here is enough.
        sigset_t pipe_only;
        sigemptyset(&pipe_only);
        sigaddset(&pipe_only, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe_only, nullptr);
        for (;;) {
            const int fd = ::accept(listener_, nullptr, nullptr);
            if (fd < 0) return;
            timeval tv{5, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            SSL* ssl = SSL_new(ctx_);
            SSL_set_fd(ssl, fd);
            if (SSL_accept(ssl) == 1) {
                ++handshakes_;
                const char* server_name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
                std::string head;
                char buffer[4096];
                while (head.find("\r\n\r\n") == std::string::npos) {
                    const int n = SSL_read(ssl, buffer, sizeof buffer);
                    if (n <= 0) break;
                    head.append(buffer, static_cast<std::size_t>(n));
                }
                {
                    std::lock_guard lock(mutex_);
                    sni_ = server_name != nullptr ? server_name : "";
                    received_ = head;
                }
                SSL_write(ssl, reply_.data(), static_cast<int>(reply_.size()));
                SSL_shutdown(ssl);
            }
            ERR_clear_error();
            SSL_free(ssl);
            ::close(fd);
        }
    }

    std::string reply_;
    EVP_PKEY* key_ = nullptr;
    X509* cert_ = nullptr;
    SSL_CTX* ctx_ = nullptr;
    std::string ca_file_;
    int listener_ = -1;
    std::uint16_t port_ = 0;
    mutable std::mutex mutex_;
    std::string sni_;
    std::string received_;
    std::atomic<int> handshakes_{0};
    std::thread thread_;
};

inline const char* tls_reply() {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
}

/// With the system trust store a self-signed server is refused: connection_failed.
template <class Make>
void check_tls_verifies_by_default(Make make) {
    tls_server server(tls_reply());
    restop::transports::transport_options options;
    options.endpoint = "https://localhost:" + std::to_string(server.port());
    auto transport = make(options);
    const restop::transport_result result = transport.send(make_request(restop::http_method::get, "/v1/x"));
    check_error(result, transport_error_kind::connection_failed);
    CHECK(server.received().empty());
}

/// Trusting the server's certificate through ca_file: a round trip over TLS, with SNI.
template <class Make>
void check_tls_round_trip(Make make) {
    tls_server server(tls_reply());
    restop::transports::transport_options options;
    options.endpoint = "https://localhost:" + std::to_string(server.port());
    options.ca_file = server.ca_file();
    auto transport = make(options);
    const restop::transport_result result = transport.send(make_request(restop::http_method::get, "/v1/a%2Fb"));
    require_response(result);
    CHECK(result->status == 200);
    CHECK(result->body == "{}");
    CHECK(server.sni() == "localhost");
    const std::string head = server.received();
    CHECK(head.rfind("GET /v1/a%2Fb HTTP/1.1\r\n", 0) == 0);
    CHECK(head.find("localhost:" + std::to_string(server.port())) != std::string::npos);
}

/// A trusted certificate for another name (it names localhost, not 127.0.0.1): connection_failed.
template <class Make>
void check_tls_host_mismatch(Make make) {
    tls_server server(tls_reply());
    restop::transports::transport_options options;
    options.endpoint = "https://127.0.0.1:" + std::to_string(server.port());
    options.ca_file = server.ca_file();
    auto transport = make(options);
    const restop::transport_result result = transport.send(make_request(restop::http_method::get, "/v1/x"));
    check_error(result, transport_error_kind::connection_failed);
    CHECK(server.received().empty());
}

}  // namespace restop_test
